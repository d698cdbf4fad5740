"""What apply prints: changes, totals and the stored session, as text with every secret
masked and no terminal control characters."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from datetime import datetime
from typing import Any, Final

from tui.apply.plan import Change, Problem
from tui.domain.display import printable
from tui.domain.summary import amount_rows
from tui.polar.models import CheckoutPublic
from tui.polar.secret import redact, redact_secrets

NONE: Final = "—"
"""A value that is not there: never stored, or cleared by the change."""
_TOTALS: Final = ("Subtotal", "Tax", "Total")
_CONTROLS_LEFT_IN_JSON = re.compile(r"[\x7f-\x9f]")


def safe(text: str, secret: str) -> str:
    """Text fit for the terminal: the session's secret, and any other client secret,
    masked; control characters replaced."""
    return printable(redact_secrets(redact(text, secret)))


def value_text(value: Any) -> str:
    """A stored or sent value as people read it: text quoted, flags and numbers as JSON,
    nothing (or empty text) as a dash."""
    if value is None or value == "":
        return NONE
    return json_text(value)


def change_line(change: Change) -> str:
    """`customer_email: "ada@example.com" → "grace@example.com"`."""
    return f"{change.field}: {value_text(change.old)} → {value_text(change.new)}"


def problem_lines(problems: Iterable[Problem], general: Iterable[str] = ()) -> list[str]:
    """`customer_email: <Polar's message>` per field, then the messages for no field."""
    return [f"{problem.field}: {problem.message}" for problem in problems] + list(general)


def totals_lines(session: CheckoutPublic, now: datetime) -> list[str]:
    """The server's money rows as the summary pane words them, in the session's locale:
    `Total $49.00`."""
    return [
        f"{row.label} {row.value}"
        for row in amount_rows(session, now, session.locale)
        if row.label in _TOTALS or row.kind == "discount"
    ]


def json_text(data: Any, *, indent: int | None = None) -> str:
    """JSON that a terminal shows as it is: the control characters JSON leaves raw (DEL and
    C1) escaped too, so the text stays valid JSON."""
    text = json.dumps(data, ensure_ascii=False, indent=indent)
    return _CONTROLS_LEFT_IN_JSON.sub(lambda match: f"\\u{ord(match.group()):04x}", text)
