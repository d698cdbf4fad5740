"""A QR code drawn in the terminal, or, where it does not fit, the size that would show it."""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.containers import Container
from textual.widgets import Static

from tui.domain.qr import cell_size, qr_rows


class QrCode(Static):
    """The rows as plain text; the stylesheet gives it a dark foreground on a light
    background (see `tui.domain.qr`)."""

    def __init__(self, rows: list[str]) -> None:
        super().__init__(Text("\n".join(rows), no_wrap=True), id="qr-code", markup=False)


class QrPane(Container):
    """Fills the space it is given and shows the code when the code fits in it whole.

    A code cut off by the edge of the terminal cannot be scanned: then it says how large
    the terminal must be instead. Checked again on every resize.
    """

    def __init__(self, text: str) -> None:
        super().__init__(id="qr-pane")
        self.rows = qr_rows(text) if text else []
        self.fits = False
        self._too_small = Static("", id="qr-too-small", markup=False)

    def compose(self) -> ComposeResult:
        if self.rows:
            yield QrCode(self.rows)
        yield self._too_small

    def on_resize(self, event: events.Resize) -> None:
        if not self.rows:
            self._show(False, "No checkout link to draw as a QR code.")
            return
        width, height = cell_size(self.rows)
        room = event.size
        if width <= room.width and height <= room.height:
            self._show(True, "")
            return
        screen = self.screen.size
        need_width = screen.width + max(0, width - room.width)
        need_height = screen.height + max(0, height - room.height)
        self._show(
            False, f"Make the terminal at least {need_width}×{need_height} to see the QR code."
        )

    def _show(self, fits: bool, message: str) -> None:
        self.fits = fits
        self.set_class(not fits, "-too-small")
        self._too_small.update(Text(message))
