"""Text from outside (the server, the user, exceptions) made safe to put on a terminal."""

from __future__ import annotations

import re

# C0 controls except tab and newline, DEL, and C1 controls: escape sequences start here.
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
REPLACEMENT = "\ufffd"


def printable(text: str) -> str:
    """The text with every terminal control character replaced by U+FFFD."""
    return _CONTROLS.sub(REPLACEMENT, text)


def one_line(text: str) -> str:
    """Lines of a paste joined with single spaces (an address copied from a page, say)."""
    return " ".join(line.strip() for line in text.splitlines() if line.strip())
