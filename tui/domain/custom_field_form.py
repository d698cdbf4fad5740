"""The seller's questions (custom fields) as fields of the form: what each shows, what Polar
would store for it, pydantic's words for what it refuses. No Textual, no HTTP."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from tui.domain.custom_fields import (
    CustomFieldsInvalid,
    FieldRule,
    check_custom_field_data,
    rules_from_wire,
)
from tui.domain.fields import CUSTOM_FIELD_DATA, CUSTOM_FIELD_PREFIX
from tui.domain.validation import FieldMode
from tui.polar.models import AttachedCustomField, CheckoutPublic

DATE_FORMAT = "Type a date as YYYY-MM-DD, such as 2026-03-01."
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_LINK = re.compile(r"!?\[([^\]]*)\]\(([^)\s]+)[^)]*\)")
_EMPHASIS = re.compile(r"(\*\*|__|\*|_|`)(?=\S)(.+?)(?<=\S)\1")
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+", re.MULTILINE)


def markdown_text(markdown: str) -> str:
    """A merchant's Markdown as plain text: a link shows its URL ("terms (https://…)"),
    emphasis and headings lose their marks, nothing is interpreted."""
    text = _LINK.sub(
        lambda m: f"{m.group(1)} ({m.group(2)})" if m.group(1) else m.group(2), markdown
    )
    text = _HEADING.sub("", text)
    return _EMPHASIS.sub(r"\2", text).strip()


def field_name(slug: str) -> str:
    return f"{CUSTOM_FIELD_PREFIX}{slug}"


@dataclass(frozen=True, slots=True)
class Question:
    """One attached field as the form shows it."""

    name: str
    rule: FieldRule
    label: str
    help: str
    placeholder: str
    multiline: bool
    options: tuple[tuple[str, str], ...]
    """Select: (value, label) pairs."""


def questions(session: CheckoutPublic) -> tuple[Question, ...]:
    ordered = sorted(session.attached_custom_fields, key=lambda entry: entry.order)
    return tuple(
        _question(entry, rule)
        for entry, rule in zip(ordered, rules_from_wire(ordered), strict=True)
    )


def _question(entry: AttachedCustomField, rule: FieldRule) -> Question:
    field, properties = entry.custom_field, entry.custom_field.properties
    options = tuple(
        (str(option.get("value")), markdown_text(str(option.get("label") or option.get("value"))))
        for option in properties.get("options") or []
    )
    return Question(
        name=field_name(field.slug),
        rule=rule,
        label=markdown_text(str(properties.get("form_label") or field.name or field.slug)),
        help=markdown_text(str(properties.get("form_help_text") or "")),
        placeholder=markdown_text(str(properties.get("form_placeholder") or "")),
        multiline=bool(properties.get("textarea")),
        options=options,
    )


class CustomAnswers:
    """The session's questions: start texts, Polar's check, modes, hints, the body."""

    def __init__(self, session: CheckoutPublic) -> None:
        self.session = session
        self.questions = questions(session)

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(question.name for question in self.questions)

    def start_texts(self) -> dict[str, str | bool]:
        stored = self.session.custom_field_data
        texts: dict[str, str | bool] = {}
        for question in self.questions:
            value = stored.get(question.rule.slug)
            if question.rule.type == "checkbox":
                texts[question.name] = value is True
            elif value is None:
                texts[question.name] = ""
            elif question.rule.type == "date":
                texts[question.name] = str(value)[:10]  # stored as a date-time at midnight
            else:
                texts[question.name] = str(value)
        return texts

    def check(self, texts: Mapping[str, str | bool]) -> tuple[dict[str, Any], dict[str, str]]:
        """Each answer as Polar would store it, and pydantic's message for any it refuses."""
        sent = {
            question.rule.slug: _raw(question, texts[question.name]) for question in self.questions
        }
        rules = tuple(question.rule for question in self.questions)
        invalid: dict[str, str] = {
            q.name: DATE_FORMAT
            for q in self.questions
            if q.rule.type == "date"
            and sent[q.rule.slug] is not None
            and not _DATE.fullmatch(str(sent[q.rule.slug]))
        }
        sent = {slug: value for slug, value in sent.items() if field_name(slug) not in invalid}
        try:
            checked = check_custom_field_data(rules, sent, with_required=False)
        except CustomFieldsInvalid as refused:
            for error in refused.errors:
                if error.slug is not None:
                    invalid.setdefault(field_name(error.slug), error.message)
            good = {slug: value for slug, value in sent.items() if field_name(slug) not in invalid}
            checked = check_custom_field_data(rules, good, with_required=False)
        values: dict[str, Any] = {}
        for question in self.questions:
            slug = question.rule.slug
            raw = _raw(question, texts[question.name])
            values[question.name] = raw if question.name in invalid else checked.get(slug)
        return values, invalid

    def modes(self) -> dict[str, FieldMode]:
        return {
            question.name: FieldMode.REQUIRED if question.rule.required else FieldMode.OPTIONAL
            for question in self.questions
        }

    def hints(self) -> dict[str, str]:
        hints = {}
        for question in self.questions:
            parts = [question.help] if question.help else []
            if question.rule.required:
                parts.append("Polar asks for it when the checkout is confirmed.")
            hints[question.name] = " ".join(parts)
        return hints

    def body(self, changed: set[str], values: Mapping[str, Any]) -> dict[str, Any]:
        """Polar merges what it is sent into what it stores: the changed answers only."""
        answers = {
            question.rule.slug: values[question.name]
            for question in self.questions
            if question.name in changed
        }
        return {CUSTOM_FIELD_DATA: answers} if answers else {}


def _raw(question: Question, text: str | bool) -> Any:
    """An answer as it is sent: an empty text is no answer; a checkbox a boolean."""
    if question.rule.type == "checkbox":
        return bool(text)
    text = str(text)
    if question.rule.type != "text":
        text = text.strip()
    return text or None
