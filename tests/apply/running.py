"""Running `polar-checkout apply` as a person does, and checking no secret got out."""

from __future__ import annotations

from dataclasses import dataclass

import httpx
import pytest

from tui.apply import cli as apply_cli
from tui.cli import main, open_launch, parse_args
from tui.demo import Demo
from tui.polar.secret import SECRET_PATTERN


@dataclass(frozen=True)
class Ran:
    code: int
    out: str
    err: str

    @property
    def lines(self) -> list[str]:
        return self.out.splitlines()

    @property
    def errors(self) -> list[str]:
        return self.err.splitlines()


def _captured(capsys: pytest.CaptureFixture[str], code: int) -> Ran:
    captured = capsys.readouterr()
    for stream in (captured.out, captured.err):
        leaked = SECRET_PATTERN.search(stream)
        assert leaked is None, f"a client secret was printed in full: {stream!r}"
    return Ran(code, captured.out, captured.err)


def apply(capsys: pytest.CaptureFixture[str], *argv: str) -> Ran:
    """`polar-checkout apply ARGV...` through the real entry point."""
    return _captured(capsys, main(["apply", *argv]))


def apply_over(
    capsys: pytest.CaptureFixture[str],
    transport: httpx.MockTransport,
    *argv: str,
) -> Ran:
    """The same command, with a stand-in Polar behind `transport`."""
    args = parse_args(["apply", *argv])
    return _captured(capsys, apply_cli.run(args, open_launch, transport=transport))


def masked(secret: str) -> str:
    """How apply shows a secret, written out: the prefix and the last four characters."""
    return f"polar_c_…{secret[-4:]}"


def header(demo: Demo, secret: str) -> str:
    """apply's first line: which session, on which server (the emulator)."""
    return f"session {masked(secret)} on {demo.base_url.removeprefix('http://')}"
