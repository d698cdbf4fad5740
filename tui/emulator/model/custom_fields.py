"""Custom fields: questions a seller asks at checkout, attached to products.

As Polar has them: a field belongs to an organization, has a `slug` (the key
of its value in a session's `custom_field_data`), a `name` and a `type`
(text, number, date, checkbox, select) with properties of that type; a
product attaches fields in an `order`, each `required` or not. What a value
must look like is a rule (`rules.custom_fields`), not data.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal
from uuid import UUID

CustomFieldType = Literal["text", "number", "date", "checkbox", "select"]


@dataclass(frozen=True, slots=True)
class SelectOption:
    value: str
    label: str


@dataclass(frozen=True, slots=True)
class CustomField:
    """One field; a property left as None (or no options) is not set."""

    id: UUID
    organization_id: UUID
    created_at: datetime
    type: CustomFieldType
    slug: str
    name: str
    form_label: str | None = None
    """Markdown, as the merchant wrote it (all types)."""
    form_help_text: str | None = None
    form_placeholder: str | None = None
    textarea: bool | None = None
    """Text: a multi-line input."""
    min_length: int | None = None
    """Text: the fewest characters."""
    max_length: int | None = None
    """Text: the most characters."""
    ge: int | None = None
    """Number: the smallest value. Date: the earliest day, as a Unix timestamp."""
    le: int | None = None
    """Number: the largest value. Date: the latest day, as a Unix timestamp."""
    options: tuple[SelectOption, ...] = ()
    """Select: the choices, in order."""


@dataclass(frozen=True, slots=True)
class AttachedCustomField:
    """A field as one product asks it: in `order` (from 0), `required` or not."""

    field: CustomField
    order: int
    required: bool
