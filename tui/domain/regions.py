"""Countries and subdivisions as Polar accepts them, with English display names."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import pycountry
from babel import Locale

EMBARGOED_COUNTRIES = frozenset({"CU", "IR", "KP", "SY", "RU"})
STATE_COUNTRIES = frozenset({"US", "CA"})

_US_STATES = frozenset(
    {
        *("AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "FL", "GA", "HI", "ID", "IL"),
        *("IN", "IA", "KS", "KY", "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT"),
        *("NE", "NV", "NH", "NJ", "NM", "NY", "NC", "ND", "OH", "OK", "OR", "PA", "RI"),
        *("SC", "SD", "TN", "TX", "UT", "VT", "VA", "WA", "WV", "WI", "WY", "DC"),
    }
)
_CA_SUBDIVISIONS = frozenset(
    {"AB", "BC", "MB", "NB", "NL", "NS", "NT", "NU", "ON", "PE", "QC", "SK", "YT"}
)


@dataclass(frozen=True, slots=True)
class Region:
    """A selectable country or subdivision: the code Polar stores and the name people read."""

    code: str
    name: str


@cache
def _english() -> Locale:
    return Locale.parse("en_US")


@cache
def all_country_codes() -> frozenset[str]:
    """Every ISO 3166-1 alpha-2 code Polar knows (responses may carry any of them)."""
    return frozenset(country.alpha_2 for country in pycountry.countries)


@cache
def supported_countries() -> tuple[Region, ...]:
    """Countries a customer may pick, sorted by English name."""
    names = _english().territories
    regions = (
        Region(code, names.get(code) or code) for code in all_country_codes() - EMBARGOED_COUNTRIES
    )
    return tuple(sorted(regions, key=lambda region: region.name))


def is_supported_country(code: str) -> bool:
    return code in all_country_codes() and code not in EMBARGOED_COUNTRIES


@cache
def subdivisions(country: str) -> tuple[Region, ...]:
    """The states (US) or provinces and territories (CA) Polar accepts, by name."""
    allowed = {"US": _US_STATES, "CA": _CA_SUBDIVISIONS}.get(country)
    if allowed is None:
        return ()
    regions = (
        Region(sub.code, sub.name)
        for sub in pycountry.subdivisions.get(country_code=country) or ()  # type: ignore[no-untyped-call]
        if sub.code.split("-", 1)[1] in allowed
    )
    return tuple(sorted(regions, key=lambda region: region.name))


def normalize_state(country: str, state: str) -> str:
    """Prefix a US or CA state with its country as Polar does; other states are free text."""
    if country in STATE_COUNTRIES and not state.startswith(f"{country}-"):
        return f"{country}-{state}"
    return state


def is_valid_subdivision(country: str, state: str) -> bool:
    """Whether an already normalized state is one Polar accepts for US or CA."""
    return any(region.code == state for region in subdivisions(country))


def find_region(regions: tuple[Region, ...], text: str) -> Region | None:
    """The region the text names exactly: its code (`US-CA` or `CA`) or its name, any case."""
    folded = text.strip().casefold()
    if not folded:
        return None
    for region in regions:
        code = region.code.casefold()
        if folded in (code, code.split("-", 1)[-1], region.name.casefold()):
            return region
    return None


def region_name(regions: tuple[Region, ...], code: str) -> str:
    """What a stored code shows as: the region's name, or the code itself when unknown."""
    match = find_region(regions, code)
    return match.name if match else code


def filter_regions(regions: tuple[Region, ...], query: str) -> list[Region]:
    """Regions whose code or name matches what the user typed: exact code first, then prefixes."""
    needle = query.strip().casefold()
    if not needle:
        return list(regions)

    def rank(region: Region) -> int | None:
        code = region.code.casefold()
        short = code.split("-", 1)[-1]
        name = region.name.casefold()
        if needle in (code, short):
            return 0
        if name.startswith(needle):
            return 1
        if needle in name:
            return 2
        return None

    ranked = [(r, region) for region in regions if (r := rank(region)) is not None]
    return [region for _, region in sorted(ranked, key=lambda pair: pair[0])]
