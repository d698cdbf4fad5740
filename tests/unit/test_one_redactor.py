"""One secret of each kind, planted in a session, reaches no output channel whole: errors,
log records, the crash report and everything `apply` prints."""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, HTTPServer
from types import SimpleNamespace
from typing import Any

import httpx
import pytest
from rich.console import Console

from tests.apply.running import apply_over
from tests.support import NOW, ScriptedPolar, secret_of
from tui.crash import crash_report
from tui.emulator.model.clock import FrozenClock
from tui.emulator.store import Store
from tui.polar import errors
from tui.polar.client import CheckoutClient
from tui.polar.secret import redact_secrets
from tui.settings import API_VERSION, TIMEOUT

from .form_support import consumer, form_over

CLIENT_SECRET = "polar_c_" + "Q7wErTy9UiOp2AsDfGh3JkLzXcVbNm4QwErTyUiOpA5"
CUSTOMER_TOKEN = "polar_cst_" + "Zx8Yw7Vu6Ts5Rq4Po3Nm2Lk1Jh0Gf9Ed8Cb7Aa6Bb5Cc4"
PAYMENT_INTENT = "pi_3QxYzAbCdEfGh123_secret_Kl9Mn8Op7Qr6St5Uv"
SETUP_INTENT = "seti_1QxYzAbCdEfGh456_secret_Wx4Yz3Ab2Cd1Ef0"
PLANTED = (CLIENT_SECRET, CUSTOMER_TOKEN, PAYMENT_INTENT, SETUP_INTENT)
ALL_IN_ONE = " ".join(PLANTED)


def assert_none_planted(text: str) -> None:
    for secret in PLANTED:
        assert secret not in text


def planted_session() -> dict[str, Any]:
    store = Store(FrozenClock(NOW))
    return store.get_json(secret_of(store, "one-time")) | {
        "client_secret": CLIENT_SECRET,
        "url": f"https://polar.sh/checkout/{CLIENT_SECRET}",
        "success_url": f"https://shop.example/thanks?checkout={CLIENT_SECRET}",
        "customer_session_token": CUSTOMER_TOKEN,
        "payment_processor_metadata": {
            "publishable_key": "pk_test_51Hx",
            "intent_client_secret": PAYMENT_INTENT,
            "setup": SETUP_INTENT,
        },
    }


def test_the_redactor_masks_each_kind_by_hand() -> None:
    assert redact_secrets(ALL_IN_ONE) == ("polar_c_…OpA5 polar_cst_… pi_…_secret_… seti_…_secret_…")


def test_apply_prints_none_of_them(capsys: pytest.CaptureFixture[str]) -> None:
    polar = ScriptedPolar(planted_session())
    ran = apply_over(
        capsys,
        polar.transport(),
        CLIENT_SECRET,
        "--server",
        "sandbox",
        "--set",
        "customer_name=Ada",
        "--json",
    )
    assert ran.code == 0, ran.err
    assert json.loads(ran.out)["payment_processor_metadata"]["setup"] == "seti_…_secret_…"
    assert_none_planted(ran.out + ran.err)


async def _error_of(handler: httpx.MockTransport) -> errors.PolarError:
    client = CheckoutClient(
        "https://sandbox-api.polar.sh", api_version=API_VERSION, timeout=TIMEOUT, transport=handler
    )
    try:
        with pytest.raises(errors.PolarError) as raised:
            await client.update(CLIENT_SECRET, {})
    finally:
        await client.aclose()
    return raised.value


def _refusal(request: httpx.Request) -> httpx.Response:
    return httpx.Response(403, json={"error": "SomethingNew", "detail": ALL_IN_ONE})


def _broken(request: httpx.Request) -> httpx.Response:
    raise httpx.ConnectError(f"cannot reach {ALL_IN_ONE}", request=request)


@pytest.mark.parametrize("handler", [_refusal, _broken], ids=["server-detail", "exception"])
async def test_errors_say_none_of_them(handler: Any) -> None:
    error = await _error_of(httpx.MockTransport(handler))
    assert_none_planted(f"{error} {error.message} {error.args}")


class _Echoing(BaseHTTPRequestHandler):
    """Serves the planted session, echoing secrets in headers as a proxy might."""

    def do_GET(self) -> None:
        body = json.dumps(planted_session()).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Content-Location", self.path)
        self.send_header("X-Debug", f"{CUSTOMER_TOKEN} {PAYMENT_INTENT} {SETUP_INTENT}")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        """Quiet."""


@pytest.fixture
def echoing_server() -> Iterator[str]:
    server = HTTPServer(("127.0.0.1", 0), _Echoing)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


async def test_log_records_hold_none_of_them(
    echoing_server: str, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    client = CheckoutClient(echoing_server, api_version=API_VERSION, timeout=TIMEOUT)
    try:
        await client.get(CLIENT_SECRET)
    finally:
        await client.aclose()
    assert any("Content-Location" in record.getMessage() for record in caplog.records)
    assert_none_planted(caplog.text)


def test_the_crash_report_shows_none_of_them() -> None:
    """Not in the traceback, nor in the unsaved edits it lists (pasted into a field)."""
    console = Console(width=60, record=True)
    checkout = SimpleNamespace(form=form_over(consumer(), line2=ALL_IN_ONE), sub_title="")
    try:
        raise RuntimeError(f"the session broke: {ALL_IN_ONE}")
    except RuntimeError:
        report = crash_report(console, [checkout])
    text = "".join(segment.text for segment in report.segments)
    assert "the session broke" in text
    assert "Address line 2: " in text
    assert_none_planted(text)
