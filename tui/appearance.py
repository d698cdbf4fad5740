"""The user's theme and keymap, applied to the app; and the high-contrast theme we add to
Textual's own. `NO_COLOR` is Textual's: set, it draws without colour."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from textual.app import App
from textual.theme import Theme

from tui import keys
from tui.config import UserConfig, unknown_names

HIGH_CONTRAST = Theme(
    name="polar-high-contrast",
    primary="#ffff00",
    secondary="#00ffff",
    accent="#ff00ff",
    foreground="#ffffff",
    background="#000000",
    surface="#000000",
    panel="#202020",
    boost="#303030",
    success="#00ff00",
    warning="#ffff00",
    error="#ff6060",
    dark=True,
)


def apply_user_config(app: App[Any], config: UserConfig, problems: Sequence[str] = ()) -> None:
    """Register our themes, then take the user's theme and keymap where they name what
    exists; say what was wrong with the settings (`problems`, and names that do not exist)."""
    app.register_theme(HIGH_CONTRAST)
    problems = [*problems, *unknown_names(config, themes=app.available_themes, bindings=keys.ALL)]
    if problems:
        message = "\n".join(problems)  # once the first screen is up, to show over it
        app.call_after_refresh(
            app.notify, message, title="Settings", severity="warning", markup=False
        )
    if config.theme in app.available_themes:
        app.theme = config.theme
    keymap = {binding: shown for binding, shown in config.keymap.items() if binding in keys.ALL}
    if keymap:
        app.set_keymap(keymap)
