"""`--log FILE` on the commands that open sessions: every exchange with the server appended
to FILE as one JSON line, secrets masked. No Textual import."""

from __future__ import annotations

import argparse
from pathlib import Path

from tui.polar.request_files import JsonLinesFile
from tui.polar.request_log import RequestLog

LOG_HELP = "append every request and its answer to FILE, one JSON line each, secrets masked"


class LogNotWritable(ValueError):
    """`--log` names a file that cannot be written; the message says why."""


def add_log_option(command: argparse.ArgumentParser) -> None:
    command.add_argument("--log", type=Path, metavar="FILE", help=LOG_HELP)


def request_log(args: argparse.Namespace) -> RequestLog:
    """The run's request log, writing to `--log`'s file when one is given."""
    log = RequestLog()
    path: Path | None = getattr(args, "log", None)
    if path is not None:
        try:
            JsonLinesFile(path).attach(log)
        except OSError as error:
            raise LogNotWritable(f"--log: cannot write {path}: {error.strerror}") from error
    return log
