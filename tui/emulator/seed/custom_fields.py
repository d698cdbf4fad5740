"""The custom fields of a scenario file, one spec per Polar field type, and their attachment.

A field belongs to an organization and is named by its `slug` there (the key
of its value in `custom_field_data`); a product lists the fields it asks in
`attached_custom_fields`, in order, each `required` or not. Properties carry
Polar's names: `form_label`, `form_help_text`, `form_placeholder` (Markdown)
for every type; `textarea`, `min_length`, `max_length` for text; `ge`, `le`
for numbers, and for dates as days (Polar stores a day as the Unix timestamp
of its midnight, UTC); `options` (`value`, `label`) for a select. Each spec
becomes its catalog `CustomField` (`to_custom_field`), its id derived from its
organization and slug.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, Field, model_validator

from tui.domain.custom_fields import INT32_MAX, INT32_MIN
from tui.emulator.model.catalog import Organization
from tui.emulator.model.custom_fields import CustomField, SelectOption
from tui.emulator.model.ids import stable_uuid

from .fields import Spec, Text
from .scenario import CATALOG_CREATED_AT

Int32 = Annotated[int, Field(ge=INT32_MIN, le=INT32_MAX)]
Length = Annotated[int, Field(ge=0, le=INT32_MAX)]
Slug = Annotated[str, Field(pattern=r"^[a-z0-9_-]+$")]


def _in_order(low: Any, high: Any, what: str) -> None:
    if low is not None and high is not None and low > high:
        raise ValueError(f"{what}: the lower bound is above the upper one")


class _FieldSpec(Spec):
    organization: str
    slug: Slug
    name: Text
    form_label: Text | None = None
    form_help_text: Text | None = None
    form_placeholder: Text | None = None

    def _field(self, organization: Organization, **properties: Any) -> CustomField:
        """The field with what every type shares, plus the type's own `properties`."""
        return CustomField(
            id=stable_uuid("custom-field", self.organization, self.slug),
            organization_id=organization.id,
            created_at=CATALOG_CREATED_AT,
            slug=self.slug,
            name=self.name,
            form_label=self.form_label,
            form_help_text=self.form_help_text,
            form_placeholder=self.form_placeholder,
            **properties,
        )


class TextFieldSpec(_FieldSpec):
    type: Literal["text"]
    textarea: bool | None = None
    min_length: Length | None = None
    max_length: Length | None = None

    @model_validator(mode="after")
    def _lengths(self) -> TextFieldSpec:
        _in_order(self.min_length, self.max_length, "min_length and max_length")
        return self

    def to_custom_field(self, organization: Organization) -> CustomField:
        return self._field(
            organization,
            type="text",
            textarea=self.textarea,
            min_length=self.min_length,
            max_length=self.max_length,
        )


class NumberFieldSpec(_FieldSpec):
    type: Literal["number"]
    ge: Int32 | None = None
    le: Int32 | None = None

    @model_validator(mode="after")
    def _bounds(self) -> NumberFieldSpec:
        _in_order(self.ge, self.le, "ge and le")
        return self

    def to_custom_field(self, organization: Organization) -> CustomField:
        return self._field(organization, type="number", ge=self.ge, le=self.le)


def _timestamp(day: date) -> int:
    """The Unix timestamp of the day's midnight, UTC."""
    return int(datetime.combine(day, time(), UTC).timestamp())


def _a_32_bit_day(day: date) -> date:
    if not INT32_MIN <= _timestamp(day) <= INT32_MAX:
        raise ValueError("a day from 1901-12-14 to 2038-01-19 (Polar stores a 32-bit timestamp)")
    return day


Day = Annotated[date, AfterValidator(_a_32_bit_day)]


class DateFieldSpec(_FieldSpec):
    type: Literal["date"]
    ge: Day | None = None
    """The earliest day accepted."""
    le: Day | None = None
    """The latest day accepted."""

    @model_validator(mode="after")
    def _bounds(self) -> DateFieldSpec:
        _in_order(self.ge, self.le, "ge and le")
        return self

    def to_custom_field(self, organization: Organization) -> CustomField:
        return self._field(
            organization,
            type="date",
            ge=None if self.ge is None else _timestamp(self.ge),
            le=None if self.le is None else _timestamp(self.le),
        )


class CheckboxFieldSpec(_FieldSpec):
    type: Literal["checkbox"]

    def to_custom_field(self, organization: Organization) -> CustomField:
        return self._field(organization, type="checkbox")


class OptionSpec(Spec):
    value: Text
    label: Text


class SelectFieldSpec(_FieldSpec):
    type: Literal["select"]
    options: Annotated[list[OptionSpec], Field(min_length=1)]

    def to_custom_field(self, organization: Organization) -> CustomField:
        options = tuple(SelectOption(option.value, option.label) for option in self.options)
        return self._field(organization, type="select", options=options)


AnyFieldSpec = TextFieldSpec | NumberFieldSpec | DateFieldSpec | CheckboxFieldSpec | SelectFieldSpec
CustomFieldSpec = Annotated[AnyFieldSpec, Field(discriminator="type")]
FIELD_TAGS = frozenset({"text", "number", "date", "checkbox", "select"})
"""The field union's tags, which pydantic adds to an error's location."""


class AttachedFieldSpec(Spec):
    """A field a product asks, by its slug in the product's organization."""

    slug: str
    required: bool = False
