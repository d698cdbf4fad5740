"""A QR code as text a terminal can draw: half-block characters, two modules a character row.

How "dark on light" is drawn: a character's ink is a dark module and its blank a light one,
so the rows are meant to be shown with a dark foreground on a light background (the widget
sets both). Each character covers one module across and two down (terminal cells are about
twice as tall as wide, so the modules come out square):

    upper dark, lower light: "▀"    upper light, lower dark: "▄"
    both dark:               "█"    both light:              " "

The code carries the quiet zone a scanner needs (4 light modules on every side). An odd
number of module rows leaves the last character row's lower half light: more quiet zone.
"""

from __future__ import annotations

from collections.abc import Sequence

QUIET_ZONE = 4
"""Light modules around the symbol, the width the QR standard asks for."""

_GLYPHS = {(False, False): " ", (True, False): "▀", (False, True): "▄", (True, True): "█"}


def _modules(text: str) -> list[list[bool]]:
    """The QR symbol for the text with its quiet zone: True is a dark module.

    Full QR only (phones seldom read Micro QR); segno picks the smallest version and then
    the highest error correction that still fits it. segno loads on the first code drawn:
    only the hand-off shows one.
    """
    import segno

    code = segno.make(text, micro=False)
    return [[bool(module) for module in row] for row in code.matrix_iter(border=QUIET_ZONE)]


def qr_rows(text: str) -> list[str]:
    """The QR code of the text as rows of half-block characters (see the module's notes)."""
    modules = _modules(text)
    if len(modules) % 2:
        modules.append([False] * len(modules[0]))
    return [
        "".join(_GLYPHS[pair] for pair in zip(upper, lower, strict=True))
        for upper, lower in zip(modules[::2], modules[1::2], strict=True)
    ]


def cell_size(rows: Sequence[str]) -> tuple[int, int]:
    """How many terminal cells the rows take: (width, height)."""
    return (len(rows[0]) if rows else 0, len(rows))
