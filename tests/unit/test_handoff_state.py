"""What the hand-off screen says for each turn a paid session can take."""

from __future__ import annotations

import pytest

from tui.domain.handoff import Outcome, confirmed_state, handoff_state
from tui.polar.models import CheckoutPublic

SUCCESS_URL = "https://shop.example/thanks?checkout=abc"
DECLINED = "The payment did not go through: the checkout is open again; the customer can try again."


def _session(status: str, success_url: str | None = SUCCESS_URL) -> CheckoutPublic:
    return CheckoutPublic.model_validate({"status": status, "success_url": success_url})


@pytest.mark.parametrize(
    ("previous", "status", "outcome", "line", "final"),
    [
        (None, "open", Outcome.WAITING, "Waiting for payment…", False),
        (None, "confirmed", Outcome.PAID, "Paid: confirmed", False),
        ("open", "confirmed", Outcome.PAID, "Paid: confirmed", False),
        ("confirmed", "open", Outcome.DECLINED, DECLINED, False),
        ("open", "open", Outcome.WAITING, "Waiting for payment…", False),
        ("expired", "open", Outcome.WAITING, "Waiting for payment…", False),
        ("confirmed", "succeeded", Outcome.SUCCEEDED, "Succeeded", True),
        ("open", "expired", Outcome.EXPIRED, "Expired", True),
        ("confirmed", "failed", Outcome.FAILED, "Failed: the payment did not go through.", False),
        (None, "on-hold", Outcome.OTHER, "Status: on-hold", False),
    ],
)
def test_each_turn_of_a_session_has_its_line(
    previous: str | None, status: str, outcome: Outcome, line: str, final: bool
) -> None:
    state = handoff_state(previous, _session(status))
    assert (state.outcome, state.line, state.final) == (outcome, line, final)


def test_success_names_where_the_customer_goes_next() -> None:
    assert handoff_state("confirmed", _session("succeeded")).success_url == SUCCESS_URL
    assert handoff_state("confirmed", _session("succeeded", None)).success_url is None
    assert handoff_state("open", _session("open")).success_url is None


def test_server_text_in_the_state_cannot_drive_the_terminal() -> None:
    state = handoff_state(None, _session("\x1b[2Jodd", "https://x.example/\x1b]0;t\x07"))
    assert state.line == "Status: \ufffd[2Jodd"
    succeeded = handoff_state(None, _session("succeeded", "https://x.example/\x1b]0;t\x07"))
    assert succeeded.success_url == "https://x.example/\ufffd]0;t\ufffd"


@pytest.mark.parametrize(
    ("status", "line"),
    [
        ("confirmed", "Confirmed: Polar is completing the order…"),
        ("succeeded", "Succeeded"),
        ("expired", "Expired"),
    ],
)
def test_a_confirm_with_nothing_to_pay_is_never_called_paid(status: str, line: str) -> None:
    """Confirmed from the terminal with nothing to pay: the same turns, no payment."""
    assert confirmed_state("open", _session(status)).line == line
