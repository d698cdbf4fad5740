"""The field types a scenario file's entries share, and the base of every entry's spec."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field

from tui.domain import amount_limits as limits
from tui.domain import regions


def _lower(value: object) -> object:
    return value.lower() if isinstance(value, str) else value


def _known_currency(currency: str) -> str:
    if currency not in limits.MINIMUMS:
        raise ValueError(f'unsupported currency "{currency}"')
    return currency


def _known_country(country: str) -> str:
    if not regions.is_supported_country(country):
        raise ValueError(f'unsupported country "{country}"')
    return country


def _assume_utc(moment: datetime) -> datetime:
    """A moment without an offset (a TOML local date-time, an ISO text without one) is UTC."""
    return moment.replace(tzinfo=UTC) if moment.utcoffset() is None else moment


Currency = Annotated[
    str, BeforeValidator(_lower), Field(pattern=r"^[a-z]{3}$"), AfterValidator(_known_currency)
]
Country = Annotated[str, Field(pattern=r"^[A-Z]{2}$"), AfterValidator(_known_country)]
Name = Annotated[str, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*$", max_length=100)]
Text = Annotated[str, Field(min_length=1)]
Amount = Annotated[int, Field(ge=0)]
Moment = Annotated[datetime, AfterValidator(_assume_utc)]
"""A date-time; without an offset it is read as UTC (the emulator's clock is aware)."""


class Spec(BaseModel):
    """An entry of the file: unknown keys are mistakes, and entries never change."""

    model_config = ConfigDict(extra="forbid", frozen=True)
