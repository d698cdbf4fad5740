"""`--state FILE`: the emulator's state in an SQLite file, so sessions outlive a restart.

Two tables: `sessions` (one JSON document per session, in creation order, with the name of
the scenario it came from) and `meta` (JSON values: the creation counter, the clock, the
discount ledger, blocked organizations, rate limits, and the fingerprint of the scenario
file the state was made with).

One writer: the file is opened in WAL mode with SQLite's exclusive locking, so a second
emulator on the same file cannot even read it and refuses to start (`StateRefused`). A
state made with another scenario file refuses too, saying so. Writes go to a thread of
their own: the request that changed a session only queues it, and the thread writes
what is queued, coalesced, in one transaction, then the store's `meta` as it stands.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import sys
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

from pydantic import TypeAdapter

from tui.emulator.model.session import Session

FINGERPRINT: Final = "scenario_fingerprint"
FLUSH_EVERY: Final = 0.5
"""Seconds between writes of `meta` when no session changed (rate limits count on their own)."""
_SCHEMA: Final = (
    "CREATE TABLE IF NOT EXISTS sessions ("
    " secret TEXT PRIMARY KEY, seq INTEGER NOT NULL, scenario TEXT NOT NULL,"
    " document TEXT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
)
_SESSION: Final = TypeAdapter(Session)


class StateRefused(Exception):
    """The state file cannot be used; the message says why, for the person starting it."""


@dataclass(frozen=True, slots=True)
class SavedSession:
    scenario: str
    session: Session


@dataclass(frozen=True, slots=True)
class SavedState:
    sessions: list[SavedSession]
    """In creation order."""
    meta: dict[str, Any]


def fingerprint(scenarios_file: Path) -> str:
    """The sha256 of the scenario file's bytes: a state belongs to the file that seeded it."""
    return hashlib.sha256(scenarios_file.read_bytes()).hexdigest()


