"""The hand-off screen: a session that needs a card goes to a browser, by link or QR code,
and the screen follows it to its outcome."""

from __future__ import annotations

import sys
from datetime import timedelta

import pytest
from textual.widgets import Static, TextArea

from tests.handoff_support import ONE_TIME_SECRET, ONE_TIME_URL, push_handoff, stored_session
from tests.support import demo_app, open_scenario, screen_text, secret_of
from tui.demo import Demo
from tui.emulator.model.clock import FrozenClock
from tui.emulator.rules.lifecycle import SUCCESS_DELAY
from tui.polar.secret import mask_secret
from tui.screen_rows import screen_rows
from tui.screens.checkout import CheckoutScreen
from tui.screens.handoff import HandoffScreen
from tui.widgets.qr_code import QrPane

DECLINED = "The payment did not go through: the checkout is open again; the customer can try again."
FOLLOWING = "Following the session"


def _qr_rows(screen: HandoffScreen) -> list[str]:
    return str(screen.query_one("#qr-code", Static).content).split("\n")


def _shown(screen: HandoffScreen, selector: str) -> str:
    """What a line of the screen says (the narrow left pane wraps it on screen)."""
    line = screen.query_one(selector, Static)
    return str(line.content) if line.display else ""


def _outcome(screen: HandoffScreen) -> str:
    return _shown(screen, "#handoff-outcome")


async def test_the_link_in_full_its_qr_code_and_what_is_bought(
    demo: Demo, clock: FrozenClock
) -> None:
    async with demo_app(demo, clock).run_test(size=(100, 32)) as pilot:
        screen = await push_handoff(pilot, stored_session(demo))
        assert screen.query_one("#handoff-url", TextArea).text == ONE_TIME_URL
        assert screen.query_one(QrPane).fits
        rows = _qr_rows(screen)
        assert (len(rows), len(rows[0])) == (23, 45)
        assert _shown(screen, "#handoff-product") == "Product  Fieldnotes Pro"
        assert _shown(screen, "#handoff-total") == "Total    $49.00"
        text = screen_text(pilot)
        assert "Waiting for payment…" in text
        assert "Make the terminal" not in text


