"""`--set FIELD=VALUE`: which field, and the value as the form's field takes it."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

from tui.domain.fields import CUSTOM_FIELD_PREFIX, FORM_FIELDS, is_tape_field

_NOT_JSON: Final = object()


class UsageError(ValueError):
    """The command line itself is wrong (exit 2); the message is for people."""


@dataclass(frozen=True, slots=True)
class Setting:
    name: str
    """A tape field name the form edits."""
    raw: str
    """VALUE exactly as given."""


def parse_settings(items: Sequence[str]) -> tuple[Setting, ...]:
    """Every `FIELD=VALUE`, in the order the form shows its fields (so a country is set
    before the state that belongs to it, whatever the order on the command line).

    The fields are those the form edits (`FORM_FIELDS`), and the seller's questions as
    `custom_field_data.SLUG`: when the form learns a field of the table, apply can set it.
    """
    found: dict[str, str] = {}
    for item in items:
        name, equals, raw = item.partition("=")
        name = name.strip()
        if not equals or not name:
            raise UsageError(
                f"--set {item!r}: write FIELD=VALUE, such as customer_email=ada@example.com."
            )
        if not is_tape_field(name):
            raise UsageError(_not_settable(name))
        if name in found:
            raise UsageError(f"--set {name} is given twice: say it once.")
        found[name] = raw
    ordered: list[str] = [name for name in FORM_FIELDS if name in found]
    ordered += [name for name in found if name not in FORM_FIELDS]  # the seller's questions
    return tuple(Setting(name, found[name]) for name in ordered)


def _not_settable(name: str) -> str:
    fields = ", ".join((*FORM_FIELDS, f"{CUSTOM_FIELD_PREFIX}SLUG"))
    return f"--set {name!r}: no such field. Fields apply can set: {fields}."


def form_value(raw: str, current: str | bool) -> str | bool:
    """VALUE as the field takes it, the field's kind told by what it holds now (`current`).

    VALUE is read as JSON when it is valid JSON, else as text. An empty VALUE or `null`
    clears the field (a flag turns off). A text field takes a JSON string's content and
    anything else exactly as written, as if typed: `postal_code=01234` and `amount=12.50`
    keep their digits, and the form reads them as it reads a person's typing.

    Raises ValueError, with a message for people, for a flag given something else than
    true or false.
    """
    value = _json(raw)
    if isinstance(current, bool):
        if isinstance(value, bool):
            return value
        if value is None or not raw.strip():
            return False
        raise ValueError(f"Takes true or false, not {raw!r}.")
    if isinstance(value, str):
        return value
    return "" if value is None else raw


def _json(raw: str) -> object:
    try:
        value: object = json.loads(raw)
    except ValueError:
        return _NOT_JSON
    return value
