"""In-process figures from a headless pilot: the time of our own handler of a typed key
(`CheckoutForm._edited`) at a short and a long text, and the keys that move the focus from
where the form starts to the email and tax ID fields (for the real terminal's typing)."""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass
from typing import Any, Final

from textual.pilot import Pilot
from textual.widgets import Checkbox, Input

from tui.app import CheckoutApp
from tui.launch import Launch
from tui.polar.secret import SessionRef
from tui.screens.checkout import CheckoutScreen
from tui.settings import resolve_server
from tui.widgets.checkout_form import CheckoutForm

from .terminal import COLUMNS, ROWS

EMAIL: Final = "customer_email"
TAX_ID: Final = "customer_tax_id"
BUSINESS: Final = "is_business_customer"
MAX_TABS: Final = 30


@dataclass(frozen=True, slots=True)
class Routes:
    """Keys (as a terminal sends them) from the form's first focus to the email field, and
    from there to the tax ID field."""

    email: bytes
    tax_id: bytes


def _app(base_url: str, secret: str) -> CheckoutApp:
    launch = Launch(server=resolve_server(base_url), ref=SessionRef(secret), live=False)
    return CheckoutApp(launch)


async def loaded(pilot: Pilot[Any]) -> CheckoutScreen:
    for _ in range(500):
        screen = pilot.app.screen
        if isinstance(screen, CheckoutScreen) and screen.session is not None:
            await pilot.pause()
            return screen
        await pilot.pause(0.02)
    raise TimeoutError("the form never filled")


async def _tabs_to(pilot: Pilot[Any], widget_id: str) -> int:
    for tabs in range(MAX_TABS):
        focused = pilot.app.focused
        if focused is not None and focused.id == widget_id:
            return tabs
        await pilot.press("tab")
    raise LookupError(f"tab never reaches #{widget_id}")


async def _routes(base_url: str, secret: str) -> Routes:
    async with _app(base_url, secret).run_test(size=(COLUMNS, ROWS)) as pilot:
        await loaded(pilot)
        to_email = await _tabs_to(pilot, EMAIL)
        to_business = await _tabs_to(pilot, BUSINESS)
        await pilot.press("space")
        await pilot.pause()
        to_tax = await _tabs_to(pilot, TAX_ID)
    return Routes(b"\t" * to_email, b"\t" * to_business + b" " + b"\t" * to_tax)


def routes(base_url: str, secret: str) -> Routes:
    return asyncio.run(_routes(base_url, secret))


async def _handler_ms(
    base_url: str, secret: str, field_id: str, length: int, count: int
) -> list[float]:
    async with _app(base_url, secret).run_test(size=(COLUMNS, ROWS)) as pilot:
        screen = await loaded(pilot)
        form = screen.query_one(CheckoutForm)
        screen.query_one(f"#{BUSINESS}", Checkbox).value = True
        control = screen.query_one(f"#{field_id}", Input)
        control.focus()
        await pilot.pause()
        stem = "a" * (length - 1)
        took = []
        for index in range(count):
            # As a key does: the input's value changes, then its Changed reaches the form
            # (timed here directly; the queued one finds nothing new).
            control.value = stem + "bc"[index % 2]
            started = time.perf_counter()
            form._edited(Input.Changed(control, control.value))
            took.append((time.perf_counter() - started) * 1000)
            await pilot.pause()
    return took


def handler_ms(base_url: str, secret: str, field_id: str, length: int, count: int) -> list[float]:
    """Milliseconds our form's handler takes for one edit of `field_id` holding `length`
    characters, `count` times."""
    return asyncio.run(_handler_ms(base_url, secret, field_id, length, count))
