"""How a tape compares what it expects with what the app shows and what the server stores.

Pure functions: the runner reads the screen and the session, these decide.
"""

from __future__ import annotations

import json
import re
from typing import Any

_SPACES = re.compile(r" +")
_NO_BREAK = str.maketrans({"\u00a0": " ", "\u202f": " "})


def squeeze(text: str) -> str:
    """Non-breaking spaces read as spaces; every run of spaces counts as one."""
    return _SPACES.sub(" ", text.translate(_NO_BREAK))


def on_screen(text: str, rows: list[str]) -> bool:
    """TEXT stands within one row of the screen (case-sensitive, spaces squeezed)."""
    needle = squeeze(text)
    return any(needle in squeeze(row) for row in rows)


def stored_value(session: Any, path: str) -> str:
    """The value at a dotted PATH of the stored session, as a tape compares it.

    A numeric segment indexes an array; a missing key, or a path through null, gives null.
    A string compares as its raw text; anything else as its compact, key-sorted JSON.
    """
    value: Any = session
    for segment in path.split("."):
        if isinstance(value, dict):
            value = value.get(segment)
        elif isinstance(value, list) and segment.isdigit() and int(segment) < len(value):
            value = value[int(segment)]
        else:
            value = None
        if value is None:
            break
    if isinstance(value, str):
        return value
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
