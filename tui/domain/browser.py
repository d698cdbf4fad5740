"""Whether opening a link in a browser makes sense from this terminal.

`webbrowser` falls back to console browsers (lynx, w3m, ...) when no graphical one is
found: started from a full-screen app they would take over the terminal under it. So a
link is opened only when a graphical browser is there to show it.
"""

from __future__ import annotations

import os
import webbrowser
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import PurePath
from urllib.parse import urlsplit

CONSOLE_BROWSERS = frozenset({"lynx", "w3m", "links", "elinks", "www-browser"})
"""Browsers that draw in the terminal (`www-browser` is Debian's console default)."""

_ALWAYS_GRAPHICAL = ("darwin", "win32")
"""Platforms whose default browser never needs an X11 or Wayland display."""


@dataclass(frozen=True, slots=True)
class BrowserCheck:
    allowed: bool
    reason: str = ""
    """Why not, as the end of a sentence ("no graphical display …"), when not allowed."""


def _program(command: str) -> str:
    """The program a browser command runs: `/usr/bin/lynx -dump %s` → `lynx`."""
    words = command.split()
    return PurePath(words[0]).name if words else ""


def browser_check(
    environ: Mapping[str, str],
    platform: str,
    find: Callable[[], webbrowser.BaseBrowser] = webbrowser.get,
) -> BrowserCheck:
    """Whether a graphical browser is there; `find` is `webbrowser.get` (tests replace it)."""
    if platform not in _ALWAYS_GRAPHICAL and not (
        environ.get("DISPLAY") or environ.get("WAYLAND_DISPLAY")
    ):
        return BrowserCheck(False, "no graphical display ($DISPLAY and $WAYLAND_DISPLAY unset)")
    chosen = next((entry for entry in environ.get("BROWSER", "").split(os.pathsep) if entry), None)
    if chosen is not None:
        program = _program(chosen)
        if program in CONSOLE_BROWSERS:
            return BrowserCheck(False, f"$BROWSER names {program}, a console browser")
        return BrowserCheck(True)
    try:
        browser = find()
    except webbrowser.Error:
        return BrowserCheck(False, "no web browser found")
    program = _program(browser.name)
    if program in CONSOLE_BROWSERS:
        return BrowserCheck(False, f"the only browser found is {program}, a console browser")
    return BrowserCheck(True)


def is_web_link(url: str) -> bool:
    """An http(s) link with a host: the only kind handed to a browser."""
    parts = urlsplit(url)
    return parts.scheme in {"http", "https"} and bool(parts.netloc)
