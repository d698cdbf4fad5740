"""The banner of a closed session: a free checkout was confirmed, never paid."""

from __future__ import annotations

import pytest

from tui.domain.outcome import closed_words
from tui.polar.models import CheckoutPublic


@pytest.mark.parametrize(
    ("status", "card", "words"),
    [
        ("succeeded", True, "Paid — succeeded. This checkout is closed: nothing can be changed."),
        ("succeeded", False, "Succeeded. This checkout is closed: nothing can be changed."),
        ("confirmed", False, "Confirmed. Polar is completing the order: nothing can be changed."),
        (
            "confirmed",
            None,
            "Paid: confirmed. Polar is completing the order: nothing can be changed.",
        ),
        ("expired", False, "Expired. Ask the merchant for a new checkout link."),
    ],
)
def test_the_words_follow_the_status_and_whether_a_card_was_needed(
    status: str, card: bool | None, words: str
) -> None:
    session = CheckoutPublic.model_validate({"status": status, "is_payment_form_required": card})
    assert closed_words(session) == words
