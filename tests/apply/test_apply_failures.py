"""`polar-checkout apply` when Polar says no (exit 1, nothing applied) or cannot be reached or
read (exit 2): against the emulator, and a scripted Polar for answers it does not give."""

from __future__ import annotations

import socket
from typing import Any

import httpx
import pytest

from tests.support import REAL_LOOKING_SECRET, ScriptedPolar, polar_error, secret_of
from tui.demo import Demo

from .running import apply, apply_over, masked

NAME = ("--set", "customer_name=Ada")
NOTHING_APPLIED = "Nothing was applied."
MAYBE = (
    "The change may or may not have been applied: look at the session (--dry-run --json) "
    "before trying again."
)


# --- refused: exit 1, nothing applied -----------------------------------------------------


def test_an_unknown_secret_is_404(demo: Demo, capsys: pytest.CaptureFixture[str]) -> None:
    ran = apply(capsys, REAL_LOOKING_SECRET, "--server", demo.base_url, *NAME)
    assert ran.code == 1
    assert ran.errors == [
        "polar-checkout apply: Checkout not found: No checkout session has this secret on this "
        "server. Check the secret, and whether it belongs to sandbox or production (--server). "
        f"{NOTHING_APPLIED}"
    ]


def test_an_expired_session_is_410(demo: Demo, capsys: pytest.CaptureFixture[str]) -> None:
    ran = apply(capsys, secret_of(demo.store, "expired"), "--server", demo.base_url, *NAME)
    assert ran.code == 1
    assert ran.errors == [
        "polar-checkout apply: Checkout expired: This checkout session has expired. Ask the "
        f"merchant for a new checkout link. {NOTHING_APPLIED}"
    ]


def test_a_paid_session_is_403_not_open(demo: Demo, capsys: pytest.CaptureFixture[str]) -> None:
    secret = secret_of(demo.store, "succeeded")
    ran = apply(capsys, secret, "--server", demo.base_url, *NAME)
    assert ran.code == 1
    assert ran.errors == [
        "polar-checkout apply: Checkout is not open: This checkout was already paid "
        f"(succeeded). It can no longer be edited. {NOTHING_APPLIED}"
    ]
    assert demo.store.get_json(secret)["customer_name"] == "Ada Lovelace"


def test_a_blocked_organization_is_403(demo: Demo, capsys: pytest.CaptureFixture[str]) -> None:
    secret = secret_of(demo.store, "one-time")
    demo.store.block_organization(secret)
    ran = apply(capsys, secret, "--server", demo.base_url, *NAME)
    assert ran.code == 1
    assert ran.errors[-1].startswith("polar-checkout apply: Not permitted: Polar does not permit")
    assert ran.errors[-1].endswith(NOTHING_APPLIED)


# --- could not tell or reach: exit 2 ---------------------------------------------------------


def test_a_locked_session_is_409_and_2(demo: Demo, capsys: pytest.CaptureFixture[str]) -> None:
    secret = secret_of(demo.store, "one-time")
    demo.store.lock(secret, 60)
    ran = apply(capsys, secret, "--server", demo.base_url, *NAME)
    assert ran.code == 2
    assert ran.errors == [
        "polar-checkout apply: Checkout busy: Polar is processing this checkout right now; try "
        f"again in a few seconds. {NOTHING_APPLIED}"
    ]
    assert demo.store.get_json(secret)["customer_name"] is None


def test_a_server_error_on_the_update_is_2_and_may_have_applied(
    demo: Demo, faults: str, capsys: pytest.CaptureFixture[str]
) -> None:
    secret = secret_of(demo.store, "one-time")
    fault = {"path": f"/v1/checkouts/client/{secret}", "method": "PATCH", "status": 500}
    httpx.post(faults, json=fault).raise_for_status()
    ran = apply(capsys, secret, "--server", demo.base_url, *NAME)
    assert ran.code == 2
    assert ran.lines[1] == 'customer_name: — → "Ada"'
    assert ran.errors == [
        f"polar-checkout apply: Polar had a problem: Polar answered with a server error. {MAYBE}"
    ]


def test_a_refused_connection_is_2(capsys: pytest.CaptureFixture[str]) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    ran = apply(capsys, REAL_LOOKING_SECRET, "--server", f"http://127.0.0.1:{port}", *NAME)
    assert ran.code == 2
    assert ran.lines == [f"session {masked(REAL_LOOKING_SECRET)} on 127.0.0.1:{port}"]
    (error,) = ran.errors
    assert error.startswith(
        f"polar-checkout apply: Cannot reach the server: Could not connect to 127.0.0.1:{port}: "
    )
    assert error.endswith(NOTHING_APPLIED)


# --- answers the emulator does not give: a scripted Polar ---------------------------------


def business_in_germany() -> dict[str, Any]:
    return {
        "id": "c1",
        "status": "open",
        "client_secret": REAL_LOOKING_SECRET,
        "currency": "eur",
        "amount": 1200,
        "net_amount": 1200,
        "total_amount": 1200,
        "customer_billing_address": {"country": "DE"},
        "is_business_customer": True,
    }


def validation_error(loc: list[str], msg: str) -> httpx.Response:
    item = {"type": "value_error", "loc": ["body", *loc], "msg": msg, "input": "x"}
    return polar_error(422, "PolarRequestValidationError", [item])


