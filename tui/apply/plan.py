"""The values typed into the form's own state, as a person would: the same local rules and
the same minimal PATCH body as the checkout screen, and the server's 422 mapped the same way.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Final

from tui.apply.values import Setting, form_value
from tui.domain.fields import CUSTOM_FIELD_DATA, CUSTOM_FIELD_PREFIX, FIELDS
from tui.domain.form import FormState
from tui.domain.form_view import NothingToSave, Sending, Severity
from tui.domain.products import option_named
from tui.polar.models import CheckoutPublic, FieldError

HIDDEN: Final = (
    "The form does not show this field for this checkout with these values, "
    "so it would not be sent."
)


NO_SUCH_QUESTION = "This checkout asks no such question."


@dataclass(frozen=True, slots=True)
class Problem:
    field: str
    message: str


@dataclass(frozen=True, slots=True)
class Refused:
    """Nothing is sent (or nothing was applied): what is wrong, field by field, and the
    server's messages that belong to no field."""

    problems: tuple[Problem, ...]
    general: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Change:
    """A stored value the update replaces: `old` as stored, `new` as sent (None: cleared)."""

    field: str
    old: Any
    new: Any


@dataclass(frozen=True, slots=True)
class Ready:
    body: dict[str, Any]
    changes: tuple[Change, ...]


class Edit:
    """One session in the form, each setting typed into its field."""

    def __init__(self, session: CheckoutPublic, settings: Sequence[Setting]) -> None:
        self._session = session
        self._form = FormState(locale="en_US")  # amounts are given with a dot
        self._form.loaded(session, self._form.send())
        self._set = tuple(setting.name for setting in settings)
        self._unreadable: dict[str, str] = {}
        for setting in settings:
            if setting.name not in self._form.names:
                self._unreadable[setting.name] = NO_SUCH_QUESTION
                continue
            try:
                value = form_value(setting.raw, self._form.text(setting.name))
                if setting.name == "product":
                    value = option_named(session, str(value)).key  # as the chooser picks it
            except ValueError as error:
                self._unreadable[setting.name] = str(error)
            else:
                self._form.edit(setting.name, value)

    def outcome(self) -> Ready | Refused | NothingToSave:
        """What submitting the form would do. A value the form would not send (its field is
        hidden) is refused too: apply never drops what it was told to set."""
        view = self._form.view()
        problems = dict(self._unreadable)
        for name in self._set:
            if name in problems:
                continue
            field = view.fields[name]
            if not field.shown:
                problems.setdefault(name, HIDDEN)
            elif field.severity == Severity.ERROR:
                problems.setdefault(name, field.message)
        for name in view.blocking:
            problems.setdefault(name, view.fields[name].message)
        if problems:
            return Refused(self._in_form_order(problems))
        save = self._form.begin_save()
        if isinstance(save, Sending):
            return Ready(save.body, tuple(changes(self._session, save.body)))
        if isinstance(save, NothingToSave):
            return save
        raise AssertionError(f"blocked on {save.fields}, which the view did not show")

    def rejected(self, errors: list[FieldError]) -> Refused:
        """Polar's 422: each message under its field, as the form shows it."""
        general = self._form.save_rejected(errors)
        view = self._form.view()
        problems = {
            name: field.message
            for name, field in view.fields.items()
            if field.severity == Severity.ERROR
        }
        return Refused(self._in_form_order(problems), tuple(general))

    def _in_form_order(self, problems: Mapping[str, str]) -> tuple[Problem, ...]:
        names = [*self._form.names, *(name for name in problems if name not in self._form.names)]
        return tuple(Problem(name, problems[name]) for name in names if name in problems)


def changes(session: CheckoutPublic, body: Mapping[str, Any]) -> Iterable[Change]:
    """Each field of the table whose stored value the body replaces, in the table's order.

    A field is found in the body at its body path and in the session where it stores it
    (a discount code is sent as `discount_code` and stored at `discount.code`); an object
    sent at the top of a path (the address) replaces the stored one whole, so a part it
    leaves out is cleared.
    """
    stored = session.model_dump()
    for spec in FIELDS:
        head, _, rest = spec.body.partition(".")
        if head not in body:
            continue
        new = _at(body[head], rest)
        old = _at(stored, spec.stored_path)
        if old != new:
            yield Change(spec.name, old, new)
    answers = body.get(CUSTOM_FIELD_DATA) or {}
    for slug, new in answers.items():
        old = session.custom_field_data.get(slug)
        if old != new:
            yield Change(f"{CUSTOM_FIELD_PREFIX}{slug}", old, new)


def _at(value: Any, dotted: str) -> Any:
    for key in filter(None, dotted.split(".")):
        value = value.get(key) if isinstance(value, Mapping) else None
    return value
