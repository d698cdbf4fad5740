"""What a form field shows, as a tape's `expect field` and `expect error` read it."""

from __future__ import annotations

from textual.widgets import Checkbox

from tui.domain import regions
from tui.widgets.field import FormField
from tui.widgets.option_select import OptionSelect
from tui.widgets.product_chooser import ProductChooser
from tui.widgets.region_input import RegionInput


def field_text(field: FormField) -> str:
    """The field's value as text: a checkbox reads "true" or "false", the product choice
    the chosen product's name, a select question its option's value."""
    editor = field.editor
    if isinstance(editor, Checkbox):
        return "true" if editor.value else "false"
    if isinstance(editor, RegionInput):
        return editor.text
    if isinstance(editor, ProductChooser):
        return editor.chosen_name
    return str(field.value)


def field_shows(field: FormField, expected: str) -> tuple[str, bool]:
    """What the field shows, and whether that is `expected`.

    A country matches its English name as displayed or its alpha-2 code; a state its name
    or its code as typed or as stored (`CA`, `US-CA`); a select question its option's
    value or label.
    """
    shown = field_text(field)
    if shown == expected:
        return shown, True
    editor = field.editor
    if isinstance(editor, OptionSelect):
        return shown, expected == editor.labels.get(shown)
    if isinstance(editor, RegionInput) and editor.regions:
        named = regions.find_region(editor.regions, shown)
        return shown, named is not None and named == regions.find_region(editor.regions, expected)
    return shown, False
