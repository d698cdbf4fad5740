"""The settings file and the environment: what applies, and what a bad file is told."""

from __future__ import annotations

from pathlib import Path

from tui.config import Timeouts, UserConfig, load_config, unknown_names

GOOD = """
server = "sandbox"
locale = "de-DE"
theme = "polar-high-contrast"

[timeouts]
connect = 3
read = 20.5

[keymap]
submit = "f5"
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_file_sets_server_locale_theme_time_outs_and_keys(tmp_path: Path) -> None:
    loaded = load_config(write(tmp_path, GOOD), {})
    assert loaded.config == UserConfig(
        server="sandbox",
        locale="de-DE",
        theme="polar-high-contrast",
        timeouts=Timeouts(connect=3.0, read=20.5, stream=45.0),
        keymap={"submit": "f5"},
    )
    assert loaded.problems == ()
    assert loaded.found


def test_the_environment_wins_over_the_file(tmp_path: Path) -> None:
    environ = {
        "POLAR_CHECKOUT_SERVER": "production",
        "POLAR_CHECKOUT_THEME": "nord",
        "POLAR_CHECKOUT_READ_TIMEOUT": "40",
    }
    loaded = load_config(write(tmp_path, GOOD), environ)
    assert (loaded.config.server, loaded.config.theme) == ("production", "nord")
    assert loaded.config.timeouts == Timeouts(connect=3.0, read=40.0, stream=45.0)
    assert loaded.config.locale == "de-DE"
    assert set(loaded.from_env) == set(environ)


def test_each_problem_names_the_file_and_the_key_and_the_rest_applies(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        'server = ""\nlocale = 5\ncolour = "red"\ntheme = "nord"\n'
        '[timeouts]\nread = -1\nconnect = 2\nlunch = 60\n[keymap]\nsubmit = "ctrl s"\nquit = "q"\n',
    )
    loaded = load_config(path, {"POLAR_CHECKOUT_CONNECT_TIMEOUT": "soon"})
    assert loaded.problems == (
        f"{path}: server: expected a non-empty string, got ''",
        f"{path}: locale: expected a non-empty string, got 5",
        f"{path}: colour: unknown setting (known: server, locale, theme, timeouts, keymap)",
        f"{path}: timeouts.read: expected seconds above 0 and at most 3600, got -1",
        f"{path}: timeouts.lunch: unknown time-out (known: connect, read, stream)",
        f'{path}: keymap.submit: expected keys such as "f5" or "ctrl+k,f5", got \'ctrl s\'',
        f"{path}: keymap.quit: 'q' would also be typed into text fields; "
        'use a key such as "f5" or "ctrl+k"',
        "POLAR_CHECKOUT_CONNECT_TIMEOUT: expected seconds above 0 and at most 3600, got 'soon'",
    )
    assert loaded.config == UserConfig(theme="nord", timeouts=Timeouts(connect=2.0))


def test_a_file_that_is_not_toml_leaves_every_default(tmp_path: Path) -> None:
    path = write(tmp_path, "theme = nord\n")
    loaded = load_config(path, {})
    assert loaded.config == UserConfig()
    assert len(loaded.problems) == 1
    assert loaded.problems[0].startswith(f"{path}: cannot be read as TOML (")
    assert loaded.problems[0].endswith("); using the defaults.")


def test_a_named_file_that_is_missing_is_said_a_default_one_is_not(tmp_path: Path) -> None:
    missing = tmp_path / "nope.toml"
    assert load_config(missing, {}).problems == (f"{missing}: no such file; using the defaults.",)


def test_names_only_the_app_knows_are_checked_against_it() -> None:
    config = UserConfig(theme="drak", keymap={"submit": "f5", "sumbit": "f6"})
    assert unknown_names(config, themes={"nord", "dracula"}, bindings={"submit", "reload"}) == [
        "theme: unknown theme 'drak' (known: dracula, nord)",
        "keymap.sumbit: no binding has this id (known: reload, submit)",
    ]


def test_the_default_time_outs_are_the_ones_the_app_uses() -> None:
    """The settings' defaults are what applies with no settings: requests and the stream."""
    from tui.polar.watch import DEFAULT_SETTINGS
    from tui.settings import TIMEOUT

    assert (Timeouts().connect, Timeouts().read) == (TIMEOUT.connect, TIMEOUT.read)
    assert Timeouts().stream == DEFAULT_SETTINGS.read_timeout
