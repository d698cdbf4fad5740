"""The banner of a closed session: "paid" only where a card was needed."""

from __future__ import annotations

import pytest

from tui.domain.outcome import closed_words
from tui.polar.models import CheckoutPublic


@pytest.mark.parametrize(
    ("status", "card", "words"),
    [
        ("succeeded", True, "Paid — succeeded. This checkout is closed: nothing can be changed."),
        ("succeeded", None, "Paid — succeeded. This checkout is closed: nothing can be changed."),
        ("succeeded", False, "Succeeded. This checkout is closed: nothing can be changed."),
        (
            "confirmed",
            True,
            "Paid: confirmed. Polar is completing the order: nothing can be changed.",
        ),
        ("confirmed", False, "Confirmed. Polar is completing the order: nothing can be changed."),
        ("expired", False, "Expired. Ask the merchant for a new checkout link."),
        ("failed", True, "This checkout failed: nothing can be changed."),
    ],
    ids=[
        "succeeded-card",
        "succeeded-unknown",
        "succeeded-no-card",
        "confirmed-card",
        "confirmed-no-card",
        "expired",
        "failed",
    ],
)
def test_closed_words(status: str, card: bool | None, words: str) -> None:
    session = CheckoutPublic.model_validate({"status": status, "is_payment_form_required": card})
    assert closed_words(session) == words
