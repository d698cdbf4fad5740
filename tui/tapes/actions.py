"""What each tape step does to the running app, and how it checks what the app shows."""

from __future__ import annotations

import asyncio
import os
import weakref
from collections.abc import Awaitable, Callable
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import events
from textual.pilot import Pilot
from textual.widgets import Input, TextArea

from tui.admin_client import AdminFailed
from tui.demo import DemoMode, DemoStartFailed, start_demo
from tui.polar.errors import PolarError
from tui.polar.secret import SecretNotRecognised, parse_session_ref
from tui.screen_rows import screen_rows
from tui.screens.checkout import CheckoutScreen
from tui.screens.picker import PickerScreen
from tui.tapes import keys, matching, steps
from tui.tapes.clock import TapeClock
from tui.tapes.fields import field_shows
from tui.tapes.pace import HEADLESS, Pace
from tui.tapes.quiet import until_quiet
from tui.tapes.screenshots import mask_real_links, save_svg

if TYPE_CHECKING:
    from tui.app import CheckoutApp

POLL = 0.05
SETTLE_ROUNDS = 20
QUIT = "the app has quit: no step can follow a quit"


class StepFailed(Exception):
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


_LINGER = (steps.Wait, steps.Expect, steps.ExpectField, steps.ExpectError, steps.ExpectStored)


class TapeDriver:
    """Performs steps on one app through its pilot, at a pace.

    Every input event the tape sends goes through `send` and is kept in `sent`, so whoever
    watches the app's input can tell the tape's keys from a person's.
    """

    def __init__(
        self,
        pilot: Pilot[Any],
        clock: TapeClock,
        *,
        timeout: float,
        scenarios: Path | None,
        pace: Pace = HEADLESS,
    ) -> None:
        self.pilot = pilot
        self.clock = clock
        self.timeout = timeout
        self.pace = pace
        self.sent: weakref.WeakSet[events.Event] = weakref.WeakSet()
        self._scenarios = scenarios

    @property
    def app(self) -> CheckoutApp:
        app: CheckoutApp = self.pilot.app  # type: ignore[assignment]
        return app

    async def perform(self, step: steps.Step, out: Path) -> None:
        handler = _HANDLERS.get(type(step))
        if handler is None:
            return  # `size` applies when the app starts
        if self.app.return_code is not None:
            raise StepFailed(QUIT)  # its keys would go nowhere, its checks see a stopped app
        await handler(self, step, out)
        if self.pace.linger and isinstance(step, _LINGER):
            await asyncio.sleep(self.pace.linger)

    # Helpers -------------------------------------------------------------------------

    def send(self, event: events.Event) -> None:
        """Deliver an input event as the terminal would, marked as the tape's."""
        app = self.app
        assert app._driver is not None
        self.sent.add(event)
        event.set_sender(app)
        app._driver.send_message(event)

    async def keystroke(self) -> None:
        """A person's time between two keys (none in a headless run)."""
        if self.pace.keystroke:
            await asyncio.sleep(self.pace.keystroke)

    async def press(self, name: str) -> None:
        """One key, then wait until the app is idle (as the pilot's `press` does)."""
        await self.keystroke()
        self.send(keys.key_event(name))
        await self.pilot.pause()
        await self.app.animator.wait_until_complete()
        await self.pilot.pause()

    async def settle(self) -> None:
        """Let the app process everything it was sent, until the screen stops changing
        (a layout pass can lag behind the messages that asked for it)."""
        previous: list[str] | None = None
        for _ in range(SETTLE_ROUNDS):
            await self.pilot.pause()
            rows = self.rows()
            if rows == previous:
                return
            previous = rows

    def rows(self) -> list[str]:
        return screen_rows(self.app)

    def checkout(self) -> CheckoutScreen:
        screen = self.app.screen
        if not isinstance(screen, CheckoutScreen):
            raise StepFailed(f"no checkout form on screen ({type(screen).__name__} is)")
        return screen

    def demo_session(self) -> tuple[DemoMode, str]:
        demo, screen = self.app.demo, self.session_screen()
        if demo is None or screen is None:
            raise StepFailed("emulator lines need a session opened with `open demo ...`")
        return demo, screen.secret

    def session_screen(self) -> CheckoutScreen | None:
        """The session's form, on top or under a screen of its own (the hand-off's)."""
        stack = reversed(self.app.screen_stack)
        return next((screen for screen in stack if isinstance(screen, CheckoutScreen)), None)

    async def until(self, condition: Callable[[], bool], seconds: float, what: str) -> None:
        loop = asyncio.get_running_loop()
        deadline = loop.time() + seconds
        while not condition():
            if loop.time() >= deadline:
                raise StepFailed(f"{what} after {seconds:g}s")
            await self.pilot.pause(POLL)

    async def demo(self) -> DemoMode:
        if self.app.demo is None:
            try:
                server = await asyncio.to_thread(start_demo, self._scenarios)
            except DemoStartFailed as error:
                raise StepFailed(f"the built-in emulator did not start: {error}") from error
            self.app.demo = DemoMode(server, owned=True)
        return self.app.demo

    async def back_to_start(self) -> None:
        """`open` discards unsaved edits without asking: every screen goes."""
        while len(self.app.screen_stack) > 1:
            await self.app.pop_screen()

    async def wait_loaded(self) -> None:
        """Wait until the session opened shows, or its failure is explained."""
        screen = self.checkout()
        await self.until(
            lambda: screen.session is not None or screen.load_failed,
            self.timeout,
            "the session did not load",
        )
        await self.settle()

    async def admin(self, what: str, action: Callable[[], Awaitable[object]]) -> None:
        """Act on the emulator once the app is quiet: a live read still under way would
        meet the change (a fault, a lock) meant for the tape's next step."""
        screen = self.session_screen()
        if screen is not None:
            await until_quiet(self.pilot, screen, seconds=self.timeout)
        try:
            await action()
        except AdminFailed as error:
            raise StepFailed(f"the emulator refused {what}: {error}") from error
        await self.settle()


