"""A session's `custom_field_data`, checked against its product's attached fields as Polar
does: the domain's one check (`tui.domain.custom_fields`), its refusals as Polar's 422
items at `["body", "custom_field_data", SLUG]`. Whether required fields must be there is the
caller's choice: an update checks only what was sent, a confirm checks everything (see
`rules.update`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Final

from tui.domain import custom_fields
from tui.domain.custom_fields import CustomFieldsInvalid, FieldRule
from tui.emulator.model.custom_fields import AttachedCustomField

from .errors import ErrorItem, ValidationFailed

LOC_PREFIX: Final = ("body", "custom_field_data")


def check_custom_field_data(
    attached: Sequence[AttachedCustomField], data: Mapping[str, Any], *, with_required: bool
) -> dict[str, Any]:
    """The values of `data` for the attached fields, or ValidationFailed with pydantic's errors.

    `with_required`: whether the fields marked required must be there (confirm).
    """
    rules = tuple(_rule(entry) for entry in sorted(attached, key=lambda entry: entry.order))
    try:
        return custom_fields.check_custom_field_data(rules, data, with_required=with_required)
    except CustomFieldsInvalid as refused:
        # Polar re-raises each error by its type, message and input: no `ctx`, no `url`.
        raise ValidationFailed(
            [
                ErrorItem(error.type, (*LOC_PREFIX, *error.loc), error.message, error.input)
                for error in refused.errors
            ]
        ) from None


def _rule(entry: AttachedCustomField) -> FieldRule:
    field = entry.field
    return FieldRule(
        slug=field.slug,
        type=field.type,
        required=entry.required,
        min_length=field.min_length,
        max_length=field.max_length,
        ge=field.ge,
        le=field.le,
        options=tuple(option.value for option in field.options),
    )
