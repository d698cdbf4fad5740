"""The summary pane as a person reads it: each built-in scenario's session as the emulator
computes it after an update through its store, shown on the real checkout screen.

Widths are measured with Rich's `cell_len`, not the app's own `cell_width`, so a wrong
count of wide characters in the app cannot hide here."""

from __future__ import annotations

from typing import Any

from rich.cells import cell_len
from textual.pilot import Pilot

from tests.support import (
    REAL_LOOKING_SECRET,
    ScriptedPolar,
    screen_text,
    secret_of,
    wait_loaded,
)
from tui.app import CheckoutApp
from tui.emulator.model.clock import FrozenClock
from tui.emulator.rules.body import CheckoutUpdatePublic
from tui.emulator.store import Store
from tui.launch import Launch
from tui.polar.secret import SessionRef
from tui.screen_rows import screen_rows
from tui.settings import resolve_server
from tui.widgets.summary import SummaryPane

NBSP = "\u00a0"
MINUS = "\u2212"
TIMES = "\u00d7"
YEN = "\uffe5"
SIZE = (100, 50)
"""Tall enough for the amounts and the customer's saved values without scrolling."""

GERMAN_BUSINESS = {
    "customer_email": "ada@example.com",
    "is_business_customer": True,
    "customer_billing_name": "Analytical Engines GmbH",
    "customer_billing_address": {
        "country": "DE",
        "line1": "Unter den Linden 1",
        "postal_code": "10117",
        "city": "Berlin",
    },
    "customer_tax_id": "DE136695976",
}


def stored(clock: FrozenClock, scenario: str, update: dict[str, Any] | None = None) -> Any:
    """The scenario's session as the emulator answers it, after `update` through its store."""
    store = Store(clock)
    secret = secret_of(store, scenario)
    if update:
        store.update(secret, CheckoutUpdatePublic.model_validate(update))
    body = store.get_json(secret)
    body["client_secret"] = REAL_LOOKING_SECRET
    return body


def app_for(body: dict[str, Any], clock: FrozenClock, locale: str | None = None) -> CheckoutApp:
    launch = Launch(
        server=resolve_server("sandbox"),
        ref=SessionRef(REAL_LOOKING_SECRET),
        locale=locale,
        live=False,
    )
    return CheckoutApp(launch, clock=clock.now, transport=ScriptedPolar(body).transport())


def _cells(row: str, start: int, end: int) -> str:
    """The characters of a screen row drawn in cells start..end-1 (a wide one counts two)."""
    taken, x = [], 0
    for char in row:
        if start <= x < end:
            taken.append(char)
        x += cell_len(char)
    return "".join(taken)


def summary_lines(pilot: Pilot[Any]) -> list[str]:
    """The summary pane's text as drawn, one string a line, trailing spaces dropped."""
    region = pilot.app.screen.query_one(SummaryPane).scrollable_content_region
    rows = screen_rows(pilot.app)[region.y : region.bottom]
    return [_cells(row, region.x, region.right).rstrip() for row in rows]


async def read_summary(body: dict[str, Any], clock: FrozenClock, locale: str | None = None) -> Any:
    async with app_for(body, clock, locale).run_test(size=SIZE) as pilot:
        await wait_loaded(pilot)
        width = pilot.app.screen.query_one(SummaryPane).scrollable_content_region.width
        return summary_lines(pilot), width


def row(label: str, value: str, width: int) -> str:
    """A label and its value as the pane aligns them: the value's last cell at the edge."""
    return f"{label}{' ' * (width - cell_len(label) - cell_len(value))}{value}"


async def test_a_seat_price_shows_seats_times_the_rate_of_their_tier(clock: FrozenClock) -> None:
    lines, width = await read_summary(stored(clock, "seats", {"seats": 6}), clock)
    assert f"6 seats {TIMES} $12.00, tier 5–19" in lines
    assert row("Subtotal", "$72.00", width) in lines
    assert row("Total", "$72.00 / month", width) in lines


