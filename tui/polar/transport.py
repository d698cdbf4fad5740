"""The connection a client opens to a server: certificates only where they are used."""

from __future__ import annotations

import ssl

import httpx


def transport_for(base_url: httpx.URL) -> httpx.AsyncBaseTransport | None:
    """For a plain-http server, a transport with an empty TLS context: httpx would otherwise
    read its whole CA bundle (tens of milliseconds at start-up) for a connection that never
    uses it, and a context with no certificates verifies nothing, so it fails closed should
    TLS ever be asked of it. None for https: httpx's own transport, which verifies."""
    if base_url.scheme != "http":
        return None
    return httpx.AsyncHTTPTransport(verify=ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT))
