"""The request log on disk: `--log FILE` (one JSON line per exchange, appended as it
happens) and the exports the request log screen saves. Nothing is written without one of
them asking; what is written is the masked log."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from tui.polar.request_export import json_line
from tui.polar.request_log import Exchange, RequestLog

EXTENSIONS = {"curl": "sh", "har": "har"}


class JsonLinesFile:
    """Appends each exchange to `path` as it is recorded. `attach` checks first that the
    file can be written (raising OSError), so a bad path stops the command, not the run."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.problem = ""
        """Why writing stopped (a full disk, say), once it has."""

    def attach(self, log: RequestLog) -> None:
        with self.path.open("a", encoding="utf-8"):
            pass
        log.listen(self.write)

    def write(self, exchange: Exchange) -> None:
        if self.problem:
            return
        try:
            with self.path.open("a", encoding="utf-8") as file:
                file.write(json_line(exchange) + "\n")
        except OSError as error:
            self.problem = error.strerror or type(error).__name__


def export_name(kind: str, now: datetime) -> str:
    """`polar-requests-20261124-120000.har`: the default file of an export."""
    return f"polar-requests-{now:%Y%m%d-%H%M%S}.{EXTENSIONS[kind]}"


def save_export(folder: Path, name: str, text: str) -> Path:
    """Write a new file (never over another: `-2`, `-3`… are added); its path."""
    stem, dot, extension = name.rpartition(".")
    candidate = folder / name
    number = 1
    while True:
        try:
            with candidate.open("x", encoding="utf-8") as file:
                file.write(text)
        except FileExistsError:
            number += 1
            candidate = folder / f"{stem}-{number}{dot}{extension}"
            continue
        return candidate
