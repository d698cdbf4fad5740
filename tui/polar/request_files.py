"""The request log on disk: `--log FILE` (one JSON line per exchange, appended as it
happens) and the exports the request log screen saves. Nothing is written without one of
them asking; what is written is the masked log, in files only their owner can read (they
hold customers' names and addresses)."""

from __future__ import annotations

import os
import stat
from datetime import datetime
from pathlib import Path

from tui.polar.request_export import json_line
from tui.polar.request_log import Exchange, RequestLog

EXTENSIONS = {"curl": "sh", "har": "har"}
PRIVATE = 0o600
"""A file's mode: read and written by its owner only."""


class JsonLinesFile:
    """Appends each exchange to `path` as it is recorded. `attach` checks first that the
    file can be written (raising OSError), so a bad path stops the command, not the run.
    Should writing fail later (a full disk, say), it stops, and the log is told once."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.problem = ""
        """Why writing stopped, once it has."""
        self._log: RequestLog | None = None

    def attach(self, log: RequestLog) -> None:
        """A file of ours from before (an earlier version wrote 0644) is made private too;
        another's file, or a terminal or pipe, keeps its mode."""
        descriptor = self._open()
        try:
            found = os.fstat(descriptor)
            if stat.S_ISREG(found.st_mode) and found.st_uid == os.getuid():
                os.fchmod(descriptor, PRIVATE)
        finally:
            os.close(descriptor)
        self._log = log
        log.listen(self.write)

    def write(self, exchange: Exchange) -> None:
        if self.problem:
            return
        try:
            with os.fdopen(self._open(), "a", encoding="utf-8") as file:
                file.write(json_line(exchange) + "\n")
        except (OSError, ValueError) as error:
            self.problem = getattr(error, "strerror", None) or type(error).__name__
            if self._log is not None:
                self._log.report(f"--log {self.path}: writing stopped: {self.problem}")

    def _open(self) -> int:
        return os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, PRIVATE)


def export_name(kind: str, now: datetime) -> str:
    """`polar-requests-20261124-120000.har`: the default file of an export, named in
    local time (the time the user's clock showed when they saved it)."""
    return f"polar-requests-{now.astimezone():%Y%m%d-%H%M%S}.{EXTENSIONS[kind]}"


def save_export(folder: Path, name: str, text: str) -> Path:
    """Write a new file (never over another: `-2`, `-3`… are added); its path. Text that
    cannot be encoded (a lone surrogate from a `\\ud800` escape) is written as that escape;
    should the writing fail, the file is removed, not left empty."""
    stem, dot, extension = name.rpartition(".")
    candidate = folder / name
    number = 1
    while True:
        try:
            descriptor = os.open(candidate, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE)
        except FileExistsError:
            number += 1
            candidate = folder / f"{stem}-{number}{dot}{extension}"
            continue
        try:
            with os.fdopen(descriptor, "w", encoding="utf-8", errors="backslashreplace") as file:
                file.write(text)
        except BaseException:
            candidate.unlink(missing_ok=True)
            raise
        return candidate
