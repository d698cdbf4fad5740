"""Which servers the app will send a session secret to."""

from __future__ import annotations

import pytest

from tui.settings import SERVERS, ServerNotAllowed, resolve_server


@pytest.mark.parametrize(
    ("value", "base_url", "label", "production"),
    [
        (None, "https://api.polar.sh", "production", True),
        ("", "https://api.polar.sh", "production", True),
        ("production", "https://api.polar.sh", "production", True),
        ("sandbox", "https://sandbox-api.polar.sh", "sandbox", False),
        (" sandbox ", "https://sandbox-api.polar.sh", "sandbox", False),
        ("https://api.polar.sh/", "https://api.polar.sh", "api.polar.sh", True),
        ("https://polar.example.com", "https://polar.example.com", "polar.example.com", False),
        (
            "https://polar.example.com:8443/",
            "https://polar.example.com:8443",
            "polar.example.com:8443",
            False,
        ),
        ("http://localhost:8000", "http://localhost:8000", "localhost:8000", False),
        ("http://127.0.0.1:8000/", "http://127.0.0.1:8000", "127.0.0.1:8000", False),
        ("http://[::1]:8000", "http://[::1]:8000", "[::1]:8000", False),
    ],
)
def test_resolve_server_accepts(
    value: str | None, base_url: str, label: str, production: bool
) -> None:
    server = resolve_server(value)
    assert server.base_url == base_url
    assert server.label == label
    assert (server.base_url == SERVERS["production"]) is production


@pytest.mark.parametrize(
    "value",
    ["http://example.com", "http://192.168.1.10:8000", "http://localhost.example.com"],
)
def test_plain_http_to_a_remote_host_is_refused(value: str) -> None:
    with pytest.raises(ServerNotAllowed, match="--allow-http"):
        resolve_server(value)


def test_plain_http_to_a_remote_host_with_allow_http() -> None:
    server = resolve_server("http://192.168.1.10:8000", allow_http=True)
    assert server.base_url == "http://192.168.1.10:8000"


@pytest.mark.parametrize(
    "value",
    ["junk", "staging", "ftp://example.com", "https://", "api.polar.sh", "file:///etc/passwd"],
)
def test_junk_is_refused(value: str) -> None:
    with pytest.raises(ServerNotAllowed, match="production, sandbox"):
        resolve_server(value)


@pytest.mark.parametrize("value", ["junk", "ftp://example.com"])
def test_allow_http_does_not_make_junk_acceptable(value: str) -> None:
    with pytest.raises(ServerNotAllowed):
        resolve_server(value, allow_http=True)


def test_whole_loopback_range_counts_as_loopback() -> None:
    assert resolve_server("http://127.0.0.2:8000").base_url == "http://127.0.0.2:8000"
