"""A session's `custom_field_data`, checked against its product's attached fields as Polar does.

Polar builds a pydantic model from the attached fields (one model field per
slug, in the fields' order) and validates the body's `custom_field_data` with
it; so do we, and pydantic words every error. What each type accepts:

- text: a string, within `min_length`..`max_length` when set;
- number: an integer within `ge`..`le` (each defaulting to the 32-bit limit);
- date: a date-time (a date alone is midnight), within the days `ge`..`le`
  when set (Unix timestamps; Polar ignores a bound of 0);
- checkbox: a boolean, which must be true when the field is required;
- select: one of the options' values.

Keys that name no attached field are dropped without a word, and only the keys
sent come back (`exclude_unset`), in JSON form (a date-time as ISO 8601 text).
Whether required fields must be there is the caller's choice: an update checks
only what was sent, a confirm checks everything (see `rules.update`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import UTC, date, datetime
from functools import cache
from typing import Any, Final, Literal

from pydantic import BaseModel, Field, ValidationError, create_model

from tui.emulator.model.custom_fields import AttachedCustomField, CustomField

from .errors import ErrorItem, ValidationFailed

INT32_MIN: Final = -(2**31)
INT32_MAX: Final = 2**31 - 1
LOC_PREFIX: Final = ("body", "custom_field_data")


def check_custom_field_data(
    attached: Sequence[AttachedCustomField], data: Mapping[str, Any], *, with_required: bool
) -> dict[str, Any]:
    """The values of `data` for the attached fields, or ValidationFailed with pydantic's errors.

    `with_required`: whether the fields marked required must be there (confirm).
    """
    schema = _schema(tuple(attached), with_required)
    try:
        checked = schema.model_validate(dict(data))
    except ValidationError as error:
        # Polar re-raises each error by its type, message and input: no `ctx`, no `url`.
        raise ValidationFailed(
            [
                ErrorItem(item["type"], (*LOC_PREFIX, *item["loc"]), item["msg"], item["input"])
                for item in error.errors()
            ]
        ) from None
    values: dict[str, Any] = checked.model_dump(mode="json", exclude_unset=True)
    return values


@cache
def _schema(attached: tuple[AttachedCustomField, ...], with_required: bool) -> type[BaseModel]:
    ordered = sorted(attached, key=lambda entry: entry.order)
    definitions: dict[str, Any] = {
        entry.field.slug: _definition(entry.field, with_required and entry.required)
        for entry in ordered
    }
    return create_model("CustomFieldDataInput", **definitions)


def _definition(field: CustomField, required: bool) -> tuple[Any, Any]:
    """The field's (annotation, `Field`) as a pydantic model declares it."""
    default: Any = ... if required else None
    kind: Any
    if field.type == "text":
        kind = str
        info = Field(default, min_length=field.min_length, max_length=field.max_length)
    elif field.type == "number":
        kind = int
        ge = INT32_MIN if field.ge is None else field.ge
        le = INT32_MAX if field.le is None else field.le
        info = Field(default, ge=ge, le=le)
    elif field.type == "date":
        kind = datetime
        info = Field(default, ge=_day(field.ge), le=_day(field.le))
    elif field.type == "checkbox":
        # Optional: any boolean, false by default; required: only true will do.
        return (Literal[True], Field(...)) if required else (bool, Field(False))
    else:
        kind = Literal.__getitem__(tuple(option.value for option in field.options))
        info = Field(default)
    return (kind if required else kind | None), info


def _day(timestamp: int | None) -> date | None:
    """A date bound: the UTC day of a Unix timestamp (0 counts as no bound, as on Polar)."""
    return datetime.fromtimestamp(timestamp, UTC).date() if timestamp else None