# Steps -----------------------------------------------------------------------------------


async def _open_demo(driver: TapeDriver, step: steps.OpenDemo, _out: Path) -> None:
    await driver.back_to_start()
    demo = await driver.demo()
    if step.scenario is None:
        driver.app.push_screen(PickerScreen(demo))
        await driver.settle()
        return
    try:
        secret = await demo.new_session(step.scenario)
    except AdminFailed as error:
        raise StepFailed(f"no session of scenario {step.scenario!r}: {error}") from error
    driver.app.open_demo_session(secret)
    await driver.wait_loaded()


async def _open_reference(driver: TapeDriver, reference: str) -> None:
    try:
        ref = parse_session_ref(reference)
    except SecretNotRecognised as error:
        raise StepFailed(str(error)) from error
    await driver.back_to_start()
    driver.app.open_session(ref)
    await driver.wait_loaded()


async def _open_session(driver: TapeDriver, step: steps.OpenSession, _out: Path) -> None:
    await _open_reference(driver, step.reference)


async def _open_env(driver: TapeDriver, step: steps.OpenFromEnvironment, _out: Path) -> None:
    value = os.environ.get(step.variable)
    if not value:
        raise StepFailed(f"the environment variable {step.variable} is not set")
    await _open_reference(driver, value)


async def _focus(driver: TapeDriver, step: steps.Focus, _out: Path) -> None:
    field = driver.checkout().form_field(step.field)
    if field is None:
        raise StepFailed(f"the form has no field {step.field}")
    if not field.is_on_screen:
        raise StepFailed(f"{step.field} is not displayed in the form as it is now")
    if field.focus_target.disabled:
        raise StepFailed(f"{step.field} is shown read-only: it takes no typing here")
    field.focus_target.focus()
    field.focus_target.scroll_visible(animate=False)
    await driver.settle()


async def _type(driver: TapeDriver, step: steps.Type, _out: Path) -> None:
    """One key per character, sent as a terminal sends them (at once, unless the pace says
    otherwise); then settle."""
    for character in step.text:
        await driver.keystroke()
        driver.send(keys.typed_event(character))
    await driver.settle()


async def _paste(driver: TapeDriver, step: steps.Paste, _out: Path) -> None:
    await driver.keystroke()
    driver.send(events.Paste(step.text))
    await driver.settle()


def _widget_kind(widget: object) -> str:
    """The Textual widget a field is (Checkbox, Select, ...), as a tape's author knows it."""
    kinds = type(widget).__mro__
    return next((kind.__name__ for kind in kinds if kind.__module__.startswith("textual.")), "")


async def _clear(driver: TapeDriver, _step: steps.Clear, _out: Path) -> None:
    focused = driver.app.focused
    if isinstance(focused, TextArea):
        focused.clear()
    elif isinstance(focused, Input):
        focused.value = ""
    else:
        name = _widget_kind(focused) if focused is not None else "nothing"
        raise StepFailed(f"clear needs a text field in focus ({name} has it)")
    await driver.settle()


async def _press(driver: TapeDriver, step: steps.Press, _out: Path) -> None:
    for key in step.keys:
        await driver.press(key)


async def _wait(driver: TapeDriver, step: steps.Wait, _out: Path) -> None:
    seconds = step.seconds if step.seconds is not None else driver.timeout
    if step.absent:
        await driver.until(
            lambda: not matching.on_screen(step.text, driver.rows()),
            seconds,
            f"{step.text!r} is still on screen",
        )
    else:
        await driver.until(
            lambda: matching.on_screen(step.text, driver.rows()),
            seconds,
            f"{step.text!r} did not appear",
        )


