"""The request log at 100x32: a read, a confirm that never connected and a refused save,
newest first, the save's bodies below. Deterministic: the log's clock is frozen and its
timer moves 21 ms a reading, so every exchange took 21 ms; the secret is real-looking and
shown masked."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import suppress
from typing import Any

import httpx
from textual.pilot import Pilot

from tests.request_log_support import logged_client
from tests.support import NOW, REAL_LOOKING_SECRET, polar_error
from tests.unit.test_request_log import Ticking
from tui.app import CheckoutApp
from tui.launch import Launch
from tui.polar import errors
from tui.polar.request_log import RequestLog
from tui.screens.request_log import RequestLogScreen
from tui.settings import resolve_server

SESSION = {
    "id": "c1",
    "status": "open",
    "client_secret": REAL_LOOKING_SECRET,
    "url": f"https://sandbox.polar.sh/checkout/{REAL_LOOKING_SECRET}",
    "customer_name": None,
}
REFUSAL = [{"loc": ["body", "customer_email"], "msg": "value is not a valid email", "type": "x"}]


def answer(request: httpx.Request) -> httpx.Response:
    if request.method == "POST":
        raise httpx.ConnectError("refused", request=request)
    if request.method == "PATCH":
        return polar_error(422, "RequestValidationError", REFUSAL)
    return httpx.Response(200, json=SESSION)


async def exchanges(log: RequestLog) -> None:
    client = logged_client(answer, log)
    try:
        await client.get(REAL_LOOKING_SECRET)
        for call, body in ((client.confirm, {}), (client.update, {"customer_email": "ada@"})):
            with suppress(errors.PolarError):  # the log is the point, not the errors
                await call(REAL_LOOKING_SECRET, body)
    finally:
        await client.aclose()


def test_the_request_log(snap_compare: Callable[..., bool]) -> None:
    log = RequestLog(clock=lambda: NOW, timer=Ticking(0.021))
    app = CheckoutApp(Launch(server=resolve_server("sandbox"), request_log=log))

    async def steps(pilot: Pilot[Any]) -> None:
        await exchanges(log)
        await pilot.app.push_screen(RequestLogScreen(log))
        await pilot.pause()

    assert snap_compare(app, terminal_size=(100, 32), run_before=steps)
