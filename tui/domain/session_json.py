"""A session as the inspector shows it: the server's body pretty-printed with every credential
masked by the one redactor, and where a search finds a text in it."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from tui.domain.display import printable
from tui.polar.secret import redact_data


def shown_json(body: bytes, secret: str) -> str:
    """The body (JSON, as a server sent it) indented two spaces, keys in the server's order,
    secrets masked (`secret`, the session's, wherever it is, whatever its shape), terminal
    controls replaced: nothing else changed."""
    shown = redact_data(json.loads(body), secret)
    return printable(json.dumps(shown, indent=2, ensure_ascii=False))


@dataclass(frozen=True, slots=True)
class Match:
    line: int
    start: int
    end: int
    """Offsets in the line."""


def find_matches(text: str, query: str) -> list[Match]:
    """Where `query` occurs in `text`, case ignored, line by line, first to last."""
    if not query:
        return []
    pattern = re.compile(re.escape(query), re.IGNORECASE)
    return [
        Match(number, *found.span())
        for number, line in enumerate(text.split("\n"))
        for found in pattern.finditer(line)
    ]