class StateFile:
    """The open state file; `close()` writes what is queued and lets go of the file."""

    def __init__(self, path: Path, scenario_fingerprint: str) -> None:
        self.path = path
        try:
            self._db = sqlite3.connect(
                path, timeout=0, isolation_level=None, check_same_thread=False
            )
        except sqlite3.Error as error:
            raise StateRefused(f"Cannot open the state file {path}: {error}.") from error
        try:
            self._claim(scenario_fingerprint)
        except BaseException:
            self._db.close()
            raise
        self._pending: dict[str, SavedSession] = {}
        self._forget = False
        self._order: dict[str, int] = {}
        self._meta_written = ""
        self.failure: str | None = None
        """Why the last write failed, while it has not succeeded since."""
        self._meta: Callable[[], Mapping[str, Any]] = dict
        self._wake = threading.Condition()
        self._closing = False
        self._writer: threading.Thread | None = None

    def _claim(self, scenario_fingerprint: str) -> None:
        try:
            self._db.execute("PRAGMA locking_mode=EXCLUSIVE")
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._db.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as error:
            if "locked" in str(error) or "busy" in str(error):
                raise StateRefused(
                    f"Another emulator is using the state file {self.path}; "
                    "one file serves one emulator at a time."
                ) from error
            raise StateRefused(f"Cannot use the state file {self.path}: {error}.") from error
        except sqlite3.DatabaseError as error:
            raise StateRefused(f"{self.path} is not an emulator state file: {error}.") from error
        for statement in _SCHEMA:
            self._db.execute(statement)
        row = self._db.execute("SELECT value FROM meta WHERE key = ?", (FINGERPRINT,)).fetchone()
        if row is not None and json.loads(row[0]) != scenario_fingerprint:
            self._db.execute("ROLLBACK")
            raise StateRefused(
                f"The state file {self.path} was made with another scenario file "
                f"(sha256 {json.loads(row[0])[:12]}…, this one is {scenario_fingerprint[:12]}…). "
                "Start with the scenario file it was made with, or with a new state file."
            )
        self._db.execute(
            "INSERT OR REPLACE INTO meta VALUES (?, ?)",
            (FINGERPRINT, json.dumps(scenario_fingerprint)),
        )
        self._db.execute("COMMIT")

    def load(self) -> SavedState | None:
        """What an earlier run left, or None for a new file. Call before `start`.
        Raises StateRefused when what is there cannot be read back."""
        try:
            return self._load()
        except (sqlite3.Error, ValueError, TypeError, KeyError) as error:
            raise StateRefused(
                f"The state file {self.path} cannot be read back ({error}); "
                "start with a new state file."
            ) from error

    def _load(self) -> SavedState | None:
        rows = self._db.execute(
            "SELECT secret, scenario, document FROM sessions ORDER BY seq"
        ).fetchall()
        if not rows:
            return None
        self._order = {secret: seq for seq, (secret, _, _) in enumerate(rows)}
        meta = {
            key: json.loads(value) for key, value in self._db.execute("SELECT key, value FROM meta")
        }
        sessions = [
            SavedSession(scenario, _SESSION.validate_json(document))
            for _, scenario, document in rows
        ]
        return SavedState(sessions, meta)

    def start(self, meta: Callable[[], Mapping[str, Any]]) -> None:
        """Begin writing in the background; `meta` is read (from the writer's thread) at
        each write and must be JSON-able."""
        self._meta = meta
        self._writer = threading.Thread(target=self._write_loop, name="emulator-state", daemon=True)
        self._writer.start()

    def changed(self, scenario: str, session: Session) -> None:
        """Queue a session (immutable, so it is safe to keep) to be written."""
        with self._wake:
            self._pending[session.client_secret] = SavedSession(scenario, session)
            self._wake.notify()

    def forget_all(self) -> None:
        """Drop every stored session at the next write (a reset seeds them again through
        `changed`)."""
        with self._wake:
            self._pending.clear()
            self._forget = True

    def close(self) -> None:
        with self._wake:
            self._closing = True
            self._wake.notify()
        if self._writer is not None:
            self._writer.join()
        else:
            self._flush_or_keep()
        self._db.close()

    def _write_loop(self) -> None:
        while True:
            with self._wake:
                if not self._pending and not self._closing:
                    self._wake.wait(FLUSH_EVERY)
                closing = self._closing
            self._flush_or_keep()
            if closing:
                return

    def _flush_or_keep(self) -> None:
        """Write; when that fails (a full disk), say so once, keep what was queued and try
        again at the next turn, so nothing is lost that a later write can save."""
        try:
            self._flush()
        except sqlite3.Error as error:
            if self._db.in_transaction:
                self._db.execute("ROLLBACK")
            if self.failure is None:
                print(f"Cannot write the state file {self.path}: {error}", file=sys.stderr)
            self.failure = str(error)
        else:
            self.failure = None

    def _flush(self) -> None:
        with self._wake:
            pending, self._pending = self._pending, {}
            forget, self._forget = self._forget, False
            if forget:
                self._order.clear()
            rows = [
                (secret, self._order.setdefault(secret, len(self._order)), saved)
                for secret, saved in pending.items()
            ]
        meta = json.dumps(self._meta(), sort_keys=True)
        if not rows and not forget and meta == self._meta_written:
            return
        try:
            self._write(rows, forget, meta)
        except sqlite3.Error:
            with self._wake:  # queued again, unless a newer copy came meanwhile
                self._forget = self._forget or forget
                for secret, _, saved in rows:
                    self._pending.setdefault(secret, saved)
            raise
        self._meta_written = meta

    def _write(self, rows: list[tuple[str, int, SavedSession]], forget: bool, meta: str) -> None:
        self._db.execute("BEGIN")
        if forget:
            self._db.execute("DELETE FROM sessions")
        self._db.executemany(
            "INSERT OR REPLACE INTO sessions VALUES (?, ?, ?, ?)",
            [
                (secret, seq, saved.scenario, _SESSION.dump_json(saved.session).decode())
                for secret, seq, saved in rows
            ],
        )
        self._db.executemany(
            "INSERT OR REPLACE INTO meta VALUES (?, ?)",
            [(key, json.dumps(value)) for key, value in json.loads(meta).items()],
        )
        self._db.execute("COMMIT")
