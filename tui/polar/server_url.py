"""A server URL as an HTTP client should use it: credentials apart from the URL."""

from __future__ import annotations

import httpx


def without_credentials(base_url: str) -> tuple[httpx.URL, tuple[str, str] | None]:
    """The URL minus any `user:password@`, and those as Basic auth.

    Kept out of the URL, they reach no request line, log record or error message.
    """
    url = httpx.URL(base_url)
    if not url.userinfo:
        return url, None
    return url.copy_with(userinfo=b""), (url.username, url.password)
