"""`polar-checkout serve` as a browser meets it, over loopback: the page, its script, and
textual-serve's websocket (JSON text messages in, the app's terminal output as bytes out)."""

from __future__ import annotations

import asyncio
import os
import re
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import aiohttp
import httpx
import pytest

from tui import settings

ESCAPES = re.compile(r"\x1b(?:\[[0-9;?<>=]*[ -/]*[@-~]|[()][0-9A-Za-z]|[=>78NOPM])")
F2 = "\x1bOQ"
CTRL_Q = "\x11"


class Screen:
    """What the app has drawn so far on one connection, as plain text."""

    def __init__(self, socket: aiohttp.ClientWebSocketResponse) -> None:
        self.socket = socket
        self.output = b""

    def text(self, since: int = 0) -> str:
        return ESCAPES.sub("", self.output[since:].decode("utf-8", errors="replace"))

    async def shows(self, words: str, *, since: int = 0, within: float = 15.0) -> None:
        try:
            async with asyncio.timeout(within):
                while words not in self.text(since):
                    message = await self.socket.receive()
                    assert message.type == aiohttp.WSMsgType.BINARY, (message, self.text(since))
                    self.output += message.data
        except TimeoutError:
            raise AssertionError(f"no {words!r} within {within} s: {self.text(since)!r}") from None

    async def closes(self, *, within: float = 10.0) -> aiohttp.WSMessage:
        async with asyncio.timeout(within):
            while (message := await self.socket.receive()).type == aiohttp.WSMsgType.BINARY:
                pass
        return message


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def served(tmp_path: Path) -> Iterator[str]:
    """`polar-checkout serve` with no ARGS on a free loopback port; its URL."""
    port = _free_port()
    environ = {k: v for k, v in os.environ.items() if not k.startswith("POLAR_CHECKOUT_")}
    environ["XDG_CONFIG_HOME"] = str(tmp_path)
    # Started from a directory holding another `tui`: the one served must be the installed one.
    (tmp_path / "tui").mkdir()
    (tmp_path / "tui" / "__init__.py").write_text("")
    (tmp_path / "tui" / "__main__.py").write_text("raise SystemExit('not the installed app')\n")
    log = (tmp_path / "serve.log").open("wb")
    server = subprocess.Popen(
        [sys.executable, "-P", "-m", "tui", "serve", "--port", str(port)],
        stdout=log,
        stderr=subprocess.STDOUT,
        env=environ,
        cwd=tmp_path,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_listening(url, server)
        yield url
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=10)
        finally:
            server.kill()
            log.close()


def _wait_until_listening(url: str, server: subprocess.Popen[bytes]) -> None:
    for _ in range(300):
        assert server.poll() is None, "serve exited before listening"
        try:
            httpx.get(url, timeout=1)
        except httpx.TransportError:
            time.sleep(0.05)
        else:
            return
    raise AssertionError("serve did not listen within 15 s")


async def test_each_browser_gets_the_page_and_its_own_app_over_the_websocket(served: str) -> None:
    async with httpx.AsyncClient(base_url=served) as client:
        page = await client.get("/")
        assert page.status_code == 200
        port = served.rsplit(":", 1)[1]
        assert f'data-session-websocket-url="ws://127.0.0.1:{port}/ws"' in page.text
        script_url = re.search(r'<script src="([^"]+textual\.js)"', page.text)
        assert script_url is not None, page.text
        script = await client.get(script_url.group(1))
        assert script.status_code == 200
        # The messages the page's script sends, which this test sends in its place.
        assert 'JSON.stringify(["stdin",e])' in script.text
        assert 'JSON.stringify(["resize",this.size])' in script.text

    ws_url = f"ws://127.0.0.1:{port}/ws?width=100&height=32"
    async with (
        aiohttp.ClientSession() as session,
        session.ws_connect(ws_url) as first_socket,
        session.ws_connect(ws_url) as second_socket,
    ):
        first, second = Screen(first_socket), Screen(second_socket)
        for screen in (first, second):
            await screen.socket.send_json(["resize", {"width": 100, "height": 32}])
        await asyncio.gather(
            first.shows("Open a Polar checkout session"),
            second.shows("Open a Polar checkout session"),
        )
        await first.shows(settings.DEFAULT_SERVER.capitalize())

        before_f2 = len(first.output)
        await first.socket.send_json(["stdin", F2])
        await first.shows("Offline demo: choose a checkout session", since=before_f2)
        await first.shows("Fieldnotes Pro", since=before_f2)

        # The other browser has its own app: redrawn, it still shows the start screen.
        before_resize = len(second.output)
        await second.socket.send_json(["resize", {"width": 90, "height": 30}])
        await second.shows("Open a Polar checkout session", since=before_resize)
        assert "Offline demo: choose" not in second.text()

        for screen in (first, second):
            await screen.socket.send_json(["stdin", CTRL_Q])
            closed = await screen.closes()
            assert closed.type in {aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED}
