"""Countries and subdivisions as Polar accepts them."""

from __future__ import annotations

import pytest

from tui.domain import regions
from tui.domain.regions import (
    Region,
    filter_regions,
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


def test_supported_countries_are_sorted_by_english_name() -> None:
    countries = supported_countries()
    names = [region.name for region in countries]
    assert names == sorted(names)
    assert Region("DE", "Germany") in countries


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