async def _expect(driver: TapeDriver, step: steps.Expect, _out: Path) -> None:
    await driver.settle()
    shown = matching.on_screen(step.text, driver.rows())
    if shown and step.absent:
        raise StepFailed(f"{step.text!r} is on screen")
    if not shown and not step.absent:
        raise StepFailed(f"{step.text!r} is not on screen")


async def _expect_field(driver: TapeDriver, step: steps.ExpectField, _out: Path) -> None:
    await driver.settle()
    field = driver.checkout().form_field(step.field)
    if field is None:
        raise StepFailed(f"the form has no field {step.field}")
    shown, ok = field_shows(field, step.value)
    if not ok:
        raise StepFailed(f"{step.field} shows {shown!r}")


async def _expect_error(driver: TapeDriver, step: steps.ExpectError, _out: Path) -> None:
    await driver.settle()
    field = driver.checkout().form_field(step.field)
    if field is None:
        raise StepFailed(f"the form has no field {step.field}")
    message = field.error
    if step.text == "" and message:
        raise StepFailed(f"{step.field} says {message!r}")
    if step.text not in message:
        raise StepFailed(
            f"{step.field} says {message!r}" if message else f"{step.field} says nothing"
        )


async def _expect_stored(driver: TapeDriver, step: steps.ExpectStored, _out: Path) -> None:
    screen = driver.session_screen()
    if screen is None:
        raise StepFailed(f"no checkout form on screen ({type(driver.app.screen).__name__} is)")
    try:
        status, body = await screen.client.fetch_stored(screen.secret)
    except PolarError as error:
        raise StepFailed(f"the session could not be read: {error.message}") from error
    if status != 200:
        raise StepFailed(f"reading the session answered {status}")
    value = matching.stored_value(body, step.path)
    if value != step.value:
        raise StepFailed(f"{step.path} is {value!r}")


async def _emulator_action(driver: TapeDriver, step: steps.EmulatorAction, _out: Path) -> None:
    demo, secret = driver.demo_session()
    actions = {
        "pay": demo.admin.pay,
        "decline": demo.admin.decline,
        "expire": demo.admin.expire,
        "block": demo.admin.block,
    }
    await driver.admin(step.action, lambda: actions[step.action](secret))


async def _emulator_lock(driver: TapeDriver, step: steps.EmulatorLock, _out: Path) -> None:
    demo, secret = driver.demo_session()
    await driver.admin("lock", lambda: demo.admin.lock(secret, step.seconds))


async def _emulator_fault(driver: TapeDriver, step: steps.EmulatorFault, _out: Path) -> None:
    demo, secret = driver.demo_session()
    fault = {"path": f"/v1/checkouts/*client/{secret}*", **step.fault}
    await driver.admin("the fault", lambda: demo.admin.add_fault(fault))


async def _emulator_clock(driver: TapeDriver, step: steps.EmulatorClock, _out: Path) -> None:
    demo, _secret = driver.demo_session()
    await driver.admin("clock", lambda: demo.admin.advance_clock(step.seconds))
    driver.clock.offset += timedelta(seconds=step.seconds)


async def _snapshot(driver: TapeDriver, step: steps.Snapshot, out: Path) -> None:
    await mask_real_links(driver.pilot)
    await driver.settle()
    try:
        save_svg(driver.app, out, f"{step.name}.svg")
    except OSError as error:
        raise StepFailed(f"cannot save {out / step.name}.svg: {error.strerror}") from error


async def _pause(driver: TapeDriver, step: steps.Pause, _out: Path) -> None:
    await driver.pilot.pause(step.seconds)


_HANDLERS: dict[type[steps.Step], Callable[[TapeDriver, Any, Path], Awaitable[None]]] = {
    steps.OpenDemo: _open_demo,
    steps.OpenSession: _open_session,
    steps.OpenFromEnvironment: _open_env,
    steps.Focus: _focus,
    steps.Type: _type,
    steps.Paste: _paste,
    steps.Clear: _clear,
    steps.Press: _press,
    steps.Wait: _wait,
    steps.Expect: _expect,
    steps.ExpectField: _expect_field,
    steps.ExpectError: _expect_error,
    steps.ExpectStored: _expect_stored,
    steps.EmulatorAction: _emulator_action,
    steps.EmulatorLock: _emulator_lock,
    steps.EmulatorFault: _emulator_fault,
    steps.EmulatorClock: _emulator_clock,
    steps.Snapshot: _snapshot,
    steps.Pause: _pause,
}
