"""What the form shows, as the form state derives it: each field's view, the whole form's,
and the outcomes of starting a save."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from tui.domain.validation import FieldMode

NEEDED_TO_CONFIRM = "Needed to confirm the checkout."


class Severity(StrEnum):
    NONE = ""
    ERROR = "error"
    """Polar would refuse the value (or did)."""
    NOTICE = "notice"
    """Something the form did to the value, such as cutting it to its maximum."""
    NEEDED = "needed"
    """Empty, and required only when the checkout is confirmed."""


@dataclass(frozen=True, slots=True)
class FieldView:
    value: str | bool
    mode: FieldMode
    message: str = ""
    severity: Severity = Severity.NONE
    unsaved: bool = False
    hint: str = ""
    """What the field allows and what it costs now, shown under it."""
    kept: bool = False
    """Hidden by the form's rules but holding a saved value: shown read-only."""
    server_value: str | None = None
    """In conflict: the server changed the value under unsaved typing; its value, in words."""

    @property
    def shown(self) -> bool:
        return self.mode != FieldMode.DISABLED


def field_message(error: str, notice: str, *, needed: bool) -> tuple[str, Severity]:
    """The line under a field: its error and its notice, else, when `needed` (empty,
    required to confirm, and left or submitted), that it is needed."""
    if error or notice:
        message = " ".join(text for text in (error, notice) if text)
        return message, Severity.ERROR if error else Severity.NOTICE
    return (NEEDED_TO_CONFIRM, Severity.NEEDED) if needed else ("", Severity.NONE)


@dataclass(frozen=True, slots=True)
class FormView:
    fields: Mapping[str, FieldView]
    country: str
    """The country the address follows: the last one the country field named."""
    unsaved: frozenset[str]
    blocking: frozenset[str]
    """Fields whose values would be sent and that Polar would refuse: Submit sends nothing."""
    body: Mapping[str, Any]
    saving: bool


@dataclass(frozen=True, slots=True)
class Sending:
    body: dict[str, Any]


@dataclass(frozen=True, slots=True)
class Blocked:
    fields: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class NothingToSave:
    pass