def test_a_422_goes_under_its_field_and_applies_nothing(
    capsys: pytest.CaptureFixture[str],
) -> None:
    polar = ScriptedPolar(
        business_in_germany(), patches=[validation_error(["customer_tax_id"], "Invalid tax ID.")]
    )
    ran = apply_over(
        capsys,
        polar.transport(),
        REAL_LOOKING_SECRET,
        "--server",
        "sandbox",
        "--set",
        "customer_tax_id=DE 136 695 976",
    )
    assert ran.code == 1
    assert polar.bodies == [{"customer_tax_id": "DE136695976"}]
    assert ran.lines == [
        f"session {masked(REAL_LOOKING_SECRET)} on sandbox",
        'customer_tax_id: — → "DE136695976"',
    ]
    assert ran.errors == [
        "customer_tax_id: Invalid tax ID.",
        "polar-checkout apply: Polar refused the change: nothing was applied.",
    ]


def test_a_422_on_the_address_naming_a_state_goes_under_the_state(
    capsys: pytest.CaptureFixture[str],
) -> None:
    session = business_in_germany()
    session["customer_billing_address"] = {"country": "US", "state": "US-CA", "city": "SF"}
    polar = ScriptedPolar(
        session,
        patches=[validation_error(["customer_billing_address"], "Value error, Invalid US state")],
    )
    ran = apply_over(
        capsys, polar.transport(), REAL_LOOKING_SECRET, "--server", "sandbox", "--set", "state=NY"
    )
    assert ran.code == 1
    assert ran.errors[0] == "state: Invalid US state."


def test_a_local_error_sends_no_request_at_all(capsys: pytest.CaptureFixture[str]) -> None:
    polar = ScriptedPolar(business_in_germany())
    ran = apply_over(
        capsys,
        polar.transport(),
        REAL_LOOKING_SECRET,
        "--server",
        "sandbox",
        "--set",
        "customer_tax_id=DE136695977",
    )
    assert ran.code == 1
    assert polar.bodies == []
    assert ran.errors[0] == "customer_tax_id: Invalid tax ID."


def test_another_403_is_refused_with_polars_words(capsys: pytest.CaptureFixture[str]) -> None:
    refusal = polar_error(
        403, "AlreadyActiveSubscriptionError", "You already have an active subscription."
    )
    polar = ScriptedPolar(business_in_germany(), patches=[refusal])
    ran = apply_over(capsys, polar.transport(), REAL_LOOKING_SECRET, "--server", "sandbox", *NAME)
    assert ran.code == 1
    assert ran.errors == [
        "polar-checkout apply: Polar refused the change: You already have an active "
        f"subscription. {NOTHING_APPLIED}"
    ]


@pytest.mark.parametrize(
    ("answer", "said"),
    [
        (httpx.ReadTimeout("timed out"), f"The server did not answer in time. {MAYBE}"),
        (httpx.RemoteProtocolError("peer closed"), f"Connection lost mid-answer. {MAYBE}"),
        (
            httpx.Response(429, headers={"Retry-After": "30"}),
            "Too many requests: Polar asks to wait until ",  # the local time, 30 s from now
        ),
        (httpx.Response(200, json=[1, 2]), "Unexpected answer: The server's answer is not"),
    ],
)
def test_no_clear_answer_to_the_update_is_2(
    capsys: pytest.CaptureFixture[str], answer: httpx.Response | Exception, said: str
) -> None:
    polar = ScriptedPolar(business_in_germany(), patches=[answer])
    ran = apply_over(capsys, polar.transport(), REAL_LOOKING_SECRET, "--server", "sandbox", *NAME)
    assert ran.code == 2
    (error,) = ran.errors
    assert error.startswith(f"polar-checkout apply: {said}")


def test_json_that_cannot_be_read_after_applying_is_2(
    capsys: pytest.CaptureFixture[str],
) -> None:
    polar = ScriptedPolar(
        business_in_germany(),
        get_answers=[httpx.Response(200, json=business_in_germany()), httpx.Response(503)],
    )
    ran = apply_over(
        capsys, polar.transport(), REAL_LOOKING_SECRET, "--server", "sandbox", *NAME, "--json"
    )
    assert ran.code == 2
    assert ran.out == ""
    assert ran.errors[-2:] == [
        "applied",
        "polar-checkout apply: reading the stored session answered 503.",
    ]


def test_a_secret_in_any_printed_text_is_masked(capsys: pytest.CaptureFixture[str]) -> None:
    """Polar's words may quote a URL with the secret in it, and a value may hold one."""
    url = f"https://polar.sh/checkout/{REAL_LOOKING_SECRET}"
    polar = ScriptedPolar(
        business_in_germany(), patches=[validation_error(["locale"], f"Not for {url}")]
    )
    ran = apply_over(
        capsys,
        polar.transport(),
        REAL_LOOKING_SECRET,
        "--server",
        "sandbox",
        "--set",
        f"customer_name=see {url}",
    )
    assert ran.code == 1
    shown = f"https://polar.sh/checkout/{masked(REAL_LOOKING_SECRET)}"
    assert ran.lines[1] == f'customer_name: — → "see {shown}"'
    assert ran.errors[0] == f"locale: Not for {shown}."