async def test_copy_sends_the_link_to_the_terminals_clipboard(
    demo: Demo, clock: FrozenClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = demo_app(demo, clock)
    copied: list[str] = []
    monkeypatch.setattr(app, "copy_to_clipboard", copied.append)
    async with app.run_test(size=(100, 32), notifications=True) as pilot:
        screen = await push_handoff(pilot, stored_session(demo))
        assert app.focused is screen.query_one("#handoff-url", TextArea)
        await pilot.press("c")
        await pilot.pause()
        assert copied == [ONE_TIME_URL]
        assert "Sent to your terminal's clipboard" in screen_text(pilot)
        assert [str(note.message) for note in app._notifications] == [
            "Sent to your terminal's clipboard. If nothing arrives, select the link instead."
        ]


@pytest.mark.skipif(sys.platform != "linux", reason="the display rule is the X11/Wayland one")
async def test_no_browser_is_opened_in_a_terminal_without_a_display(
    demo: Demo, clock: FrozenClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "BROWSER"):
        monkeypatch.delenv(name, raising=False)
    app = demo_app(demo, clock)
    opened: list[str] = []
    monkeypatch.setattr(app, "open_url", lambda url, **_: opened.append(url))
    async with app.run_test(size=(100, 32), notifications=True) as pilot:
        await push_handoff(pilot, stored_session(demo))
        await pilot.press("o")
        await pilot.pause()
        assert opened == []
        messages = [str(note.message) for note in app._notifications]
        assert messages == [
            "Not opening a browser here: no graphical display ($DISPLAY and $WAYLAND_DISPLAY "
            "unset). Copy the link (c) or scan the QR code instead."
        ]


async def test_in_browser_mode_the_link_opens_in_that_browser(
    demo: Demo, clock: FrozenClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Served by textual-serve, `open_url` asks the user's own browser: no display needed."""
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "BROWSER"):
        monkeypatch.delenv(name, raising=False)
    app = demo_app(demo, clock)
    opened: list[str] = []
    monkeypatch.setattr(app, "open_url", lambda url, **_: opened.append(url))
    async with app.run_test(size=(100, 32)) as pilot:
        await push_handoff(pilot, stored_session(demo))
        with monkeypatch.context() as web:
            web.setattr(type(app), "is_web", property(lambda _app: True))
            await pilot.press("o")
            await pilot.pause()
        assert opened == [ONE_TIME_URL]


async def test_a_graphical_browser_opens_the_link(
    demo: Demo, clock: FrozenClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DISPLAY", ":0")
    monkeypatch.setenv("BROWSER", "firefox")
    app = demo_app(demo, clock)
    opened: list[str] = []
    monkeypatch.setattr(app, "open_url", lambda url, **_: opened.append(url))
    async with app.run_test(size=(100, 32), notifications=True) as pilot:
        await push_handoff(pilot, stored_session(demo))
        await pilot.press("o")
        await pilot.pause()
        assert opened == [ONE_TIME_URL]
        assert all(ONE_TIME_SECRET not in str(note.message) for note in app._notifications)


async def test_a_payment_is_followed_to_success(demo: Demo, clock: FrozenClock) -> None:
    secret = secret_of(demo.store, "one-time")
    async with demo_app(demo, clock).run_test(size=(100, 32)) as pilot:
        screen = await push_handoff(pilot, stored_session(demo))
        demo.store.pay(secret)
        screen.show_session(stored_session(demo))
        await pilot.pause()
        assert _outcome(screen) == "Paid: confirmed"
        assert _shown(screen, "#handoff-next").startswith(FOLLOWING)
        clock.advance(SUCCESS_DELAY + timedelta(seconds=1))
        screen.show_session(stored_session(demo))
        await pilot.pause()
        assert _outcome(screen) == "Succeeded"
        masked = mask_secret(ONE_TIME_SECRET)
        assert _shown(screen, "#handoff-next") == (
            f"The customer goes on to http://127.0.0.1:8000/checkout/{masked}/confirmation"
        )


async def test_a_failed_payment_says_so_and_keeps_following(demo: Demo, clock: FrozenClock) -> None:
    secret = secret_of(demo.store, "one-time")
    async with demo_app(demo, clock).run_test(size=(100, 32)) as pilot:
        screen = await push_handoff(pilot, stored_session(demo))
        demo.store.pay(secret)
        screen.show_session(stored_session(demo))
        demo.store.decline(secret)
        screen.show_session(stored_session(demo))
        await pilot.pause()
        assert _outcome(screen) == DECLINED
        assert _shown(screen, "#handoff-next").startswith(FOLLOWING)
        # Another update while the session stays open (an edit elsewhere) keeps the news.
        screen.show_session(stored_session(demo))
        await pilot.pause()
        assert _outcome(screen) == DECLINED
        demo.store.pay(secret)
        screen.show_session(stored_session(demo))
        await pilot.pause()
        assert _outcome(screen) == "Paid: confirmed"


async def test_an_expired_session_stops_the_waiting(demo: Demo, clock: FrozenClock) -> None:
    async with demo_app(demo, clock).run_test(size=(100, 32)) as pilot:
        screen = await push_handoff(pilot, stored_session(demo))
        assert _shown(screen, "#handoff-next").startswith(FOLLOWING)
        demo.store.expire(secret_of(demo.store, "one-time"))
        screen.show_session(stored_session(demo))
        await pilot.pause()
        assert _outcome(screen) == "Expired"
        assert _shown(screen, "#handoff-next") == ""


async def test_a_terminal_too_small_for_the_code_says_so_and_keeps_the_link(
    demo: Demo, clock: FrozenClock
) -> None:
    async with demo_app(demo, clock).run_test(size=(80, 24)) as pilot:
        screen = await push_handoff(pilot, stored_session(demo))
        pane = screen.query_one(QrPane)
        assert not pane.fits
        assert not screen.query_one("#qr-code").display
        too_small = "Make the terminal at least 80×25 to see the QR code."
        assert _shown(screen, "#qr-too-small") == too_small
        assert too_small.split()[-1] in screen_text(pilot)
        assert screen.query_one("#handoff-url", TextArea).text == ONE_TIME_URL
        await pilot.resize_terminal(80, 25)
        await pilot.pause()
        assert pane.fits
        assert screen.query_one("#qr-code").display
        assert "Make the terminal" not in screen_text(pilot)
        await pilot.resize_terminal(60, 20)  # short: the details scroll, the link stays whole
        await pilot.pause()
        assert _shown(screen, "#qr-too-small").startswith("Make the terminal at least 79×25 ")
        link = screen.query_one("#handoff-url", TextArea).content_region
        rows = screen_rows(pilot.app)[link.y : link.bottom]
        assert "".join(row[link.x : link.right].strip() for row in rows) == ONE_TIME_URL


async def test_product_names_show_as_written_never_as_markup(
    demo: Demo, clock: FrozenClock
) -> None:
    session = stored_session(demo)
    assert session.product is not None
    product = session.product.model_copy(update={"name": "[@click=app.quit]Pro[/] [b]x"})
    async with demo_app(demo, clock).run_test(size=(100, 32)) as pilot:
        screen = await push_handoff(pilot, session.model_copy(update={"product": product}))
        assert _shown(screen, "#handoff-product") == "Product  [@click=app.quit]Pro[/] [b]x"
        assert "[@click=app.quit]Pro[/]" in screen_text(pilot)


async def test_escape_goes_back_to_the_form(demo: Demo, clock: FrozenClock) -> None:
    async with demo_app(demo, clock).run_test(size=(100, 32)) as pilot:
        form = await open_scenario(pilot, "one-time")
        await push_handoff(pilot, stored_session(demo))
        await pilot.press("escape")
        await pilot.pause()
        assert pilot.app.screen is form
        assert isinstance(form, CheckoutScreen)


async def test_updates_before_the_screen_is_up_show_once_it_is(
    demo: Demo, clock: FrozenClock
) -> None:
    session = stored_session(demo)
    screen = HandoffScreen(session, shown_as="demo")
    screen.show_session(session.model_copy(update={"status": "confirmed"}))
    screen.show_session(session.model_copy(update={"status": "open", "total_amount": 1000}))
    async with demo_app(demo, clock).run_test(size=(100, 32)) as pilot:
        await pilot.app.push_screen(screen)
        await pilot.pause()
        assert _outcome(screen) == DECLINED
        assert _shown(screen, "#handoff-total") == "Total    $10.00"


@pytest.mark.parametrize(
    ("url", "shown", "copied_as"),
    [
        (None, "Polar sent no checkout link for this session.", []),
        ("file:///etc/passwd", "file:///etc/passwd", ["file:///etc/passwd"]),
    ],
    ids=["no-link", "not-a-web-link"],
)
async def test_only_a_web_link_goes_to_a_browser(
    demo: Demo,
    clock: FrozenClock,
    monkeypatch: pytest.MonkeyPatch,
    url: str | None,
    shown: str,
    copied_as: list[str],
) -> None:
    monkeypatch.setenv("DISPLAY", ":0")
    monkeypatch.setenv("BROWSER", "firefox")
    app = demo_app(demo, clock)
    opened: list[str] = []
    copied: list[str] = []
    monkeypatch.setattr(app, "open_url", lambda link, **_: opened.append(link))
    monkeypatch.setattr(app, "copy_to_clipboard", copied.append)
    session = stored_session(demo).model_copy(update={"url": url})
    async with app.run_test(size=(100, 32)) as pilot:
        screen = await push_handoff(pilot, session)
        assert screen.query_one("#handoff-url", TextArea).text == shown
        await pilot.press("o", "c")
        await pilot.pause()
        assert opened == []
        assert copied == copied_as
        assert "This session has no web link to open." in [
            str(note.message) for note in app._notifications
        ]
        if url is None:
            assert _shown(screen, "#qr-too-small") == "No checkout link to draw as a QR code."
            assert "There is no link to copy." in [str(n.message) for n in app._notifications]
