"""The seller's questions (custom fields): one form field each, made when a session loads.

Labels, help and options are the merchant's Markdown shown as plain text: a link shows its
URL, nothing is interpreted as markup.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual.content import Content
from textual.widget import Widget

from tui.domain.custom_field_form import Question
from tui.domain.display import printable
from tui.domain.draft import TEXT_LIMIT
from tui.widgets.field import FormField
from tui.widgets.form_input import FormInput
from tui.widgets.form_pane import FormPane
from tui.widgets.form_text_area import FormTextArea
from tui.widgets.marked_checkbox import MarkedCheckbox
from tui.widgets.option_select import OptionSelect


class QuestionsPane(FormPane):
    def __init__(self) -> None:
        super().__init__("Questions from the seller", id="questions-pane")
        self._asked: tuple[Question, ...] = ()
        self.display = False

    def ask(
        self, questions: tuple[Question, ...], on_mounted: Callable[[list[FormField]], None]
    ) -> list[FormField] | None:
        """Show these questions; the new fields (mounted in a moment, then `on_mounted` is
        called with them), or None when they are the ones shown."""
        if questions == self._asked:
            return None
        self._asked = questions
        fields = [_field(question) for question in questions]

        async def replace() -> None:
            await self.remove_children()  # the old fields go first: the new ones reuse ids
            await self.mount_all(fields)
            on_mounted(fields)

        self.call_later(replace)
        self.display = bool(fields)
        return fields


def _editor(question: Question) -> Widget:
    rule, widget_id = question.rule, f"cf-{question.rule.slug}"
    if rule.type == "checkbox":
        return MarkedCheckbox(Text(printable(question.label)), id=widget_id, compact=True)
    if rule.type == "select":
        return OptionSelect(question, id=widget_id)
    if rule.type == "text" and question.multiline:
        area = FormTextArea(limit=rule.max_length or TEXT_LIMIT, id=widget_id)
        area.placeholder = Content(printable(question.placeholder))
        return area
    editor = FormInput(
        limit=rule.max_length or TEXT_LIMIT,
        id=widget_id,
        placeholder=printable(question.placeholder or _placeholder(rule.type)),
    )
    if rule.type == "number":
        editor.restrict = r"-?[0-9]*"
    elif rule.type == "date":
        editor.restrict = r"[0-9-]*"
    return editor


def _placeholder(kind: str) -> str:
    return {"number": "a whole number", "date": "YYYY-MM-DD"}.get(kind, "")


def _field(question: Question) -> FormField:
    label = "" if question.rule.type == "checkbox" else printable(question.label)
    return FormField(label, _editor(question), field_id=question.name)
