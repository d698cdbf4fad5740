"""Server URLs: which hosts a checkout URL may name, loopback, and credentials apart from
the URL."""

from __future__ import annotations

import ipaddress
from urllib.parse import SplitResult

import httpx

POLAR_HOSTS = {
    "polar.sh": "production",
    "www.polar.sh": "production",
    "buy.polar.sh": "production",
    "api.polar.sh": "production",
    "sandbox.polar.sh": "sandbox",
    "sandbox-api.polar.sh": "sandbox",
}
"""Polar's hosts (its checkout pages, checkout links and API) and the server each names."""


class HostNotAccepted(ValueError):
    """A checkout URL on a host the secret must not travel to; the message names those it may."""


def is_loopback(host: str) -> bool:
    """`localhost`, 127.0.0.0/8 or ::1: traffic that never leaves this machine."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def server_of_url(parts: SplitResult, server_host: str | None) -> str | None:
    """The server a checkout URL sends its secret to: `production` or `sandbox` for Polar's
    hosts; the URL's own origin for a loopback host (an emulator); None for the host of an
    explicit `--server` (`server_host`), which the caller uses. Any other host raises
    HostNotAccepted: a typo or a stranger's host never receives the secret, nor does
    production receive a secret that was never Polar's."""
    host = (parts.hostname or "").lower()
    if host in POLAR_HOSTS:
        return POLAR_HOSTS[host]
    if is_loopback(host):
        netloc = parts.netloc.rpartition("@")[2]
        return f"{parts.scheme}://{netloc}"
    if server_host is not None and host == server_host.lower():
        return None
    accepted = ", ".join(sorted(POLAR_HOSTS))
    also = f", {server_host} (--server)" if server_host else ""
    raise HostNotAccepted(
        f"{host or 'That URL'} is not a Polar host, so the secret is not sent there. A "
        f"checkout URL may be on {accepted}, a loopback address (an emulator){also}; "
        "for a server of your own, pass it with --server."
    )


def direct_if_loopback(url: httpx.URL) -> dict[str, None]:
    """httpx mounts that keep traffic to a loopback server away from any proxy the
    environment names (`HTTP_PROXY`, `ALL_PROXY`, ...): a proxy cannot reach this machine's
    emulator, and has no business seeing its secrets. Other hosts follow the environment,
    `NO_PROXY` included."""
    if not is_loopback(url.host):
        return {}
    host = f"[{url.host}]" if ":" in url.host else url.host
    return {f"all://{host}": None}


def without_credentials(base_url: str) -> tuple[httpx.URL, tuple[str, str] | None]:
    """The URL minus any `user:password@`, and those as Basic auth.

    Kept out of the URL, they reach no request line, log record or error message.
    """
    url = httpx.URL(base_url)
    if not url.userinfo:
        return url, None
    return url.copy_with(userinfo=b""), (url.username, url.password)
