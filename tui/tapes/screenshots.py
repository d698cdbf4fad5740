"""Saving what a tape's app shows as an SVG file: a `snapshot` line, a failure's picture."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.app import App


def save_svg(app: App[Any], out: Path, name: str) -> Path:
    """The screen as `out/name`, the folder made if need be. Raises OSError."""
    out.mkdir(parents=True, exist_ok=True)
    return Path(app.save_screenshot(filename=name, path=str(out)))
