"""The footer, fitted to a narrow terminal: keys that do not fit are left out whole, with a
"…" where they were, instead of the last one cut mid-word ("esc Ba"). Back, quit and help
always stay: F1 and the palette list every key left out."""

from __future__ import annotations

from textual.widgets import Footer
from textual.widgets._footer import FooterKey, FooterLabel

LEFT_OUT_WIDTH = 2
"""The "…" and the space after it."""
KEPT_ACTIONS = frozenset({"back", "quit", "help"})
"""The keys a narrow footer keeps, whatever else it leaves out: the way back and out."""


def keys_that_fit(widths: list[int], kept: list[bool], room: int) -> list[bool]:
    """Which keys to show, in order: every kept one, then the others from the first on as
    long as they fit (none after the first that does not), leaving room for the "…" when
    any is left out."""
    if sum(widths) <= room:
        return [True] * len(widths)
    left = room - LEFT_OUT_WIDTH
    left -= sum(width for width, keep in zip(widths, kept, strict=True) if keep)
    shown: list[bool] = []
    for width, keep in zip(widths, kept, strict=True):
        fits = keep or width <= left
        left = left - width if fits and not keep else (left if fits else -1)
        shown.append(fits)
    return shown


PALETTE = "-command-palette"
"""The palette's key, docked at the footer's right end."""


class LeftOut(FooterLabel):
    """Stands where the footer's keys that did not fit were."""


class FittedFooter(Footer):
    async def recompose(self) -> None:
        await super().recompose()
        self.call_after_refresh(self._fit)

    def on_resize(self) -> None:
        self.call_after_refresh(self._fit)

    def _fit(self) -> None:
        if not self.is_attached:
            return
        self.query(LeftOut).remove()
        every = list(self.query_children(FooterKey))
        palette = sum(key.outer_size.width for key in every if key.has_class(PALETTE))
        keys = [key for key in every if not key.has_class(PALETTE)]
        widths = [key.render().cell_len + key.styles.margin.width for key in keys]
        kept = [key.action in KEPT_ACTIONS for key in keys]
        # The palette's border may cover the last key's closing space, as Textual draws it.
        shown = keys_that_fit(widths, kept, self.size.width - palette + 1)
        for key, show in zip(keys, shown, strict=True):
            key.display = show
        dropped = [key for key, show in zip(keys, shown, strict=True) if not show]
        if dropped:
            self.mount(LeftOut("…"), before=dropped[0])
