"""Each figure of issue 11's table, measured and put in rows (with the raw samples)."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final

from . import edit_session, handler, launch, load, paste, roundtrip
from .emulator import Emulator
from .stats import Row, percentile, ratio, summarize, verdict

ROOT: Final = Path(__file__).resolve().parent.parent
STREAMS: Final = 50
RAW_VALUES: Final = 12
"""Samples this small are printed whole."""


@dataclass(frozen=True, slots=True)
class Plan:
    """How many repetitions each figure gets."""

    launches: int
    keys: int
    handler_edits: int
    single_rounds: int
    load_trials: int
    load_rounds: int
    submits: int
    pastes: int


FULL: Final = Plan(
    launches=5,
    keys=60,
    handler_edits=200,
    single_rounds=500,
    load_trials=3,
    load_rounds=20,
    submits=200,
    pastes=10,
)
QUICK: Final = Plan(
    launches=2,
    keys=15,
    handler_edits=20,
    single_rounds=50,
    load_trials=1,
    load_rounds=5,
    submits=20,
    pastes=2,
)


@dataclass
class Report:
    rows: list[Row] = field(default_factory=list)
    samples: dict[str, list[float]] = field(default_factory=dict)

    def note(self, name: str, values: Sequence[float]) -> None:
        self.samples[name] = list(values)

    def raw(self) -> list[str]:
        """Each sample: every value when few, else its distribution."""
        return [f"{name}: {describe(values)}" for name, values in self.samples.items()]


def describe(values: Sequence[float]) -> str:
    if len(values) <= RAW_VALUES:
        return ", ".join(f"{value:.3g}" for value in values)
    points = ", ".join(
        f"{label} {percentile(values, fraction):.3g}"
        for label, fraction in (("p25", 0.25), ("p50", 0.5), ("p90", 0.9), ("p99", 0.99))
    )
    return f"n={len(values)}, min {min(values):.3g}, {points}, max {max(values):.3g}"


def progress(text: str) -> None:
    print(f"[bench] {text}", file=sys.stderr, flush=True)


def terminal_figures(emulator: Emulator, plan: Plan, report: Report) -> None:
    """Launch, memory and CPU per key: ours and the floor app alternately, after one
    unrecorded warm-up each (a cold disk cache would be the first run's alone)."""
    secret = emulator.new_session()
    routes = handler.routes(emulator.base_url, secret)
    ours_command = launch.ours(secret, emulator.base_url)
    floor_command = launch.floor(secret, emulator.base_url)
    runs: dict[str, list[launch.Run]] = {"ours": [], "floor": []}
    sides: dict[str, tuple[list[str], handler.Routes]] = {
        "ours": (ours_command, routes),
        "floor": (floor_command, launch.FLOOR_ROUTES),
    }
    for name, (command, keys) in sides.items():
        progress(f"warm-up launch: {name}")
        launch.run(command, keys, 1)
    for index in range(plan.launches):
        for name in ("ours", "floor") if index % 2 == 0 else ("floor", "ours"):
            progress(f"launch {index + 1}/{plan.launches}: {name}")
            command, keys = sides[name]
            runs[name].append(launch.run(command, keys, plan.keys))
    figures: list[tuple[str, Callable[[launch.Run], float], str, int, str]] = [
        ("launch to the filled form", lambda run: run.launch_s, "s", 2, "≤ 1.25×"),
        ("peak memory, form on screen", lambda run: run.peak_mib, "MiB", 1, "≤ 1.30×"),
        ("CPU per key, email field", lambda run: run.email_key_ms, "ms", 1, "≤ 2.0×"),
        ("CPU per key, tax ID field", lambda run: run.tax_key_ms, "ms", 1, "≤ 2.0×"),
    ]
    for what, measure, unit, digits, goal in figures:
        ours = [measure(run) for run in runs["ours"]]
        floor = [measure(run) for run in runs["floor"]]
        report.note(f"{what} [{unit}] ours", ours)
        report.note(f"{what} [{unit}] floor", floor)
        mine, base = summarize(ours), summarize(floor)
        report.rows.append(
            Row(what, mine.text(unit, digits), base.text(unit, digits), ratio(mine, base), goal)
        )


def handler_figures(emulator: Emulator, plan: Plan, report: Report) -> None:
    """Our own handler of an edit, at 10 and at 1,000 characters."""
    secret = emulator.new_session()
    for field_id, label in ((handler.EMAIL, "email"), (handler.TAX_ID, "tax ID")):
        short: list[float] = []
        for length in (10, 1000):
            progress(f"our handler: {label} at {length} characters")
            took = handler.handler_ms(
                emulator.base_url, secret, field_id, length, plan.handler_edits
            )
            report.note(f"handler {label} {length} chars [ms]", took)
            mine = summarize(took)
            if length == 10:
                short = took
                compared = verdict(mine.median <= 1.0)
                baseline = "—"
            else:
                base = summarize(short)
                compared = f"{ratio(mine, base)} of 10 chars; {verdict(mine.median <= 1.0)}"
                baseline = "10 chars: " + base.text("ms", 2, quartiles=True)
            report.rows.append(
                Row(
                    f"our handler (`_edited`), {label}, {length:,} chars",
                    mine.text("ms", 2, quartiles=True),
                    baseline,
                    compared,
                    "≤ 1 ms, flat as text grows",
                )
            )


def _p50_p99(values: Sequence[float]) -> str:
    return f"p50 {percentile(values, 0.5):.2f} ms, p99 {percentile(values, 0.99):.2f} ms"


def _alternately(index: int) -> tuple[str, str]:
    """Which goes first in the index-th pair: each in turn."""
    return ("ours", "floor") if index % 2 == 0 else ("floor", "ours")


def emulator_figures(
    emulator: Emulator, floor: Emulator, stateful: Emulator, plan: Plan, report: Report
) -> None:
    """One keep-alive client, then many clients with streams open: the emulator and the
    floor server (`floor_server.py`) alternately; then the load again with `--state`."""
    servers = {"ours": emulator, "floor": floor}
    single = {name: load.Latencies() for name in servers}
    for half in range(2):
        for name in _alternately(half):
            progress(f"one client, {plan.single_rounds // 2} PATCH+GET: {name}")
            server = servers[name]
            found = load.one_client(server, server.new_session(), plan.single_rounds // 2)
            single[name].merge(found)
    for method in ("GET", "PATCH"):
        values, base = single["ours"].by_method[method], single["floor"].by_method[method]
        report.note(f"one client {method} [ms] ours", values)
        report.note(f"one client {method} [ms] floor", base)
        met = percentile(values, 0.5) < 1.0 and percentile(values, 0.99) < 3.0
        server_p50 = percentile(single["ours"].server[method], 0.5)
        report.rows.append(
            Row(
                f"emulator {method}, one keep-alive client",
                f"{_p50_p99(values)}; errors {single['ours'].errors}; "
                f"server's own p50 {server_p50:.2f} ms",
                f"floor server: {_p50_p99(base)}",
                verdict(met and single["ours"].errors == 0),
                "p50 < 1 ms, p99 < 3 ms",
            )
        )
    _load_figure({**servers, "with --state": stateful}, plan, report)


def _load_figure(servers: dict[str, Emulator], plan: Plan, report: Report) -> None:
    secrets = {
        name: [server.new_session() for _ in range(STREAMS)] for name, server in servers.items()
    }
    p99s: dict[str, list[float]] = {name: [] for name in servers}
    server_share: dict[str, list[float]] = {name: [] for name in servers}
    errors = {name: 0 for name in servers}
    opened: dict[str, list[int]] = {name: [] for name in servers}
    names = list(servers)
    for trial in range(plan.load_trials):
        turn = (trial + 1) % len(names)  # each server first in turn
        for name in names[turn:] + names[:turn]:
            progress(f"{STREAMS} clients × {plan.load_rounds} rounds, trial {trial + 1}: {name}")
            found, open_streams = load.many_clients(servers[name], secrets[name], plan.load_rounds)
            everything = [value for values in found.by_method.values() for value in values]
            report.note(f"{STREAMS} clients trial {trial + 1} [ms] {name}", everything)
            p99s[name].append(percentile(everything, 0.99))
            errors[name] += found.errors
            if name != "floor":
                server_share[name].extend(v for values in found.server.values() for v in values)
                opened[name].append(open_streams)
    _load_row("", "ours", p99s, errors, server_share["ours"], opened["ours"], plan, report)
    _load_row(
        "--state, ", "with --state", p99s, errors, server_share["with --state"],
        opened["with --state"], plan, report,
    )  # fmt: skip


def _load_row(
    label: str,
    name: str,
    p99s: dict[str, list[float]],
    errors: dict[str, int],
    server_share: list[float],
    opened: list[int],
    plan: Plan,
    report: Report,
) -> None:
    ours_p99, floor_p99 = summarize(p99s[name]), summarize(p99s["floor"])
    met = errors[name] == 0 and ours_p99.median < 50.0
    report.rows.append(
        Row(
            f"emulator, {label}{STREAMS} clients × {plan.load_rounds} rounds PATCH+GET, "
            f"{STREAMS} streams open ({plan.load_trials} trial(s))",
            f"p99 {ours_p99.text('ms', 1)}; errors {errors[name]}; streams open "
            f"{min(opened)}/{STREAMS}; server's own p99 {percentile(server_share, 0.99):.1f} ms",
            f"floor server: p99 {floor_p99.text('ms', 1)}; errors {errors['floor']}",
            f"{ratio(ours_p99, floor_p99)}; {verdict(met)}",
            "0 errors, p99 < 50 ms",
        )
    )


def submit_figure(emulator: Emulator, plan: Plan, report: Report) -> None:
    progress(f"submit round trip: {plan.submits} PATCHes with the app's client")
    found = roundtrip.submits(emulator.base_url, emulator.new_session(), plan.submits)
    report.note("submit round trip minus server [ms]", found.outside_ms)
    outside = summarize(found.outside_ms)
    report.rows.append(
        Row(
            "submit round trip minus the server's own time (Server-Timing)",
            outside.text("ms", 2, quartiles=True),
            f"round trip p50 {summarize(found.round_trip_ms).median:.2f} ms, "
            f"server p50 {summarize(found.server_ms).median:.2f} ms",
            "—",
            "no goal yet",
        )
    )


def edit_session_figure(emulator: Emulator, report: Report) -> None:
    progress("requests sent for a scripted edit session")
    secret = emulator.new_session(edit_session.SCENARIO)
    sent = edit_session.requests_sent(emulator.base_url, secret)
    fields = len(edit_session.SCRIPT)
    report.rows.append(
        Row(
            f"requests sent for a scripted edit session ({fields} fields, a discount, Submit)",
            ", ".join(f"{count} {method}" for method, count in sorted(sent.items())),
            f"per field: 1 GET, {fields} PATCH",
            f"{sum(sent.values())} vs {fields + 1} requests",
            "a figure, no goal yet",
        )
    )


def paste_figure(emulator: Emulator, plan: Plan, report: Report) -> None:
    """A 1 MB paste into a field until the screen is idle again, beside a 10-character one."""
    progress(f"pastes: {plan.pastes} of 1 MB and of 10 characters into each field")
    secret = emulator.new_session(paste.SCENARIO)
    for label, found in paste.pastes(emulator.base_url, secret, plan.pastes).items():
        big, small = found.wall_ms[paste.MEGABYTE], found.wall_ms[paste.SHORT]
        report.note(f"1 MB paste, {label}, to idle [ms] wall", big)
        report.note(f"1 MB paste, {label}, to idle [ms] CPU", found.cpu_ms[paste.MEGABYTE])
        report.note(f"10-char paste, {label}, to idle [ms] wall", small)
        mine, base = summarize(big), summarize(small)
        cpu = summarize(found.cpu_ms[paste.MEGABYTE])
        report.rows.append(
            Row(
                f"1 MB paste into the {label} until the screen is idle (cut at its limit)",
                f"{mine.text('ms', 0)}; CPU {cpu.text('ms', 0)}",
                f"10-char paste: {base.text('ms', 0)}",
                ratio(mine, base),
                "a figure, no goal",
            )
        )


def https_figure(plan: Plan, report: Report) -> None:
    """Launch to the filled form over https, a local CA trusted through SSL_CERT_FILE:
    ours and the floor app alternately, as over http."""
    with tempfile.TemporaryDirectory() as folder, Emulator(Path(folder)) as emulator:
        progress(f"https emulator on {emulator.base_url}")
        secret = emulator.new_session()
        env = {**os.environ, "SSL_CERT_FILE": str(emulator.ca_file)}
        commands = {
            "ours": launch.ours(secret, emulator.base_url),
            "floor": launch.floor(secret, emulator.base_url),
        }
        found: dict[str, list[float]] = {"ours": [], "floor": []}
        for name, command in commands.items():
            progress(f"warm-up https launch: {name}")
            launch.launch_s(command, env)
        for index in range(plan.launches):
            for name in ("ours", "floor") if index % 2 == 0 else ("floor", "ours"):
                progress(f"https launch {index + 1}/{plan.launches}: {name}")
                found[name].append(launch.launch_s(commands[name], env))
    report.note("launch over https [s] ours", found["ours"])
    report.note("launch over https [s] floor", found["floor"])
    mine, base = summarize(found["ours"]), summarize(found["floor"])
    report.rows.append(
        Row(
            "launch over https (a local CA on loopback)",
            mine.text("s", 2),
            base.text("s", 2),
            ratio(mine, base),
            "a figure, no goal yet",
        )
    )


def suite_figure(report: Report) -> None:
    progress("the test suite (pytest -n 2): about 5 minutes")
    started = time.monotonic()
    command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-n", "2"]
    code = subprocess.run(command, cwd=ROOT, stdout=subprocess.DEVNULL).returncode
    took = time.monotonic() - started
    outcome = "passed" if code == 0 else f"exit code {code}"
    report.rows.append(
        Row("test suite wall time (`-n 2`)", f"{took:.0f} s ({outcome})", "—", "—", "no goal yet")
    )
