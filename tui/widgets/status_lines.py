"""The checkout's two status lines: the banner that explains the last thing that happened,
and the total bar that is always visible. Both show plain text, never markup."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

from rich.console import Console, ConsoleOptions
from rich.text import Text
from textual.widgets import Static

from tui import keys
from tui.domain.display import printable
from tui.domain.fitting import join_to_fit
from tui.domain.summary import time_left, total_text
from tui.key_hints import key_hint
from tui.polar.models import CheckoutPublic


class Banner(Static):
    def __init__(self) -> None:
        super().__init__("", id="banner", markup=False)
        self.said = ""
        """The text on it now."""

    def say(self, text: str, *, error: bool = False) -> None:
        self.said = text
        self.update(Text(printable(text)))
        self.display = bool(text)
        self.set_class(error, "-error")


class _Parts:
    """The bar's parts joined to fit the width they are drawn at ("  ·  ", else " · ",
    else cut with "…"); as a string, joined roomily."""

    def __init__(self, parts: tuple[str, ...]) -> None:
        self._parts = parts

    def __str__(self) -> str:
        return "  ·  ".join(self._parts)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> Iterator[Text]:
        yield Text(join_to_fit(self._parts, options.max_width), no_wrap=True)


class TotalBar(Static):
    """One line (its height is fixed, so a change repaints it and lays nothing out); it is
    shown again after every key, so the total is worked out once a session and the line
    redrawn only when its words change."""

    def __init__(self) -> None:
        super().__init__("", id="total-bar", markup=False)
        self._shown: tuple[str, ...] = ()
        self._total: tuple[CheckoutPublic | None, str | None, str] = (None, None, "")

    def _say(self, *parts: str) -> None:
        shown = tuple(printable(part) for part in parts)  # status, currency: the server's
        if shown != self._shown:
            self._shown = shown
            self.update(_Parts(shown), layout=False)

    def _total_text(self, session: CheckoutPublic, locale: str | None) -> str:
        cached_session, cached_locale, text = self._total
        if cached_session is not session or cached_locale != locale:
            text = total_text(session, locale)
            self._total = (session, locale, text)
        return text

    def show(
        self,
        session: CheckoutPublic | None,
        now: datetime,
        *,
        unsaved: int,
        saving: bool,
        locale: str | None,
        live: str = "",
        editable: bool = True,
    ) -> None:
        """`live`: how the session is followed ("live", "checking every 5 s"), if at all.
        A closed session shows no time left (its status says it); where Submit is gone
        (closed, `--read-only`), unsaved typing is counted without the key."""
        if session is None:
            self._say()
            return
        parts = [f"Total {self._total_text(session, locale)}"]
        if session.status == "open":
            parts.append(time_left(session.expires_at, now))
        parts.append(session.status)
        if live:
            parts.append(live)
        if saving:
            parts.append("saving…")
        elif unsaved:
            count = f"{unsaved} unsaved change{'s' if unsaved != 1 else ''}"
            parts.append(f"{count} ({key_hint(self, keys.SUBMIT)})" if editable else count)
        else:
            parts.append("all saved")
        self._say(*parts)
