"""Conformance rows of custom fields: each type's bad values, on update and at confirm.

Rows and runner: `conformance.py`. All on the `custom-fields` scenario, whose
product asks `team_name` (text, 2-60 characters, required), `notes` (text,
multi-line, at most 1000), `company_size` (number 1-10,000), `start_date`
(date, 2026-01-01 to 2027-12-31), `plan` (select: starter, growth, scale) and
`terms` (checkbox, required). Polar validates `custom_field_data` with a
pydantic model built from the attached fields (`custom_field/data.py`,
`build_custom_field_data_schema`): the messages and types below are pydantic's
for those declarations, written out by hand, at `["body", "custom_field_data",
SLUG]`, re-raised as `PolarRequestValidationError` without `ctx`. An update
checks only what it sends, required fields never; a confirm checks its own
body's values, required ones included.
"""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from tui.emulator.store import Store

from .conformance import CONFIRM, PRVE, RVE, Row, check_row, proving
from .support import CONFIRM_EMAIL

CF = "custom-fields"


def fields(**values: Any) -> dict[str, Any]:
    return {"custom_field_data": values}


def confirming(**values: Any) -> dict[str, Any]:
    """A confirm body that lacks nothing but what `values` leave out."""
    return {"customer_email": CONFIRM_EMAIL, "custom_field_data": values}


def at(slug: str) -> tuple[str, ...]:
    return ("body", "custom_field_data", slug)


