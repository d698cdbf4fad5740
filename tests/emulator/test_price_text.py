"""The demo's picker and the checkout's summary describe a session's price in the same words."""

from __future__ import annotations

from tui.domain.summary import price_label
from tui.emulator.store import Store
from tui.polar.models import CheckoutPublic


def test_the_summary_names_the_price_per_seat(store: Store) -> None:
    seats = next(entry for entry in store.scenarios() if entry.name == "seats")
    session = CheckoutPublic.model_validate(store.get_json(seats.client_secret))
    assert price_label(session) == "$15.00 per seat / month"


def test_the_picker_and_the_summary_agree_on_every_seeded_session(store: Store) -> None:
    for entry in store.scenarios():
        session = CheckoutPublic.model_validate(store.get_json(entry.client_secret))
        assert entry.price_text == price_label(session), entry.name