async def test_a_discount_applied_through_the_store_is_named_with_its_terms(
    clock: FrozenClock,
) -> None:
    body = stored(clock, "discount", {"discount_code": "launch20"})
    lines, width = await read_summary(body, clock)
    at = lines.index("Amounts")
    assert lines[at : at + 6] == [
        "Amounts",
        row("Subtotal", "$79.00", width),
        row(f"LAUNCH20 {MINUS}20{NBSP}%", f"{MINUS}$15.80", width),
        row("Taxable amount", "$63.20", width),
        row("Tax", "not calculated yet", width),
        row("Total", "$63.20", width),
    ]


async def test_a_trial_says_what_follows_and_that_nothing_is_due_today(
    clock: FrozenClock,
) -> None:
    lines, width = await read_summary(stored(clock, "subscription"), clock)
    at = lines.index("Trial")
    assert lines[at + 1 : at + 3] == ["  14 days free, then €12.00 /", "  month from Dec 8, 2026"]
    assert row("Total", "€12.00 / month", width) in lines
    assert row("Due today", "€0.00", width) in lines


async def test_yen_in_japanese_is_fullwidth_and_aligned(clock: FrozenClock) -> None:
    body = stored(clock, "jpy", {"customer_billing_address": {"country": "JP"}})
    async with app_for(body, clock).run_test(size=SIZE) as pilot:
        await wait_loaded(pilot)
        width = pilot.app.screen.query_one(SummaryPane).scrollable_content_region.width
        lines = summary_lines(pilot)
        # The product choice writes its prices in the same locale (under the name: the
        # row is too wide for the form, and breaks between its phrases).
        text = screen_text(pilot)
        assert "│ ◉ Koto Sample Library · One-time purchase" in text
        assert f"│   {YEN}4,800 one-time" in text
    amounts = [line for line in lines if YEN in line]
    assert amounts == [
        row("Price", f"{YEN}4,800 one-time", width),
        row("Subtotal", f"{YEN}4,800", width),
        row("Tax", f"{YEN}436 included", width),
        row("Total", f"{YEN}4,800", width),
    ]
    assert {cell_len(line) for line in amounts} == {width}


async def test_a_tax_included_in_the_price(clock: FrozenClock) -> None:
    body = stored(clock, "subscription", {"customer_billing_address": {"country": "DE"}})
    lines, width = await read_summary(body, clock)
    assert row("Tax", "€1.92 included", width) in lines
    assert row("Total", "€12.00 / month", width) in lines


async def test_a_german_business_with_a_vat_id_is_reverse_charged(clock: FrozenClock) -> None:
    lines, width = await read_summary(stored(clock, "one-time", GERMAN_BUSINESS), clock)
    assert row("Tax", "$0.00 reverse charge", width) in lines
    saved = lines[lines.index("On file for the customer") :][:9]
    assert saved == [
        "On file for the customer",
        row("Name", "(not saved)", width),
        row("Email", "ada@example.com", width),
        row("Country", "Germany (DE)", width),
        row("Business", "yes", width),
        "Billing name",
        "  Analytical Engines GmbH",
        row("Tax ID", "DE136695976", width),
        "",
    ]


async def test_a_us_sales_tax_is_added_on_top(clock: FrozenClock) -> None:
    new_york = {
        "customer_billing_address": {
            "country": "US",
            "state": "US-NY",
            "line1": "1 Main St",
            "postal_code": "10001",
            "city": "New York",
        }
    }
    lines, width = await read_summary(stored(clock, "us-business", new_york), clock)
    assert row("Subtotal", "$299.00", width) in lines
    assert row("Tax", "$11.96", width) in lines
    assert row("Total", "$310.96 / year", width) in lines


async def test_the_locale_override_writes_the_money(clock: FrozenClock) -> None:
    lines, width = await read_summary(stored(clock, "subscription"), clock, locale="de-DE")
    assert row("Total", f"12,00{NBSP}€ / month", width) in lines
    assert row("Due today", f"0,00{NBSP}€", width) in lines
