"""The country and state as typed: the region a text names, and the form's words when it
names none Polar sells to. No Textual."""

from __future__ import annotations

from tui.domain import regions

COUNTRY_UNKNOWN = "No country by that name or code: pick one from the list."
NOT_SOLD_TO = "Polar can't sell to {}."
STATE_UNKNOWN = "No state or province by that name or code: pick one from the list."


def country_code(text: str) -> str:
    """The code of the country Polar sells to that the text names, else the text."""
    country = regions.find_region(regions.supported_countries(), text)
    return country.code if country else text


def state_code(country: str, text: str) -> str:
    """The code of the country's state or province that the text names, else the text."""
    state = regions.find_region(regions.subdivisions(country), text)
    return state.code if state else text


def region_problems(country_text: str, country: str, state_text: str) -> dict[str, str]:
    """A message for a country text that names no country Polar sells to (an embargoed one
    by name), and for a state text that names none of `country`'s states or provinces."""
    problems: dict[str, str] = {}
    countries = regions.supported_countries()
    if country_text.strip() and not regions.find_region(countries, country_text):
        embargoed = regions.find_region(regions.embargoed_countries(), country_text)
        problems["country"] = NOT_SOLD_TO.format(embargoed.name) if embargoed else COUNTRY_UNKNOWN
    states = regions.subdivisions(country)
    if states and state_text.strip() and not regions.find_region(states, state_text):
        problems["state"] = STATE_UNKNOWN
    return problems
