"""Countries and subdivisions as Polar accepts them, and finding one from what was typed.

Expected rankings are worked out by hand from the rule in docs/tapes.md: exact code or name
first, then display names (or everyday aliases) starting with the text, then any name
containing it, each group alphabetical by display name."""

from __future__ import annotations

import pytest

from tui.domain import regions
from tui.domain.regions import (
    Region,
    embargoed_countries,
    filter_regions,
    find_region,
    region_name,
    subdivisions,
    supported_countries,
)


def codes(found: list[Region] | tuple[Region, ...]) -> list[str]:
    return [region.code for region in found]


def test_us_has_50_states_and_dc() -> None:
    us = codes(subdivisions("US"))
    assert len(us) == 51
    assert len(set(us)) == 51
    assert "US-DC" in us
    assert {"US-CA", "US-NY", "US-TX", "US-AK", "US-HI"} <= set(us)


@pytest.mark.parametrize("code", ["US-PR", "US-GU", "US-VI", "US-AS", "US-MP", "US-UM"])
def test_us_territories_are_not_offered(code: str) -> None:
    assert code not in codes(subdivisions("US"))


def test_ca_has_13_provinces_and_territories() -> None:
    ca = set(codes(subdivisions("CA")))
    assert len(ca) == 13
    assert {"CA-QC", "CA-ON", "CA-BC", "CA-NU", "CA-YT", "CA-NT"} <= ca


def test_subdivisions_have_names_and_are_sorted_by_name() -> None:
    us = subdivisions("US")
    assert Region("US-DC", "District of Columbia") in us
    assert Region("US-CA", "California") in us
    names = [region.name for region in us]
    assert names == sorted(names)


@pytest.mark.parametrize("country", ["DE", "GB", "FR", ""])
def test_other_countries_have_no_subdivision_list(country: str) -> None:
    assert subdivisions(country) == ()


def test_supported_countries_exclude_embargoed() -> None:
    supported = set(codes(supported_countries()))
    assert supported.isdisjoint({"CU", "IR", "KP", "SY", "RU"})
    assert {"US", "CA", "DE", "GB", "JP", "IN", "BR", "UA"} <= supported


def test_supported_countries_are_sorted_by_english_name_as_people_read_it() -> None:
    countries = supported_countries()
    assert [region.name for region in countries[:4]] == [
        "Afghanistan",
        "Åland Islands",
        "Albania",
        "Algeria",
    ]
    assert countries[-1] == Region("ZW", "Zimbabwe")
    assert Region("DE", "Germany") in countries
    assert Region("TR", "Türkiye") in countries


@pytest.mark.parametrize(
    ("code", "supported"),
    [("DE", True), ("US", True), ("RU", False), ("KP", False), ("XX", False), ("de", False)],
)
def test_is_supported_country(code: str, supported: bool) -> None:
    assert regions.is_supported_country(code) is supported


@pytest.mark.parametrize(
    ("query", "first"),
    [
        ("ca", "US-CA"),
        ("CA", "US-CA"),
        ("US-CA", "US-CA"),
        (" ny ", "US-NY"),
        ("calif", "US-CA"),
        ("District", "US-DC"),
        ("tex", "US-TX"),
    ],
)
def test_filter_us_states(query: str, first: str) -> None:
    assert codes(filter_regions(subdivisions("US"), query))[0] == first


def test_filter_by_name_prefix_lists_every_match() -> None:
    found = codes(filter_regions(subdivisions("US"), "new"))
    assert found == ["US-NH", "US-NJ", "US-NM", "US-NY"]


def test_filter_puts_exact_code_before_name_matches() -> None:
    found = codes(filter_regions(supported_countries(), "de"))
    assert found[0] == "DE"
    assert "DK" in found  # Denmark starts with "de"


def test_filter_countries_by_name() -> None:
    found = codes(filter_regions(supported_countries(), "united"))
    assert set(found) >= {"AE", "GB", "US"}
    assert all(code not in found for code in ("DE", "FR"))


def test_filter_ca_provinces_by_code() -> None:
    assert codes(filter_regions(subdivisions("CA"), "qc")) == ["CA-QC"]


def test_filter_with_no_match_is_empty() -> None:
    assert filter_regions(subdivisions("US"), "zzz") == []


@pytest.mark.parametrize("query", ["", "   "])
def test_filter_with_empty_query_keeps_everything(query: str) -> None:
    assert filter_regions(subdivisions("US"), query) == list(subdivisions("US"))


