"""Countries and subdivisions as Polar accepts them, with English display names, and search.

Search ignores case, accents and punctuation ("cote divoire", "Quebec" for Québec, "st lucia").
A country is known by its alpha-2 and alpha-3 codes, its English name from CLDR (babel),
ISO 3166's names from pycountry (name, official and common name: "Czech Republic", "Russian
Federation", "Saint Lucia") and the few everyday names in `_ALIASES` that no library lists.
A US state or CA province is known by its code, the part after the dash, and its name.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
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
_ALIASES: dict[str, tuple[str, ...]] = {
    "AE": ("UAE",),
    "CD": ("DRC",),
    "CI": ("Ivory Coast",),
    "GB": ("UK", "Great Britain", "England", "Scotland", "Wales", "Northern Ireland"),
    "NL": ("Holland",),
    "SZ": ("Swaziland",),
    "TL": ("East Timor",),
    "TR": ("Turkey",),
    "US": ("America",),
}
"""Names people use that neither CLDR's English names nor ISO 3166's carry."""
_DROPPED = str.maketrans("", "", "'\u2019.")
_SEPARATORS = re.compile(r"[\W_]+")


@dataclass(frozen=True, slots=True)
class Region:
    """A selectable country or subdivision: the code Polar stores and the name people read."""

    code: str
    name: str


def _fold(text: str) -> str:
    """Text as search compares it: no case, accents, apostrophes or dots, and any other
    punctuation as single spaces ("Côte d'Ivoire" -> "cote divoire", "US-CA" -> "us ca")."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    return _SEPARATORS.sub(" ", bare.translate(_DROPPED)).strip()


@cache
def _english() -> Locale:
    return Locale.parse("en_US")


@cache
def all_country_codes() -> frozenset[str]:
    """Every ISO 3166-1 alpha-2 code Polar knows (responses may carry any of them)."""
    return frozenset(country.alpha_2 for country in pycountry.countries)


def _by_name(regions: Iterable[Region]) -> tuple[Region, ...]:
    """Alphabetical as people read it: "Åland Islands" between "Afghanistan" and "Albania"."""
    return tuple(sorted(regions, key=lambda region: (_fold(region.name), region.code)))


def _countries(codes: Iterable[str]) -> tuple[Region, ...]:
    names = _english().territories
    return _by_name(Region(code, names.get(code) or code) for code in codes)


@cache
def supported_countries() -> tuple[Region, ...]:
    """Countries a customer may pick, sorted by English name."""
    return _countries(all_country_codes() - EMBARGOED_COUNTRIES)


@cache
def embargoed_countries() -> tuple[Region, ...]:
    """Countries Polar cannot sell to, by English name: the form names them."""
    return _countries(EMBARGOED_COUNTRIES)


def is_supported_country(code: str) -> bool:
    return code in all_country_codes() and code not in EMBARGOED_COUNTRIES


@cache
def subdivisions(country: str) -> tuple[Region, ...]:
    """The states (US) or provinces and territories (CA) Polar accepts, by name."""
    allowed = {"US": _US_STATES, "CA": _CA_SUBDIVISIONS}.get(country)
    if allowed is None:
        return ()
    return _by_name(
        Region(sub.code, sub.name)
        for sub in pycountry.subdivisions.get(country_code=country) or ()  # type: ignore[no-untyped-call]
        if sub.code.split("-", 1)[1] in allowed
    )


def normalize_state(country: str, state: str) -> str:
    """Prefix a US or CA state with its country as Polar does; other states are free text."""
    if country in STATE_COUNTRIES and not state.startswith(f"{country}-"):
        return f"{country}-{state}"
    return state


def is_valid_subdivision(country: str, state: str) -> bool:
    """Whether an already normalized state is one Polar accepts for US or CA."""
    return any(region.code == state for region in subdivisions(country))


@dataclass(frozen=True, slots=True)
class _Terms:
    """What a region is known by, folded."""

    exact: frozenset[str]
    """Every code and name: typing one of them in full names the region."""
    called: tuple[str, ...]
    """Its display name and everyday aliases: the names a text may start."""
    names: tuple[str, ...]
    """Every name, ISO 3166's formal ones too: the names a text may appear in."""


@cache
def _terms(region: Region) -> _Terms:
    code = region.code
    codes, called, names = {code, code.split("-", 1)[-1]}, {region.name}, {region.name}
    country = None if "-" in code else pycountry.countries.get(alpha_2=code)
    if country is not None:
        codes.add(country.alpha_3)
        called.update(_ALIASES.get(code, ()))
        names.update(getattr(country, key, "") for key in ("name", "official_name", "common_name"))
    folded = {_fold(name) for name in names | called} - {""}
    return _Terms(
        exact=frozenset(_fold(term) for term in codes) | folded,
        called=tuple(_fold(name) for name in called),
        names=tuple(folded),
    )


def find_region(regions: tuple[Region, ...], text: str) -> Region | None:
    """The region the text names exactly, ignoring case, accents and punctuation: its code
    (`US-CA` or `CA`, a country's alpha-2 or alpha-3) or one of its names ("United States",
    "USA", "America"). No two countries, nor two US or CA subdivisions, share one."""
    needle = _fold(text)
    if not needle:
        return None
    return next((region for region in regions if needle in _terms(region).exact), None)


def region_name(regions: tuple[Region, ...], code: str) -> str:
    """What a stored code shows as: the region's name, or the code itself when unknown."""
    match = find_region(regions, code)
    return match.name if match else code


def filter_regions(regions: tuple[Region, ...], query: str) -> list[Region]:
    """Regions the text may mean, best first: those it names exactly (a code or any name),
    then those whose display name or an alias starts with it, then those with any name
    containing it; each group alphabetical by display name. An empty text keeps every
    region, in order."""
    needle = _fold(query)
    if not needle:
        return list(regions)

    def rank(region: Region) -> int | None:
        terms = _terms(region)
        if needle in terms.exact:
            return 0
        if any(name.startswith(needle) for name in terms.called):
            return 1
        if any(needle in name for name in terms.names):
            return 2
        return None

    ranked = [
        (r, _fold(region.name), region) for region in regions if (r := rank(region)) is not None
    ]
    return [region for *_, region in sorted(ranked, key=lambda entry: entry[:2])]
