"""The demo's picker and the checkout's summary describe a session's price in the same words."""

from __future__ import annotations

from tui.domain.summary import price_label
from tui.emulator.store import Store
from tui.polar.models import CheckoutPublic

PRICE_TEXT = {
    # scenario: what a person reads off its product's price in tui/emulator/seed/builtin.toml
    "one-time": "$49.00 one-time",  # Fieldnotes Pro: fixed 4900 usd, not recurring
    "subscription": "€12.00 / month",  # Tidewater Pro (monthly): fixed 1200 eur, every month
    "pay-what-you-want": "Pay what you want (min $5.00)",  # Orchard Handbook: custom, min 500 usd
    "free": "Free",  # Lumen Sans Community Licence: amount_type "free"
    "seats": "$15.00 per seat / month",  # Relay Team Workspace: 1st seat tier 1500 usd, monthly
    "discount": "$79.00 one-time",  # Pine Icons Complete: fixed 7900 usd (no code applied yet)
    "us-business": "$299.00 / year",  # Harbor Insights Business: fixed 29900 usd, every year
    "jpy": "¥4,800 one-time",  # Koto Sample Library: fixed 4800 jpy, a currency without cents
    "expired": "$49.00 one-time",  # Fieldnotes Pro again
    "succeeded": "$49.00 one-time",  # Fieldnotes Pro again
    "custom-fields": "Free",  # Fernhill Pilot Programme: amount_type "free"
    "every-choice": "Pay what you want (min $5.00)",  # Lantern Membership: custom, min 500 usd
    "already-subscribed": "Pay what you want (min $5.00)",  # Lantern Membership again
}
"""Each built-in scenario's price as the picker should show it, written by hand."""


def test_the_summary_names_the_price_per_seat(store: Store) -> None:
    seats = next(entry for entry in store.scenarios() if entry.name == "seats")
    session = CheckoutPublic.model_validate(store.get_json(seats.client_secret))
    assert price_label(session) == "$15.00 per seat / month"


def test_the_picker_and_the_summary_agree_on_every_seeded_session(store: Store) -> None:
    entries = store.scenarios()
    picker = {entry.name: entry.price_text for entry in entries}
    summary = {
        entry.name: price_label(CheckoutPublic.model_validate(store.get_json(entry.client_secret)))
        for entry in entries
    }
    assert picker == PRICE_TEXT
    assert summary == PRICE_TEXT
