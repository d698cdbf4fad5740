"""Where the app talks to and how: servers, API version, timeouts. No Textual import."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

import httpx

from tui.polar.server_url import is_loopback

API_VERSION = "2026-10"
SECRET_ENV = "POLAR_CHECKOUT_SECRET"
"""Where `open` finds the session when none is given."""
SERVER_ENV = "POLAR_CHECKOUT_SERVER"
"""Where `open` finds the server when `--server` is not given."""
SERVERS = {
    "production": "https://api.polar.sh",
    "sandbox": "https://sandbox-api.polar.sh",
}
DEFAULT_SERVER = "production"
CONNECT_TIMEOUT = 5.0
READ_TIMEOUT = 15.0
"""Seconds: making a connection, and each wait for an answer's next bytes (or for sending);
`--connect-timeout` and `--read-timeout` change them."""
TIMEOUT = httpx.Timeout(READ_TIMEOUT, connect=CONNECT_TIMEOUT)


class ServerNotAllowed(ValueError):
    """The server URL is not one the app will send a session secret to."""


@dataclass(frozen=True, slots=True)
class Server:
    """A resolved API server: its base URL and the name people know it by.

    A user name and password in the URL stay in `base_url`, for the client to send as Basic
    auth, and never reach `label` or an error message.
    """

    base_url: str
    label: str

    @property
    def host(self) -> str:
        """The host name requests go to (`api.polar.sh`, `127.0.0.1`)."""
        return httpx.URL(self.base_url).host


def resolve_server(value: str | None, *, allow_http: bool = False) -> Server:
    """`production`, `sandbox` or a URL; plain http only for loopback unless allowed."""
    name = (value or DEFAULT_SERVER).strip()
    if name in SERVERS:
        return Server(SERVERS[name], name)
    parts = urlsplit(name)
    shown = parts._replace(netloc=parts.netloc.rpartition("@")[2])
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        raise ServerNotAllowed(
            f"Unknown server {shown.geturl()!r}: use production, sandbox or an http(s) URL."
        )
    if parts.scheme == "http" and not is_loopback(parts.hostname) and not allow_http:
        raise ServerNotAllowed(
            f"Refusing plain http to {parts.hostname}: the secret would travel unencrypted. "
            "Pass --allow-http if this is an emulator you trust."
        )
    return Server(name.rstrip("/"), shown.netloc)
