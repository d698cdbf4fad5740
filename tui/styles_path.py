"""Finds the Textual stylesheets both in a source checkout and in an installed wheel."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def styles_dir() -> Path:
    """`tui/styles` inside a wheel (hatch force-include), else the top-level `styles/`."""
    for candidate in (_PACKAGE / "styles", _PACKAGE.parent / "styles"):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError("polar-checkout's styles/ folder is missing from this install")


def stylesheets() -> list[Path]:
    folder = styles_dir()
    return [
        folder / "base.tcss",
        *sorted(p for p in folder.glob("*.tcss") if p.name != "base.tcss"),
    ]