# --- finding a country --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("DE", "DE"),
        ("de", "DE"),
        ("DEU", "DE"),  # alpha-3
        ("Germany", "DE"),
        (" germany ", "DE"),
        ("USA", "US"),
        ("usa", "US"),
        ("U.S.A.", "US"),
        ("United States of America", "US"),  # ISO's official name
        ("America", "US"),
        ("UK", "GB"),
        ("GBR", "GB"),
        ("Great Britain", "GB"),
        ("England", "GB"),
        ("Turkey", "TR"),
        ("Türkiye", "TR"),
        ("turkiye", "TR"),
        ("Holland", "NL"),
        ("Côte d'Ivoire", "CI"),
        ("cote d\u2019ivoire", "CI"),  # CLDR's apostrophe
        ("Cote dIvoire", "CI"),
        ("Ivory Coast", "CI"),
        ("Czech Republic", "CZ"),  # ISO's official name; CLDR says Czechia
        ("Saint Lucia", "LC"),  # ISO's name; CLDR says St. Lucia
        ("st lucia", "LC"),
        ("South Korea", "KR"),
        ("Korea, Republic of", "KR"),
        ("Vietnam", "VN"),
        ("Viet Nam", "VN"),
        ("CAN", "CA"),
    ],
)
def test_find_country_by_code_alpha_3_or_any_name(text: str, code: str) -> None:
    found = find_region(supported_countries(), text)
    assert found is not None
    assert found.code == code


@pytest.mark.parametrize("text", ["", "  ", "Germ", "cote", "United", "Xanadu", "RU", "Russia"])
def test_find_country_needs_the_whole_of_a_supported_name_or_code(text: str) -> None:
    assert find_region(supported_countries(), text) is None


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("RU", "RU"),
        ("RUS", "RU"),
        ("Russia", "RU"),
        ("Russian Federation", "RU"),
        ("North Korea", "KP"),
        ("KP", "KP"),
        ("Iran", "IR"),
        ("Syria", "SY"),
        ("Syrian Arab Republic", "SY"),
        ("cuba", "CU"),
    ],
)
def test_embargoed_countries_are_found_by_the_same_names(text: str, code: str) -> None:
    found = find_region(embargoed_countries(), text)
    assert found is not None
    assert found.code == code


def test_embargoed_countries_have_english_names() -> None:
    assert [region.name for region in embargoed_countries()] == [
        "Cuba",
        "Iran",
        "North Korea",
        "Russia",
        "Syria",
    ]


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Quebec", "CA-QC"),
        ("Québec", "CA-QC"),
        ("QUÉBEC", "CA-QC"),
        ("qc", "CA-QC"),
        ("CA-QC", "CA-QC"),
        ("ca-qc", "CA-QC"),
        ("newfoundland and labrador", "CA-NL"),
    ],
)
def test_find_province(text: str, code: str) -> None:
    found = find_region(subdivisions("CA"), text)
    assert found is not None
    assert found.code == code


def test_no_two_regions_share_a_code_or_name() -> None:
    """So an exact lookup never depends on the order of the list."""
    for listed in (supported_countries() + embargoed_countries(), subdivisions("US")):
        for region in listed:
            assert find_region(listed, region.code) == region
            assert find_region(listed, region.name) == region
    assert find_region(subdivisions("US"), "CA") == Region("US-CA", "California")


def test_region_name_shows_a_stored_code_by_name() -> None:
    assert region_name(subdivisions("US"), "US-CA") == "California"
    assert region_name(supported_countries(), "GB") == "United Kingdom"
    assert region_name(supported_countries(), "XK") == "XK"


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("uk", ["GB", "UA"]),  # the alias exactly, then Ukraine by its start
        ("UK", ["GB", "UA"]),
        ("america", ["US", "AS"]),  # the alias exactly, then American Samoa
        ("amer", ["AS", "US", "CM"]),  # American Samoa, America (the US); then Cameroon
        ("cote", ["CI"]),
        ("côte", ["CI"]),
        ("ivory", ["CI"]),
        ("holland", ["NL"]),
        ("turk", ["TR", "TM", "TC"]),  # Türkiye, Turkmenistan, Turks & Caicos Islands
        ("united", ["AE", "GB", "US", "MX", "TZ", "UM", "VI"]),
        ("usa", ["US"]),
        ("ger", ["DE", "DZ", "NE", "NG"]),  # Germany; then Algeria, Niger, Nigeria
        ("ÅLAND", ["AX", "NZ"]),  # Åland Islands; then New Zealand
        ("russia", []),
        ("north korea", []),
    ],
)
def test_filter_countries(query: str, found: list[str]) -> None:
    assert codes(filter_regions(supported_countries(), query)) == found


@pytest.mark.parametrize("query", ["Quebec", "Québec", "queb", "QUE"])
def test_filter_provinces_ignores_accents(query: str) -> None:
    assert codes(filter_regions(subdivisions("CA"), query)) == ["CA-QC"]


@pytest.mark.parametrize("listed", [subdivisions("US"), tuple(reversed(subdivisions("US")))])
def test_filter_ranks_each_group_alphabetically(listed: tuple[Region, ...]) -> None:
    found = codes(filter_regions(listed, "ne"))
    assert found == [
        "US-NE",  # Nebraska's code
        *("US-NV", "US-NH", "US-NJ", "US-NM", "US-NY"),  # Nevada, New ...: names starting "ne"
        *("US-CT", "US-ME", "US-MN", "US-TN"),  # Connecticut, Maine, Minnesota, Tennessee
    ]
