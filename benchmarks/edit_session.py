"""Requests sent for a scripted edit session: name, email, a business address in Germany,
the tax ID, a discount code (Enter applies it), then Submit, typed key by key in a headless
pilot, every request the app sends counted. Compared with a per-field strategy: one PATCH
each time a field's edit is done (as a web form saving on each field's change would)."""

from __future__ import annotations

import asyncio
from collections import Counter
from typing import Any, Final

import httpx
from textual.pilot import Pilot
from textual.widget import Widget

from tui.app import CheckoutApp
from tui.launch import Launch
from tui.polar.secret import SessionRef
from tui.screens.checkout import CheckoutScreen
from tui.settings import resolve_server
from tui.widgets.region_input import RegionInput

from .handler import loaded
from .terminal import COLUMNS, ROWS

SCENARIO: Final = "discount"
SCRIPT: Final = (
    ("customer_name", "Jane Doe"),
    ("customer_email", "jane@example.com"),
    ("is_business_customer", None),
    ("country", "Germany"),
    ("line1", "Friedrichstrasse 123"),
    ("postal_code", "10117"),
    ("city", "Berlin"),
    ("customer_billing_name", "Doe Consulting GmbH"),
    ("customer_tax_id", "DE136695976"),
    ("discount_code", "LAUNCH20"),
)
"""Each field edited, with what is typed (None: a checkbox, ticked with space)."""


class _Counted(httpx.AsyncBaseTransport):
    def __init__(self) -> None:
        self._inner = httpx.AsyncHTTPTransport()
        self.sent: Counter[str] = Counter()

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        self.sent[request.method] += 1
        return await self._inner.handle_async_request(request)

    async def aclose(self) -> None:
        await self._inner.aclose()


async def _edit(pilot: Pilot[Any], screen: CheckoutScreen, field_id: str, text: str | None) -> None:
    widget: Widget = screen.query_one(f"#{field_id}")
    target = widget.input if isinstance(widget, RegionInput) else widget
    target.focus()
    await pilot.pause()
    if text is None:
        await pilot.press("space")
    else:
        await pilot.press("ctrl+u", "ctrl+k", *text, "enter")
    await pilot.pause(0.3)


async def _session(base_url: str, secret: str) -> Counter[str]:
    transport = _Counted()
    launch = Launch(server=resolve_server(base_url), ref=SessionRef(secret), live=False)
    app = CheckoutApp(launch, transport=transport)
    async with app.run_test(size=(COLUMNS, ROWS)) as pilot:
        screen = await loaded(pilot)
        for field_id, text in SCRIPT:
            await _edit(pilot, screen, field_id, text)
        await pilot.press("ctrl+s")
        for _ in range(100):
            await pilot.pause(0.05)
            if not screen.unsaved:
                break
        else:
            raise TimeoutError("the edits were never all saved")
    return transport.sent


def requests_sent(base_url: str, secret: str) -> Counter[str]:
    """Requests by method for the scripted session (the form read once, no event stream)."""
    return asyncio.run(_session(base_url, secret))
