"""What the command line asked the app to do. No Textual import."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import httpx

from tui.config import NO_CONFIG, UserConfig
from tui.polar.request_log import RequestLog
from tui.polar.secret import SessionRef
from tui.polar.watch import DEFAULT_SETTINGS, FollowSettings
from tui.server_choice import ServerChoice
from tui.settings import TIMEOUT, Server

if TYPE_CHECKING:
    from tui.demo import EmulatorServer


@dataclass(frozen=True, slots=True)
class Launch:
    """The server and session to open; `demo` is an emulator whose picker opens instead."""

    server: Server
    server_explicit: bool = False
    allow_http: bool = False
    """Plain http to a server that is not loopback is allowed (`--allow-http`): the start
    screen's server URL follows the same rule."""
    ref: SessionRef | None = None
    demo: EmulatorServer | None = None
    locale: str | None = None
    """Overrides each session's locale for amounts and dates (`--locale`)."""
    read_only: bool = False
    """Open sessions to look at only: no Submit, no Confirm (`--read-only`)."""
    live: bool = True
    """Follow each session's changes on the server (off: `--no-live`)."""
    follow: FollowSettings = DEFAULT_SETTINGS
    """How a live session is followed: reconnect delays, when to poll (tests shorten them),
    the stream's time-out (`--stream-timeout`)."""
    timeout: httpx.Timeout = field(default_factory=lambda: TIMEOUT)
    """Each request's bounds (`--connect-timeout`, `--read-timeout`)."""
    config: UserConfig = NO_CONFIG
    """The user's settings (config file and environment): theme and keymap reach the app."""
    config_problems: tuple[str, ...] = ()
    """What was wrong with them, for the app to say once it is up."""
    request_log: RequestLog = field(default_factory=RequestLog)
    """Where every exchange with the server is recorded, masked (`--log FILE` too)."""

    @property
    def choice(self) -> ServerChoice:
        """The server as the command line chose it: an explicit `--server` wins over a
        checkout URL's own server; the settings file's does not."""
        return ServerChoice(self.server, explicit=self.server_explicit)
