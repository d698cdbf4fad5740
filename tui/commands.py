"""Command palette entries for the offline demo: QA walks every error path by keyboard."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Provider

from tui.admin_client import FAULTS
from tui.screens.checkout import CheckoutScreen

if TYPE_CHECKING:
    from tui.app import CheckoutApp


@dataclass(frozen=True, slots=True)
class DemoCommand:
    title: str
    help: str
    run: Callable[[], object]


class DemoCommands(Provider):
    """Offered only while the app talks to the emulator."""

    def _commands(self) -> list[DemoCommand]:
        app: CheckoutApp = self.app  # type: ignore[assignment]
        admin = app.admin
        if admin is None:
            return []
        commands = [
            DemoCommand(
                f"Demo: new {name} session",
                "Create a fresh session of this scenario and open it",
                partial(app.open_new_demo_session, name),
            )
            for name in app.scenario_names()
        ]
        screen = self.screen  # the screen the palette was opened over
        if isinstance(screen, CheckoutScreen):
            secret = screen.secret

            def on_session(
                title: str,
                help_text: str,
                action: Callable[[], Awaitable[None]],
                *,
                reload: bool = True,
            ) -> DemoCommand:
                run = partial(app.run_admin, title, action, reload=reload)
                return DemoCommand(title, help_text, run)

            commands += [
                on_session(
                    "Demo: expire this session now",
                    "Its expiry moves to now: reads and updates answer 410",
                    partial(admin.expire, secret),
                ),
                on_session(
                    "Demo: simulate payment",
                    "The customer paid on the web page: confirmed, then succeeded",
                    partial(admin.pay, secret),
                ),
                on_session(
                    "Demo: lock this session for 10 s",
                    "Updates answer 409 (checkout busy) until the lock ends",
                    partial(admin.lock, secret, 10),
                ),
                on_session(
                    "Demo: block the organization",
                    "Updates answer 403 NotPermitted",
                    partial(admin.block, secret),
                ),
                *(
                    on_session(
                        f"Demo: fault: next request {fault.label}",
                        "Injected once into the next request for this session",
                        partial(admin.inject, secret, fault),
                        reload=False,
                    )
                    for fault in FAULTS
                ),
                on_session(
                    "Demo: clear injected faults",
                    "Forget faults that have not fired yet",
                    admin.clear_faults,
                    reload=False,
                ),
            ]
        commands.append(
            DemoCommand(
                "Demo: reset the emulator",
                "Every session back to its seeded state",
                partial(app.run_admin, "Demo: reset the emulator", admin.reset),
            )
        )
        return commands

    async def discover(self) -> Hits:
        for command in self._commands():
            yield DiscoveryHit(command.title, command.run, help=command.help)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for command in self._commands():
            score = matcher.match(command.title)
            if score > 0:
                yield Hit(score, matcher.highlight(command.title), command.run, help=command.help)
