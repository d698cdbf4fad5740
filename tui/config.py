"""The user's own settings: a TOML file, then `POLAR_CHECKOUT_*` environment variables over it.

The file lives at the platform's config path (`default_path()`) unless `--config FILE`
names another. It may set the server, the locale, the theme, the time-outs and the keymap
(binding id = keys):

    server = "sandbox"
    locale = "de-DE"
    theme = "polar-high-contrast"

    [timeouts]
    connect = 5
    read = 15
    stream = 45

    [keymap]
    submit = "f5"

A bad file never stops the app: each problem names the file, the key and what is wrong,
that key keeps its default, and the rest applies. No Textual import: the app checks theme
names and binding ids against what it has (`unknown_names`).
"""

from __future__ import annotations

import math
import os
import tomllib
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Final

import platformdirs

from tui.settings import CONNECT_TIMEOUT, READ_TIMEOUT

APP_NAME: Final = "polar-checkout"
ENV_PREFIX: Final = "POLAR_CHECKOUT_"
TEXT_KEYS: Final = ("server", "locale", "theme")
TIMEOUT_KEYS: Final = ("connect", "read", "stream")
MAX_TIMEOUT: Final = 3600.0
SECONDS_WANTED: Final = "expected seconds above 0 and at most 3600"
KEYS_WANTED: Final = 'expected keys such as "f5" or "ctrl+k,f5"'


@dataclass(frozen=True, slots=True)
class Timeouts:
    """Seconds: to connect, to wait for an answer, and between events on a live stream."""

    connect: float = CONNECT_TIMEOUT
    read: float = READ_TIMEOUT
    stream: float = 45.0
    """As `tui.polar.watch.DEFAULT_SETTINGS.read_timeout` (a test holds them equal)."""


DEFAULT_TIMEOUTS: Final = Timeouts()


@dataclass(frozen=True, slots=True)
class UserConfig:
    server: str | None = None
    locale: str | None = None
    theme: str | None = None
    timeouts: Timeouts = DEFAULT_TIMEOUTS
    keymap: Mapping[str, str] = field(default_factory=dict)
    """Binding id -> keys, e.g. {"submit": "f5"} (Textual's keymap)."""


NO_CONFIG: Final = UserConfig()
"""Every setting at its default."""


@dataclass(frozen=True, slots=True)
class LoadedConfig:
    config: UserConfig
    path: Path
    found: bool
    """Whether the file exists (a missing file at the default path is normal)."""
    problems: tuple[str, ...] = ()
    from_env: tuple[str, ...] = ()
    """The environment variables that set a value."""


def default_path() -> Path:
    return platformdirs.user_config_path(APP_NAME) / "config.toml"


def load_config(path: Path | None = None, environ: Mapping[str, str] | None = None) -> LoadedConfig:
    """The settings from `path` (else the default path) with the environment over them."""
    environ = os.environ if environ is None else environ
    chosen = path if path is not None else default_path()
    problems: list[str] = []
    table: dict[str, Any] = {}
    found = chosen.is_file()
    if path is not None and not found:
        problems.append(f"{chosen}: no such file; using the defaults.")
    elif found:
        try:
            table = tomllib.loads(chosen.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
            problems.append(f"{chosen}: cannot be read as TOML ({error}); using the defaults.")
    config = _from_table(table, str(chosen), problems)
    config, from_env = _with_environment(config, environ, problems)
    return LoadedConfig(config, chosen, found, tuple(problems), from_env)


def unknown_names(
    config: UserConfig, *, themes: Collection[str], bindings: Collection[str]
) -> list[str]:
    """Problems with names only the app knows: the theme and the keymap's binding ids."""
    problems = []
    if config.theme is not None and config.theme not in themes:
        problems.append(
            f"theme: unknown theme {config.theme!r} (known: {', '.join(sorted(themes))})"
        )
    problems += [
        f"keymap.{binding}: no binding has this id (known: {', '.join(sorted(bindings))})"
        for binding in config.keymap
        if binding not in bindings
    ]
    return problems


def _from_table(table: Mapping[str, Any], where: str, problems: list[str]) -> UserConfig:
    config = UserConfig()
    for key, value in table.items():
        if key in TEXT_KEYS:
            if isinstance(value, str) and value.strip():
                config = _with_text(config, key, value.strip())
            else:
                problems.append(f"{where}: {key}: expected a non-empty string, got {value!r}")
        elif key == "timeouts":
            config = replace(config, timeouts=_timeouts(value, f"{where}: timeouts", problems))
        elif key == "keymap":
            config = replace(config, keymap=_keymap(value, f"{where}: keymap", problems))
        else:
            known = ", ".join((*TEXT_KEYS, "timeouts", "keymap"))
            problems.append(f"{where}: {key}: unknown setting (known: {known})")
    return config


def _with_text(config: UserConfig, key: str, value: str) -> UserConfig:
    if key == "server":
        return replace(config, server=value)
    if key == "locale":
        return replace(config, locale=value)
    return replace(config, theme=value)


def _timeouts(value: object, where: str, problems: list[str]) -> Timeouts:
    if not isinstance(value, dict):
        problems.append(f"{where}: expected a table such as [timeouts] connect = 5")
        return Timeouts()
    timeouts = Timeouts()
    for key, seconds in value.items():
        if key not in TIMEOUT_KEYS:
            problems.append(f"{where}.{key}: unknown time-out (known: {', '.join(TIMEOUT_KEYS)})")
        elif (parsed := _seconds(seconds)) is None:
            problems.append(
                f"{where}.{key}: expected seconds above 0 and at most 3600, got {seconds!r}"
            )
        else:
            timeouts = replace(timeouts, **{key: parsed})
    return timeouts


def _seconds(value: object) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        return None
    try:
        seconds = float(value)
    except ValueError:
        return None
    return seconds if math.isfinite(seconds) and 0 < seconds <= MAX_TIMEOUT else None


def _keymap(value: object, where: str, problems: list[str]) -> dict[str, str]:
    if not isinstance(value, dict):
        problems.append(f'{where}: expected a table such as [keymap] submit = "f5"')
        return {}
    keymap = {}
    for binding, keys in value.items():
        parts = keys.strip().split(",") if isinstance(keys, str) else []
        if not parts or not all(part and " " not in part for part in parts):
            problems.append(f"{where}.{binding}: {KEYS_WANTED}, got {keys!r}")
        elif any(len(part) == 1 for part in parts):
            problems.append(
                f"{where}.{binding}: {keys.strip()!r} would also be typed into text fields; "
                'use a key such as "f5" or "ctrl+k"'
            )
        else:
            keymap[binding] = keys.strip()
    return keymap


def _with_environment(
    config: UserConfig, environ: Mapping[str, str], problems: list[str]
) -> tuple[UserConfig, tuple[str, ...]]:
    used = []
    for key in TEXT_KEYS:
        name = f"{ENV_PREFIX}{key.upper()}"
        if environ.get(name, "").strip():
            config = _with_text(config, key, environ[name].strip())
            used.append(name)
    for key in TIMEOUT_KEYS:
        name = f"{ENV_PREFIX}{key.upper()}_TIMEOUT"
        if name not in environ:
            continue
        seconds = _seconds(environ[name])
        if seconds is None:
            problems.append(
                f"{name}: expected seconds above 0 and at most 3600, got {environ[name]!r}"
            )
        else:
            config = replace(config, timeouts=replace(config.timeouts, **{key: seconds}))
            used.append(name)
    return config, tuple(used)
