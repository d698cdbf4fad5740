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


async def test_credentials_in_the_url_go_as_basic_auth_never_in_the_url() -> None:
    seen: list[httpx.Request] = []

    def answer(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json=[ROW])

    admin = EmulatorAdmin("https://qa:hunter2@emu.example", transport=httpx.MockTransport(answer))
    await admin.sessions()
    await admin.aclose()
    assert str(seen[0].url) == "https://emu.example/emulator/sessions"
    assert seen[0].headers["Authorization"] == "Basic cWE6aHVudGVyMg=="


@pytest.mark.parametrize("name", ["[@click=app.quit]x[/]", "[/oops]", "", "a b"])
async def test_a_scenario_name_outside_the_emulators_pattern_is_refused(name: str) -> None:
    def answer(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, json=[{**ROW, "scenario": name}])

    admin = _admin(httpx.MockTransport(answer))
    with pytest.raises(AdminFailed, match="not understood"):
        await admin.sessions()
    await admin.aclose()