ROWS = [
    # -- text ----------------------------------------------------------------------------------
    Row("text-too-short", CF, fields(team_name="A"), 422, PRVE, at("team_name"),
        "String should have at least 2 characters", "string_too_short"),
    Row("text-too-long", CF, fields(team_name="x" * 61), 422, PRVE, at("team_name"),
        "String should have at most 60 characters", "string_too_long"),
    Row("text-not-a-string", CF, fields(team_name=42), 422, PRVE, at("team_name"),
        "Input should be a valid string", "string_type"),
    Row("textarea-too-long", CF, fields(notes="line\n" * 200 + "x"), 422, PRVE, at("notes"),
        "String should have at most 1000 characters", "string_too_long"),
    # -- number --------------------------------------------------------------------------------
    Row("number-below-ge", CF, fields(company_size=0), 422, PRVE, at("company_size"),
        "Input should be greater than or equal to 1", "greater_than_equal"),
    Row("number-above-le", CF, fields(company_size=10_001), 422, PRVE, at("company_size"),
        "Input should be less than or equal to 10000", "less_than_equal"),
    Row("number-text", CF, fields(company_size="many"), 422, PRVE, at("company_size"),
        "Input should be a valid integer, unable to parse string as an integer", "int_parsing"),
    # The body's `str | int | bool | datetime | None` reads 12.5 as a timestamp first.
    Row("number-fraction", CF, fields(company_size=12.5), 422, PRVE, at("company_size"),
        "Input should be a valid integer", "int_type"),
    # -- date ----------------------------------------------------------------------------------
    Row("date-not-a-date", CF, fields(start_date="next week"), 422, PRVE, at("start_date"),
        "Input should be a valid datetime or date, input is too short",
        "datetime_from_date_parsing"),
    Row("date-impossible-day", CF, fields(start_date="2026-02-30"), 422, PRVE, at("start_date"),
        "Input should be a valid datetime or date, day value is outside expected range",
        "datetime_from_date_parsing"),
    Row("date-before-ge", CF, fields(start_date="2025-12-31"), 422, PRVE, at("start_date"),
        "Input should be greater than or equal to 2026-01-01T00:00:00", "greater_than_equal"),
    # The last day is a bound at its midnight: later that day is past it.
    Row("date-after-le", CF, fields(start_date="2027-12-31T12:00:00"), 422, PRVE,
        at("start_date"), "Input should be less than or equal to 2027-12-31T00:00:00",
        "less_than_equal"),
    Row("date-boolean", CF, fields(start_date=True), 422, PRVE, at("start_date"),
        "Input should be a valid datetime", "datetime_type"),
    # -- select --------------------------------------------------------------------------------
    Row("select-unknown-option", CF, fields(plan="enterprise"), 422, PRVE, at("plan"),
        "Input should be 'starter', 'growth' or 'scale'", "literal_error"),
    Row("select-label-not-value", CF, fields(plan="Starter"), 422, PRVE, at("plan"),
        "Input should be 'starter', 'growth' or 'scale'", "literal_error"),
    # -- checkbox ------------------------------------------------------------------------------
    Row("checkbox-not-a-boolean", CF, fields(terms="maybe"), 422, PRVE, at("terms"),
        "Input should be a valid boolean, unable to interpret input", "bool_parsing"),
    # An optional checkbox is a plain boolean (false by default): null is not one.
    Row("checkbox-null", CF, fields(terms=None), 422, PRVE, at("terms"),
        "Input should be a valid boolean", "bool_type"),
    # -- the body's own schema comes first -----------------------------------------------------
    Row("value-nul", CF, fields(team_name="Owls\x00"), 422, RVE, ("body", "custom_field_data"),
        "Value error, This value contains invalid characters", "value_error"),
    # -- confirm: required fields, from the confirm body alone ---------------------------------
    Row("confirm-required-text-missing", CF, confirming(terms=True), 422, PRVE, at("team_name"),
        "Field required", "missing", route=CONFIRM),
    Row("confirm-required-text-null", CF, confirming(team_name=None, terms=True), 422, PRVE,
        at("team_name"), "Input should be a valid string", "string_type", route=CONFIRM),
    Row("confirm-required-checkbox-false", CF, confirming(team_name="Night Owls", terms=False),
        422, PRVE, at("terms"), "Input should be True", "literal_error", route=CONFIRM),
    Row("confirm-required-checkbox-text", CF, confirming(team_name="Night Owls", terms="true"),
        422, PRVE, at("terms"), "Input should be True", "literal_error", route=CONFIRM),
    Row("confirm-stored-values-do-not-count", CF, confirming(team_name="Night Owls"), 422, PRVE,
        at("terms"), "Field required", "missing", route=CONFIRM,
        before=(fields(team_name="Night Owls", terms=True),)),
    Row("confirm-checks-bounds-too", CF, confirming(team_name="Night Owls", terms=True, plan="xl"),
        422, PRVE, at("plan"), "Input should be 'starter', 'growth' or 'scale'", "literal_error",
        route=CONFIRM),
]  # fmt: skip
RULES = {
    "text-too-short": ("custom-fields-update",),
    "text-too-long": ("custom-fields-update",),
    "text-not-a-string": ("custom-fields-update",),
    "textarea-too-long": ("custom-fields-update",),
    "number-below-ge": ("custom-fields-update",),
    "number-above-le": ("custom-fields-update",),
    "number-text": ("custom-fields-update",),
    "number-fraction": ("custom-fields-update",),
    "date-not-a-date": ("custom-fields-update",),
    "date-impossible-day": ("custom-fields-update",),
    "date-before-ge": ("custom-fields-update",),
    "date-after-le": ("custom-fields-update",),
    "date-boolean": ("custom-fields-update",),
    "select-unknown-option": ("custom-fields-update",),
    "select-label-not-value": ("custom-fields-update",),
    "checkbox-not-a-boolean": ("custom-fields-update",),
    "checkbox-null": ("custom-fields-update",),
    "value-nul": ("custom-fields-update",),
    "confirm-required-text-missing": ("custom-fields-confirm",),
    "confirm-required-text-null": ("custom-fields-confirm",),
    "confirm-required-checkbox-false": ("custom-fields-confirm",),
    "confirm-required-checkbox-text": ("custom-fields-confirm",),
    "confirm-stored-values-do-not-count": ("custom-fields-confirm",),
    "confirm-checks-bounds-too": ("custom-fields-confirm",),
}


@pytest.mark.parametrize("row", proving(ROWS, RULES))
async def test_conformance(
    row: Row, client: httpx.AsyncClient, store: Store, secrets: dict[str, str]
) -> None:
    await check_row(row, client, store, secrets)
