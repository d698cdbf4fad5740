"""Keeps secrets (`tui.polar.secret.ANY_SECRET`) out of log records, whoever configured
logging.

httpx logs every request line at INFO ("HTTP Request: GET https://…/client/polar_c_…"), and
the secret is in that path. httpcore logs at DEBUG, among other things, every response's
headers, where a server or proxy may echo the path (a redirect's Location, a
Content-Location). A filter masks any secret in a record's text before a handler can write it.

Logging consults only the filters of the logger a record is created on: a filter on the
parent `httpcore` never sees the records httpcore creates on `httpcore.http11` and its
siblings. So the filter sits on every logger httpx and httpcore log on; handlers belong to
whoever configured logging, and records can reach any of them.
"""

from __future__ import annotations

import logging

from tui.polar.secret import ANY_SECRET, redact_secrets

URL_LOGGERS = (
    "httpx",
    # One logger per httpcore module (httpcore 1.0, `httpcore/_async/*.py`).
    "httpcore.connection",
    "httpcore.http11",
    "httpcore.http2",
    "httpcore.proxy",
    "httpcore.socks",
)


class SecretRedactingFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if ANY_SECRET.search(message):
            record.msg = redact_secrets(message)
            record.args = None
        return True


_FILTER = SecretRedactingFilter()


def install() -> None:
    """Attach the filter to every logger that may see a URL (idempotent)."""
    for name in URL_LOGGERS:
        logger = logging.getLogger(name)
        if _FILTER not in logger.filters:
            logger.addFilter(_FILTER)
