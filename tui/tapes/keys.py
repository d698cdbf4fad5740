"""Key names a tape may press: Textual's names, with modifiers, or one printable character."""

from __future__ import annotations

import unicodedata
from functools import cache

from textual import events
from textual.keys import REPLACED_KEYS, Keys, _character_to_key, _get_unicode_name_from_key

MODIFIERS = frozenset({"ctrl", "shift", "alt", "meta", "super", "hyper"})


@cache
def _base_names() -> frozenset[str]:
    named = {key.value for key in Keys if "+" not in key.value and key.value.isidentifier()}
    characters = {_character_to_key(chr(code)) for code in range(33, 127)}
    return frozenset(named | characters | {"space"})


def is_key_name(name: str) -> bool:
    """`tab`, `ctrl+s`, `shift+tab`, `f1`, `plus`, `a`, `é`: what Textual calls a key."""
    if len(name) == 1:
        return name.isprintable() and not name.isspace()
    *modifiers, base = name.split("+")
    if any(modifier not in MODIFIERS for modifier in modifiers) or len(set(modifiers)) != len(
        modifiers
    ):
        return False
    return base in _base_names() or (len(base) == 1 and base.isprintable() and bool(modifiers))


def key_event(name: str) -> events.Key:
    """The event for a key a tape presses, built as Textual's pilot builds it."""
    key = _character_to_key(name) if len(name) == 1 and not name.isalnum() else name
    character: str | None
    try:
        character = unicodedata.lookup(_get_unicode_name_from_key(REPLACED_KEYS.get(key, key)))
    except KeyError:
        character = key if len(key) == 1 else None
    return events.Key(key, character)


def typed_event(character: str) -> events.Key:
    """The event a terminal sends for one typed character."""
    return events.Key(character if character.isalnum() else _character_to_key(character), character)
