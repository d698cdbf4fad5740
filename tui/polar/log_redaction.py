"""Keeps client secrets out of log records, whoever configured logging.

httpx logs every request line at INFO ("HTTP Request: GET https://…/client/polar_c_…"), and
the secret is in that path. A filter on the loggers that see URLs masks any secret in a
record's text before a handler can write it.
"""

from __future__ import annotations

import logging

from tui.polar.secret import SECRET_PATTERN, redact_secrets

URL_LOGGERS = ("httpx", "httpcore")


class SecretRedactingFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if SECRET_PATTERN.search(message):
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
