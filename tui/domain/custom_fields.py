"""A session's `custom_field_data`, checked as Polar checks it: one code path for the form
(as the customer types) and the emulator (on update and confirm).

Polar builds a pydantic model from the product's attached fields (one model field per
slug, in the fields' order) and validates `custom_field_data` with it, so pydantic words
every error. What each type accepts:

- text: a string, within `min_length`..`max_length` when set;
- number: an integer within `ge`..`le` (each defaulting to the 32-bit limit);
- date: a date-time (a date alone is midnight), within the days `ge`..`le` when set (Unix
  timestamps; Polar ignores a bound of 0);
- checkbox: a boolean, which must be true when the field is required;
- select: one of the options' values.

Keys that name no attached field are dropped without a word, and only the keys sent come
back (`exclude_unset`), in JSON form (a date-time as ISO 8601 text).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from functools import cache
from typing import Any, Final, Literal

from pydantic import BaseModel, Field, ValidationError, create_model

from tui.polar.models import AttachedCustomField

INT32_MIN: Final = -(2**31)
INT32_MAX: Final = 2**31 - 1


@dataclass(frozen=True, slots=True)
class FieldRule:
    """What one attached field accepts."""

    slug: str
    type: str
    required: bool = False
    min_length: int | None = None
    max_length: int | None = None
    ge: int | None = None
    le: int | None = None
    options: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class RefusedValue:
    """One refused value: pydantic's type and message, where (the slug first), the input."""

    loc: tuple[str | int, ...]
    type: str
    message: str
    input: Any

    @property
    def slug(self) -> str | None:
        return str(self.loc[0]) if self.loc else None


class CustomFieldsInvalid(Exception):
    def __init__(self, errors: list[RefusedValue]) -> None:
        super().__init__(f"{len(errors)} custom field values refused")
        self.errors = errors


def rules_from_wire(attached: Sequence[AttachedCustomField]) -> tuple[FieldRule, ...]:
    """The rules of the fields a session lists, in their order."""
    rules = []
    for entry in sorted(attached, key=lambda entry: entry.order):
        field, properties = entry.custom_field, entry.custom_field.properties
        options = properties.get("options") or []
        rules.append(
            FieldRule(
                slug=field.slug,
                type=field.type or "text",
                required=entry.required,
                min_length=properties.get("min_length"),
                max_length=properties.get("max_length"),
                ge=properties.get("ge"),
                le=properties.get("le"),
                options=tuple(str(option.get("value")) for option in options),
            )
        )
    return tuple(rules)


def check_custom_field_data(
    rules: Sequence[FieldRule], data: Mapping[str, Any], *, with_required: bool
) -> dict[str, Any]:
    """The values of `data` for the fields, or CustomFieldsInvalid with pydantic's errors.

    `with_required`: whether the fields marked required must be there (Polar's confirm).
    """
    schema = _schema(tuple(rules), with_required)
    try:
        checked = schema.model_validate(dict(data))
    except ValidationError as error:
        raise CustomFieldsInvalid(
            [
                RefusedValue(tuple(item["loc"]), item["type"], item["msg"], item["input"])
                for item in error.errors()
            ]
        ) from None
    values: dict[str, Any] = checked.model_dump(mode="json", exclude_unset=True)
    return values


@cache
def _schema(rules: tuple[FieldRule, ...], with_required: bool) -> type[BaseModel]:
    definitions: dict[str, Any] = {
        rule.slug: _definition(rule, with_required and rule.required) for rule in rules
    }
    return create_model("CustomFieldDataInput", **definitions)


def _definition(rule: FieldRule, required: bool) -> tuple[Any, Any]:
    """The field's (annotation, `Field`) as a pydantic model declares it."""
    default: Any = ... if required else None
    kind: Any
    if rule.type == "text":
        kind = str
        info = Field(default, min_length=rule.min_length, max_length=rule.max_length)
    elif rule.type == "number":
        kind = int
        ge = INT32_MIN if rule.ge is None else rule.ge
        le = INT32_MAX if rule.le is None else rule.le
        info = Field(default, ge=ge, le=le)
    elif rule.type == "date":
        kind = datetime
        info = Field(default, ge=_day(rule.ge), le=_day(rule.le))
    elif rule.type == "checkbox":
        # Optional: any boolean, false by default; required: only true will do.
        return (Literal[True], Field(...)) if required else (bool, Field(False))
    else:
        kind = Literal.__getitem__(rule.options) if rule.options else str
        info = Field(default)
    return (kind if required else kind | None), info


def _day(timestamp: int | None) -> date | None:
    """A date bound: the UTC day of a Unix timestamp (0 counts as no bound, as on Polar)."""
    return datetime.fromtimestamp(timestamp, UTC).date() if timestamp else None
