"""Running tapes headless through Textual's pilot, on the real screens.

Each tape runs in a fresh app; a tape that opens a demo session gets a freshly started
built-in emulator. One line is printed per step; a tape stops at its first failure, and
the screen is printed as text and saved as `<out>/<tape>-failure.svg`, and the request log
(every exchange with the server, masked) is printed under it.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from textual.pilot import Pilot

from tui import settings
from tui.app import CheckoutApp
from tui.domain.display import printable
from tui.launch import Launch
from tui.polar.request_export import summary_lines
from tui.polar.request_log import RequestLog
from tui.polar.secret import redact_secrets
from tui.screen_rows import screen_rows
from tui.tapes.actions import StepFailed, TapeDriver
from tui.tapes.clock import TapeClock
from tui.tapes.screenshots import mask_real_links, save_svg
from tui.tapes.steps import Tape

DEFAULT_SIZE = (100, 32)


@dataclass(frozen=True, slots=True)
class RunOptions:
    out: Path = Path(".")
    timeout: float = 5.0
    size: tuple[int, int] | None = None
    """Overrides every tape's own `size` line."""
    server: str | None = None
    """The server for `open SECRET` lines; a URL's own host otherwise, else production."""
    scenarios: Path | None = None
    """A scenario file for the built-in emulator instead of the built-in scenarios."""


async def run_tape(tape: Tape, options: RunOptions, echo: Callable[[str], None]) -> bool:
    """Run one tape; whether every step passed."""
    clock = TapeClock()
    server = settings.resolve_server(options.server)
    launch = Launch(
        server=server,
        server_explicit=options.server is not None,
        request_log=RequestLog(clock=clock.now),
    )
    app = CheckoutApp(launch, clock=clock.now)
    size = options.size or tape.size or DEFAULT_SIZE
    async with app.run_test(size=size, notifications=True) as pilot:
        driver = TapeDriver(pilot, clock, timeout=options.timeout, scenarios=options.scenarios)
        for step in tape.steps:
            try:
                await driver.perform(step, options.out)
            except StepFailed as failure:
                echo(f"{tape.path}:{step.line} FAIL {step.source} — {failure.reason}")
                await _report_failure(pilot, tape, options.out, echo)
                report_requests(launch.request_log, echo)
                return False
            echo(f"{tape.path}:{step.line} ok {step.source}")
    return True


async def _report_failure(
    pilot: Pilot[Any], tape: Tape, out: Path, echo: Callable[[str], None]
) -> None:
    await mask_real_links(pilot)
    app = pilot.app
    echo(f"--- the screen at the failure ({app.size.width}x{app.size.height}) ---")
    for row in screen_rows(app):
        echo(row.rstrip())
    echo("---")
    path = out / f"{tape.name}-failure.svg"
    try:
        save_svg(app, out, path.name)
    except OSError as error:
        echo(f"cannot save {path}: {error.strerror}")
    else:
        echo(f"saved {path}")


def report_requests(log: RequestLog, echo: Callable[[str], None]) -> None:
    """What went over the wire before the failure, oldest first, secrets masked, no
    control character left to act on the terminal (a proxy's page may hold some)."""
    echo("--- the request log (oldest first) ---")
    for line in summary_lines(log.entries()) or ["(no requests)"]:
        echo(printable(line))
    echo("---")


def run_tapes(tapes: list[Tape], options: RunOptions, echo: Callable[[str], None]) -> int:
    """Run every tape in turn: 0 when all passed, 1 when a step of any failed."""
    safe = _redacting(echo)
    failed = 0
    for tape in tapes:
        try:
            passed = asyncio.run(run_tape(tape, options, safe))
        except Exception as error:  # the app itself broke: say so, and run the next tape
            safe(f"{tape.path}: FAIL the app stopped: {type(error).__name__}: {error}")
            passed = False
        failed += not passed
    return 1 if failed else 0


def _redacting(echo: Callable[[str], None]) -> Callable[[str], None]:
    """Every line a run prints, client secrets masked (a stored `url` holds one)."""
    return lambda line: echo(redact_secrets(line))
