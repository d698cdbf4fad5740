"""The checkout's two status lines: the banner that explains the last thing that happened,
and the total bar that is always visible. Both show plain text, never markup."""

from __future__ import annotations

from datetime import datetime

from rich.text import Text
from textual.widgets import Static

from tui.domain.display import printable
from tui.domain.summary import time_left, total_text
from tui.polar.models import CheckoutPublic


class Banner(Static):
    def __init__(self) -> None:
        super().__init__("", id="banner", markup=False)

    def say(self, text: str, *, error: bool = False) -> None:
        self.update(Text(printable(text)))
        self.display = bool(text)
        self.set_class(error, "-error")


class TotalBar(Static):
    def __init__(self) -> None:
        super().__init__("", id="total-bar", markup=False)

    def show(
        self,
        session: CheckoutPublic | None,
        now: datetime,
        *,
        unsaved: int,
        saving: bool,
        locale: str | None,
        live: str = "",
    ) -> None:
        """`live`: how the session is followed ("live", "checking every 5 s"), if at all."""
        if session is None:
            self.update(Text(""))
            return
        total = f"Total {total_text(session, locale)}"
        parts = [total, time_left(session.expires_at, now), session.status]
        if live:
            parts.append(live)
        if saving:
            parts.append("saving…")
        elif unsaved:
            parts.append(f"{unsaved} unsaved change{'s' if unsaved != 1 else ''} (ctrl+s)")
        else:
            parts.append("all saved")
        self.update(Text("  ·  ".join(parts)))
