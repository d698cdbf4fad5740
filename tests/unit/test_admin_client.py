"""The demo's admin client reads the emulator's session list, and fails in words, not crashes."""

from __future__ import annotations

from datetime import UTC, datetime

import httpx
import pytest

from tui.admin_client import AdminFailed, EmulatorAdmin, EmulatorSession

ROW = {
    "scenario": "seats",
    "client_secret": "polar_c_" + "S" * 43,
    "status": "open",
    "expires_at": "2026-11-24T13:00:00Z",
    "product_name": "Relay Team Workspace",
    "price_text": "$15.00 per seat / month",
}


def _admin(handler: httpx.MockTransport) -> EmulatorAdmin:
    return EmulatorAdmin("http://emulator.test", transport=handler)


async def test_sessions_are_read_from_the_listing() -> None:
    seen: list[str] = []

    def answer(request: httpx.Request) -> httpx.Response:
        seen.append(f"{request.method} {request.url.path}")
        return httpx.Response(200, json=[ROW])

    admin = _admin(httpx.MockTransport(answer))
    assert await admin.sessions() == [
        EmulatorSession(
            scenario="seats",
            client_secret="polar_c_" + "S" * 43,
            status="open",
            expires_at=datetime(2026, 11, 24, 13, 0, tzinfo=UTC),
            product_name="Relay Team Workspace",
            price_text="$15.00 per seat / month",
        )
    ]
    assert seen == ["GET /emulator/sessions"]
    await admin.aclose()


@pytest.mark.parametrize(
    ("response", "message"),
    [
        (httpx.Response(200, json={"detail": "Not Found"}), "not understood"),
        (httpx.Response(200, json=[{**ROW, "price_text": None}]), "not understood"),
        (httpx.Response(200, text="<html>a web page</html>"), "not JSON"),
        (httpx.Response(404, json={"detail": "Not Found"}), r"refused \(404\)"),
    ],
    ids=["not-a-list", "missing-field", "html", "not-an-emulator"],
)
async def test_an_answer_that_is_not_a_session_list_fails_in_words(
    response: httpx.Response, message: str
) -> None:
    admin = _admin(httpx.MockTransport(lambda _request: response))
    with pytest.raises(AdminFailed, match=message):
        await admin.sessions()
    await admin.aclose()


async def test_an_emulator_that_does_not_answer_fails_in_words() -> None:
    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("connection refused", request=request)

    admin = _admin(httpx.MockTransport(refuse))
    with pytest.raises(AdminFailed, match="did not answer: ConnectError"):
        await admin.sessions()
    await admin.aclose()
