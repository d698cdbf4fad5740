"""Command palette entries for the demo: QA walks every error path by keyboard.

Every command goes through the emulator's admin API (`DemoMode`), so they drive a remote
emulator as well as the local one. A session made here reaches the app as
`DemoSessionCreated`; the app decides where it opens.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass
from functools import partial
from typing import Any, Protocol, runtime_checkable

from textual.app import App, SystemCommand
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.fuzzy import Matcher
from textual.message import Message
from textual.screen import Screen

from tui.admin_client import FAULTS, AdminFailed, EmulatorAdmin
from tui.demo import DemoMode
from tui.domain.display import printable
from tui.screens.checkout import CheckoutScreen
from tui.screens.picker import PickerScreen


class DemoSessionCreated(Message):
    """A fresh session of `scenario` was made from the palette: open it."""

    def __init__(self, client_secret: str, scenario: str) -> None:
        super().__init__()
        self.client_secret = client_secret
        self.scenario = scenario


@runtime_checkable
class DemoHost(Protocol):
    """An app that may be running the demo."""

    @property
    def demo(self) -> DemoMode | None: ...


@runtime_checkable
class PaletteScreen(Protocol):
    """A screen with actions of its own in the command palette."""

    def palette_commands(self) -> Iterator[SystemCommand]: ...


@dataclass(frozen=True, slots=True)
class DemoCommand:
    title: str
    help: str
    run: Callable[[], object]


def _failed(app: App[Any], title: str, error: AdminFailed) -> None:
    app.notify(printable(str(error)), title=title, severity="error", markup=False)


def _reload(screen: Screen[Any]) -> None:
    """Show what the emulator holds now on the screen a command was run from."""
    if not screen.is_attached:
        return
    if isinstance(screen, CheckoutScreen):
        screen.load_session()
    elif isinstance(screen, PickerScreen):
        screen.load_sessions()


def open_new_session(app: App[Any], demo: DemoMode, scenario: str) -> None:
    async def create() -> None:
        try:
            secret = await demo.new_session(scenario)
        except AdminFailed as error:
            _failed(app, "Emulator", error)
            return
        app.post_message(DemoSessionCreated(secret, scenario))

    app.run_worker(create(), group="admin", exit_on_error=False)


def run_admin(
    app: App[Any],
    screen: Screen[Any],
    title: str,
    action: Callable[[], Awaitable[None]],
    *,
    reload: bool = True,
) -> None:
    """Run one emulator command, say what happened, and show the session as it is now.

    Commands that only arm a fault skip the reload, which would trigger the fault itself.
    """

    async def run() -> None:
        try:
            await action()
        except AdminFailed as error:
            _failed(app, title, error)
            return
        app.notify(title.removeprefix("Demo: "), title="Emulator", timeout=3, markup=False)
        if reload:
            _reload(screen)

    app.run_worker(run(), group="admin", exit_on_error=False)


async def _freeze(admin: EmulatorAdmin, frozen: bool) -> None:
    await admin.freeze_clock(frozen)


class DemoCommands(Provider):
    """Offered only while the app talks to the emulator."""

    _scenarios: tuple[str, ...] = ()

    def _demo(self) -> DemoMode | None:
        return self.app.demo if isinstance(self.app, DemoHost) else None

    async def startup(self) -> None:
        demo = self._demo()
        if demo is None:
            return
        try:
            self._scenarios = tuple(await demo.scenario_names())
        except AdminFailed:
            return  # no "new session" commands; the others say what fails when run

    def _commands(self) -> list[DemoCommand]:
        demo = self._demo()
        if demo is None:
            return []
        app, screen, admin = self.app, self.screen, demo.admin
        commands = [
            DemoCommand(
                f"Demo: new {name} session",
                "Create a fresh session of this scenario and open it",
                partial(open_new_session, app, demo, name),
            )
            for name in sorted(self._scenarios)
        ]

        def command(
            title: str,
            help_text: str,
            action: Callable[[], Awaitable[None]],
            *,
            reload: bool = True,
        ) -> DemoCommand:
            return DemoCommand(
                title, help_text, partial(run_admin, app, screen, title, action, reload=reload)
            )

        if isinstance(screen, CheckoutScreen):
            secret = screen.secret
            commands += [
                command(
                    "Demo: expire this session",
                    "Its expiry moves to now: reads and updates answer 410",
                    partial(admin.expire, secret),
                ),
                command(
                    "Demo: simulate payment",
                    "The customer paid on the web page: confirmed, then succeeded",
                    partial(admin.pay, secret),
                ),
                command(
                    "Demo: decline payment",
                    "The customer's payment failed on the web page: open again",
                    partial(admin.decline, secret),
                ),
                command(
                    "Demo: lock this session for 10 s",
                    "Updates answer 409 (checkout busy) until the lock ends",
                    partial(admin.lock, secret, 10),
                ),
                command(
                    "Demo: block the organization",
                    "Updates answer 403 NotPermitted",
                    partial(admin.block, secret),
                ),
                *(
                    command(
                        f"Demo: fault: next request {fault.label}",
                        "Injected once into the next request for this session",
                        partial(admin.inject, secret, fault),
                        reload=False,
                    )
                    for fault in FAULTS
                ),
                command(
                    "Demo: clear injected faults",
                    "Forget faults that have not fired yet",
                    admin.clear_faults,
                    reload=False,
                ),
            ]
        commands += [
            command(
                "Demo: move the emulator's clock 30 minutes on",
                "Sessions expire, trials and paid checkouts move on by the new time",
                partial(admin.advance_clock, 30 * 60),
            ),
            command(
                "Demo: freeze the emulator's clock",
                "Time stands still on the emulator until it runs again (the countdown here "
                "follows at the next read)",
                partial(_freeze, admin, True),
            ),
            command(
                "Demo: let the emulator's clock run",
                "Time runs on from where it stood (never back)",
                partial(_freeze, admin, False),
            ),
        ]
        commands.append(
            command(
                "Demo: reset the emulator",
                "Every session back to its seeded state",
                admin.reset,
            )
        )
        return commands

    async def discover(self) -> Hits:
        for command in self._commands():
            title = command.title
            yield DiscoveryHit(Content(title), command.run, text=title, help=command.help)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for command in self._commands():
            score = matcher.match(command.title)
            if score > 0:
                display = plain_highlight(matcher, command.title)
                yield Hit(score, display, command.run, text=command.title, help=command.help)


def plain_highlight(matcher: Matcher, title: str) -> Content:
    """The matcher's highlight on the title as plain text: a title that holds a name from
    the emulator is never read as markup (Matcher.highlight would)."""
    content = Content(title)
    _score, offsets = matcher.fuzzy_search.match(matcher.query, title)
    for offset in offsets:
        if not title[offset].isspace():
            content = content.stylize(matcher.match_style, offset, offset + 1)
    return content
