"""A browser is opened only where a graphical one can show the page: never a console
browser that would take over the terminal under the app."""

from __future__ import annotations

import os
import webbrowser
from collections.abc import Callable

import pytest

from tui.domain.browser import browser_check, is_web_link


def _finds(browser: webbrowser.BaseBrowser) -> Callable[[], webbrowser.BaseBrowser]:
    return lambda: browser


def _finds_none() -> webbrowser.BaseBrowser:
    raise webbrowser.Error("could not locate runnable browser")


def _must_not_look() -> webbrowser.BaseBrowser:
    raise AssertionError("the check should not have asked webbrowser")


@pytest.fixture
def desktop(monkeypatch: pytest.MonkeyPatch) -> None:
    """A Linux desktop: an X11 display, no $BROWSER."""
    monkeypatch.setenv("DISPLAY", ":0")
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    monkeypatch.delenv("BROWSER", raising=False)


@pytest.fixture
def headless(monkeypatch: pytest.MonkeyPatch) -> None:
    """An SSH session or a container: no display at all."""
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    monkeypatch.delenv("BROWSER", raising=False)


@pytest.mark.usefixtures("headless")
def test_linux_without_a_display_has_no_graphical_browser(monkeypatch: pytest.MonkeyPatch) -> None:
    check = browser_check(os.environ, "linux", _must_not_look)
    assert not check.allowed
    assert check.reason == "no graphical display ($DISPLAY and $WAYLAND_DISPLAY unset)"
    monkeypatch.setenv("BROWSER", "firefox")
    assert not browser_check(os.environ, "linux", _must_not_look).allowed


@pytest.mark.usefixtures("headless")
def test_a_wayland_display_is_a_display(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WAYLAND_DISPLAY", "wayland-0")
    firefox = webbrowser.Mozilla("firefox")
    assert browser_check(os.environ, "linux", _finds(firefox)).allowed


@pytest.mark.usefixtures("headless")
@pytest.mark.parametrize("platform", ["darwin", "win32"])
def test_macos_and_windows_need_no_x_display(platform: str) -> None:
    default = webbrowser.BackgroundBrowser("open")
    assert browser_check(os.environ, platform, _finds(default)).allowed


@pytest.mark.usefixtures("desktop")
@pytest.mark.parametrize(
    "browser",
    [
        webbrowser.Mozilla("firefox"),
        webbrowser.Chrome("google-chrome"),
        webbrowser.BackgroundBrowser("xdg-open"),
    ],
)
def test_a_graphical_browser_found_is_used(browser: webbrowser.BaseBrowser) -> None:
    assert browser_check(os.environ, "linux", _finds(browser)).allowed


@pytest.mark.usefixtures("desktop")
@pytest.mark.parametrize("program", ["lynx", "w3m", "links", "elinks", "www-browser"])
def test_a_console_browser_found_is_refused(program: str) -> None:
    check = browser_check(os.environ, "linux", _finds(webbrowser.GenericBrowser(program)))
    assert not check.allowed
    assert check.reason == f"the only browser found is {program}, a console browser"


@pytest.mark.usefixtures("desktop")
def test_no_browser_at_all_is_refused() -> None:
    check = browser_check(os.environ, "linux", _finds_none)
    assert (check.allowed, check.reason) == (False, "no web browser found")


@pytest.mark.usefixtures("desktop")
@pytest.mark.parametrize(
    ("value", "program"),
    [("lynx", "lynx"), ("/usr/bin/w3m %s", "w3m"), (":elinks:firefox", "elinks")],
)
def test_browser_naming_a_console_browser_is_refused(
    monkeypatch: pytest.MonkeyPatch, value: str, program: str
) -> None:
    monkeypatch.setenv("BROWSER", value)
    check = browser_check(os.environ, "linux", _finds(webbrowser.Mozilla("firefox")))
    assert (check.allowed, check.reason) == (False, f"$BROWSER names {program}, a console browser")


@pytest.mark.usefixtures("desktop")
def test_browser_naming_a_graphical_browser_is_enough(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BROWSER", "/opt/firefox/firefox --new-tab %s:lynx")
    assert browser_check(os.environ, "linux", _must_not_look).allowed


@pytest.mark.parametrize(
    ("url", "web"),
    [
        ("https://buy.polar.sh/checkout/polar_c_x", True),
        ("http://127.0.0.1:8000/checkout/polar_c_x", True),
        ("file:///etc/passwd", False),
        ("javascript:alert(1)", False),
        ("https://", False),
        ("", False),
    ],
)
def test_only_web_links_go_to_a_browser(url: str, web: bool) -> None:
    assert is_web_link(url) is web
