"""What a read of the session on screen changed on the server, said in a short note, and the
words a conflict shows. No Textual, no HTTP.

A field changed on the server when its value as Polar stores it differs between the two
reads, compared the way the form compares for "unsaved" (" ada@EXAMPLE.com" is
"ada@example.com"). A conflict is a field the server changed while the user had an unsaved
edit of it that differs from the server's new value: the form keeps the typing and shows the
server's value beside it until the user takes one of the two.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from tui.domain.choices import Choice
from tui.domain.custom_field_form import CustomAnswers, Question
from tui.domain.draft import Draft, check
from tui.domain.fields import BY_NAME
from tui.domain.form_view import FormView
from tui.domain.products import option_for
from tui.polar.models import CheckoutPublic

_LABELS = {"skip_trial": "Free trial"}
"""Fields the field table does not name."""
EMPTY = "(empty)"
"""A server value with nothing in it, as a conflict says it."""


@dataclass(frozen=True, slots=True)
class Refreshed:
    """What a read of the session on screen brought."""

    changed: tuple[str, ...]
    """Fields on screen whose value changed on the server, in the form's order."""
    conflicts: tuple[str, ...]
    """Fields whose unsaved typing now differs from a new server value, in the form's order."""
    note: str
    """The changes in a sentence ("Email changed on the server."); "" when none."""


def server_values(session: CheckoutPublic, locale: str | None) -> dict[str, object]:
    """Every field's value as the server stores it, normalised as the form compares them."""
    choice, answers = Choice(session, None, locale), CustomAnswers(session)
    return {
        **check(Draft.from_session(session)).values,
        **choice.check(choice.start_texts())[0],
        **answers.check(answers.start_texts())[0],
    }


def changed_fields(
    names: Iterable[str], before: Mapping[str, object], after: Mapping[str, object]
) -> tuple[str, ...]:
    """The names, in their order, whose value differs between two reads that both have it."""
    return tuple(
        name for name in names if name in before and name in after and before[name] != after[name]
    )


def report(
    names: Iterable[str], changed: tuple[str, ...], view: FormView, answers: CustomAnswers
) -> Refreshed:
    """What a read brought, as the form shows it now: the changes to fields on screen, and
    the fields in conflict."""
    shown = tuple(name for name in changed if view.fields[name].shown)
    conflicts = tuple(name for name in names if view.fields[name].server_value is not None)
    return Refreshed(shown, conflicts, change_note([label(name, answers) for name in shown]))


def label(name: str, answers: CustomAnswers) -> str:
    """A field's label as the form shows it: the field table's, else the seller's question's."""
    if name in BY_NAME:
        return BY_NAME[name].label
    question = _question(name, answers)
    return question.label if question else _LABELS.get(name, name)


def _question(name: str, answers: CustomAnswers) -> Question | None:
    return next((question for question in answers.questions if question.name == name), None)


def change_note(labels: list[str]) -> str:
    """The labels of the changed fields in a sentence: one or two by name, more counted."""
    if not labels:
        return ""
    if len(labels) > 2:
        return f"{len(labels)} fields changed on the server."
    return f"{' and '.join([labels[0], *map(_in_sentence, labels[1:])])} changed on the server."


def _in_sentence(text: str) -> str:
    """A label inside a sentence: lower case first, unless it starts with an acronym."""
    first = text.split(" ", 1)[0]
    if len(first) > 1 and first.isupper():
        return text
    return text[:1].lower() + text[1:]


def shown_value(
    name: str, value: str | bool, session: CheckoutPublic, answers: CustomAnswers
) -> str:
    """A server value as the conflict line says it: a tick box in words, a product by name,
    a question's option by its label, nothing as "(empty)"."""
    if isinstance(value, bool):
        return "ticked" if value else "not ticked"
    if name == "product":
        option = option_for(session, value)
        value = option.name if option else value
    question = _question(name, answers)
    if question is not None and question.options:
        value = dict(question.options).get(value, value)
    return value or EMPTY
