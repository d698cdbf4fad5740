"""`emulator --state FILE`: sessions, the creation counter, the clock, the discount ledger and
rate limits outlive a restart; one emulator per file; a state belongs to its scenario file."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest

from tui.emulator.model.clock import Clock, FrozenClock, SystemClock
from tui.emulator.model.ids import stable_secret
from tui.emulator.rules.body import CheckoutUpdatePublic
from tui.emulator.rules.errors import ValidationFailed
from tui.emulator.run.foreground import serve
from tui.emulator.seed.loader import BUILTIN
from tui.emulator.state.file import StateFile, StateRefused, fingerprint
from tui.emulator.store import Store

from .support import CONFIRM_EMAIL, NOW, redeem_elsewhere

BUILTIN_PRINT = fingerprint(BUILTIN)
CONFIRM_PATH = "/v1/checkouts/client/polar_c_x/confirm"


@contextmanager
def emulator_store(path: Path, clock: Clock) -> Iterator[Store]:
    """A store on the state file, as one run of `polar-checkout emulator --state` keeps it."""
    store = Store(clock, state=StateFile(path, BUILTIN_PRINT))
    try:
        yield store
    finally:
        store.close()


@pytest.fixture
def state_path(tmp_path: Path) -> Path:
    return tmp_path / "emulator.sqlite"


def test_a_restart_keeps_sessions_and_never_hands_out_a_secret_twice(state_path: Path) -> None:
    with emulator_store(state_path, FrozenClock(NOW)) as store:
        one_time = store.list_sessions()[0].client_secret
        store.update(one_time, CheckoutUpdatePublic(customer_name="Ada Lovelace"))
        before = [store.create_session("discount").client_secret for _ in range(2)]
        store.expire(store.list_sessions()[1].client_secret)

    with emulator_store(state_path, FrozenClock(NOW)) as store:
        assert store.session(one_time).customer_name == "Ada Lovelace"
        entries = store.list_sessions()
        assert [entry.client_secret for entry in entries[-2:]] == before
        assert [entry.scenario for entry in entries[-2:]] == ["discount", "discount"]
        assert entries[1].status == "expired"
        after = store.create_session("discount").client_secret
    assert after not in before
    assert len(entries) == 13 + 2


def test_a_reset_writes_the_seed_back(state_path: Path) -> None:
    with emulator_store(state_path, FrozenClock(NOW)) as store:
        one_time = store.list_sessions()[0].client_secret
        store.update(one_time, CheckoutUpdatePublic(customer_name="Ada Lovelace"))
        store.create_session("free")
        store.reset()
        store.update(one_time, CheckoutUpdatePublic(customer_name="Grace Hopper"))
    with emulator_store(state_path, FrozenClock(NOW)) as store:
        assert store.session(one_time).customer_name == "Grace Hopper"
        assert len(store.list_sessions()) == 13


def test_the_clock_the_ledger_and_the_rate_limits_are_kept(state_path: Path) -> None:
    with emulator_store(state_path, FrozenClock(NOW)) as store:
        store.advance_clock(timedelta(minutes=30))
        redeem_elsewhere(store, "LASTONE", CONFIRM_EMAIL)
        assert [store.rate_limits.retry_after(CONFIRM_PATH, "qa") for _ in range(6)] == [0] * 6

    clock = FrozenClock(NOW)
    with emulator_store(state_path, clock) as store:
        assert clock.now() == NOW + timedelta(minutes=30)
        assert store.rate_limits.retry_after(CONFIRM_PATH, "qa") > 0
        discount = store.create_session("discount").client_secret
        with pytest.raises(ValidationFailed, match="Discount does not exist"):
            store.update(discount, CheckoutUpdatePublic(discount_code="LASTONE"))


@pytest.mark.parametrize("frozen", [True, False])
def test_the_clock_restarts_where_it_stood_frozen_or_running(
    state_path: Path, frozen: bool
) -> None:
    real = [NOW]
    with emulator_store(state_path, SystemClock(real=lambda: real[0])) as store:
        store.advance_clock(timedelta(hours=1))
        store.clock.freeze(frozen)
        store.mark_opened(store.list_sessions()[0].client_secret)
    real[0] = NOW + timedelta(days=2)
    clock = SystemClock(real=lambda: real[0])
    with emulator_store(state_path, clock) as store:
        assert store.list_sessions()[0].client_secret
        assert store.session(store.list_sessions()[0].client_secret).opened_at == NOW + timedelta(
            hours=1
        )
        if frozen:  # as QA left it: the sessions have not run out meanwhile
            assert (clock.now(), clock.frozen) == (NOW + timedelta(hours=1), True)
            assert store.list_sessions()[0].status == "open"
        else:  # the real time has gone past where it stood
            assert (clock.now(), clock.frozen) == (NOW + timedelta(days=2), False)


def test_a_failed_write_is_said_once_and_tried_again(
    state_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    writes = StateFile._write
    failures = iter([sqlite3.OperationalError("database or disk is full")])

    def full_disk_once(self: StateFile, *args: Any) -> None:
        for failure in failures:
            raise failure
        writes(self, *args)

    monkeypatch.setattr(StateFile, "_write", full_disk_once)
    with emulator_store(state_path, FrozenClock(NOW)) as store:
        one_time = store.list_sessions()[0].client_secret
        store.update(one_time, CheckoutUpdatePublic(customer_name="Ada Lovelace"))
    assert capsys.readouterr().err == (
        f"Cannot write the state file {state_path}: database or disk is full\n"
    )
    with emulator_store(state_path, FrozenClock(NOW)) as store:
        assert store.session(one_time).customer_name == "Ada Lovelace"
        assert len(store.list_sessions()) == 13


def test_a_state_that_cannot_be_read_back_refuses(state_path: Path) -> None:
    StateFile(state_path, BUILTIN_PRINT).close()
    db = sqlite3.connect(state_path)
    with db:
        db.execute("INSERT INTO sessions VALUES ('polar_c_x', 0, 'one-time', '{\"id\": 5}')")
    db.close()
    state = StateFile(state_path, BUILTIN_PRINT)
    try:
        with pytest.raises(StateRefused, match="cannot be read back"):
            state.load()
    finally:
        state.close()


def test_a_second_emulator_on_the_same_file_refuses(state_path: Path) -> None:
    first = StateFile(state_path, BUILTIN_PRINT)
    try:
        with pytest.raises(StateRefused, match="Another emulator is using the state file"):
            StateFile(state_path, BUILTIN_PRINT)
        assert serve("127.0.0.1", 0, None, state=state_path) == 2
    finally:
        first.close()
    StateFile(state_path, BUILTIN_PRINT).close()


def test_a_state_made_with_another_scenario_file_refuses(
    state_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    StateFile(state_path, BUILTIN_PRINT).close()
    other = tmp_path / "other.toml"
    other.write_text(BUILTIN.read_text(encoding="utf-8") + "\n# changed\n", encoding="utf-8")
    assert serve("127.0.0.1", 0, other, state=state_path) == 2
    error = capsys.readouterr().err
    assert f"The state file {state_path} was made with another scenario file" in error
    assert "Start with the scenario file it was made with, or with a new state file." in error


def test_a_file_that_is_not_a_state_file_refuses(state_path: Path) -> None:
    state_path.write_text("not a database, but some notes", encoding="utf-8")
    with pytest.raises(StateRefused, match="is not an emulator state file"):
        StateFile(state_path, BUILTIN_PRINT)


def test_a_terminated_emulator_writes_what_was_queued(state_path: Path) -> None:
    """`kill` (SIGTERM) stops the emulator as Ctrl+C does: the state file's last write runs."""
    code = (
        "import sys; from pathlib import Path; from tui.emulator.run.foreground import serve; "
        f"sys.exit(serve('127.0.0.1', 0, None, state=Path({str(state_path)!r})))"
    )
    child = subprocess.Popen(
        [sys.executable, "-c", code], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    try:
        assert child.stdout is not None
        first = child.stdout.readline()
        base_url = first.split(" on ")[1].split(" ")[0]
        secret = stable_secret("one-time")
        answer = httpx.patch(
            f"{base_url}/v1/checkouts/client/{secret}", json={"customer_name": "Kept"}, timeout=5
        )
        assert answer.status_code == 200
        child.send_signal(signal.SIGTERM)
        assert child.wait(timeout=10) == 0
    finally:
        child.kill()
        child.communicate()
    state = StateFile(state_path, BUILTIN_PRINT)
    try:
        saved = state.load()
    finally:
        state.close()
    assert saved is not None
    assert {kept.session.client_secret: kept.session for kept in saved.sessions}[
        secret
    ].customer_name == "Kept"
