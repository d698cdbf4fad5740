"""`apply -`: the secret typed at a prompt that does not echo it, so it is in neither the
shell's history nor `ps`; from a pipe, its first line."""

from __future__ import annotations

import io

import pytest

from tests.support import secret_of
from tui.demo import Demo

from .running import apply


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_dash_asks_at_a_masked_prompt_and_applies(
    demo: Demo, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    secret = secret_of(demo.store, "one-time")
    asked: list[str] = []

    def getpass(prompt: str) -> str:
        asked.append(prompt)
        return f"{secret}\n"

    monkeypatch.setattr("sys.stdin", _Terminal())
    monkeypatch.setattr("getpass.getpass", getpass)
    ran = apply(capsys, "-", "--server", demo.base_url, "--set", "customer_name=Ada")
    assert ran.code == 0, ran.err
    assert asked == ["Client secret or checkout URL (not shown): "]
    assert demo.store.get_json(secret)["customer_name"] == "Ada"


def test_dash_without_a_terminal_reads_the_first_piped_line_and_asks_nothing(
    demo: Demo, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def getpass(prompt: str) -> str:
        raise AssertionError("asked without a terminal")

    secret = secret_of(demo.store, "one-time")
    monkeypatch.setattr("getpass.getpass", getpass)
    monkeypatch.setattr("sys.stdin", io.StringIO(f"{secret}\nsecond line\n"))
    ran = apply(capsys, "-", "--server", demo.base_url, "--set", "customer_name=Ada")
    assert ran.code == 0, ran.err
    assert demo.store.get_json(secret)["customer_name"] == "Ada"

    for closed in (io.StringIO(""), None):  # an empty pipe; no input at all (`<&-`)
        monkeypatch.setattr("sys.stdin", closed)
        ran = apply(capsys, "-", "--set", "customer_name=Ada")
        assert ran.code == 2
        assert ran.errors == [
            "polar-checkout apply: '-' read no client secret from the input (its first line)."
        ]
