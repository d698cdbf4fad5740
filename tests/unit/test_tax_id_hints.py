"""The line under the tax ID field: the formats a country takes, and whose number was typed."""

from __future__ import annotations

import json
from typing import Any

import pycountry
import pytest

from tests.fixtures import TAX_ID_GOLDEN
from tui.domain import tax_id_hints
from tui.domain.tax_id import supported_tax_id_countries, validate_tax_id
from tui.domain.tax_id_hints import NEEDS_COUNTRY, TaxIdFormat, accepted_formats, tax_id_hint

# --- what each country accepts ---------------------------------------------------------


@pytest.mark.parametrize(
    ("country", "hint"),
    [
        ("US", "Accepted: EIN (12-3456789)"),
        ("DE", "Accepted: German VAT (DE136695976) or any EU VAT number"),
        ("GB", "Accepted: VAT (GB980780684)"),
        ("FR", "Accepted: French VAT (FR40303265045) or any EU VAT number"),
        ("AU", "Accepted: ABN (51 824 753 556)"),
        ("CA", "Accepted: GST/HST (123026635 RT0001), BN (123026635)"),
        ("CH", "Accepted: UID (CHE-100.155.212), VAT (CHE-100.155.212 MWST)"),
        ("JP", "Accepted: Corporate Number (5835678256246)"),
        ("IN", "Accepted: GSTIN (27AAPFU0939F1ZV)"),
        ("BR", "Accepted: CNPJ (16.727.230/0001-97), CPF (390.533.447-05)"),
        ("GR", "Accepted: Greek VAT (EL094259216) or any EU VAT number"),
        ("NO", "Accepted: VAT (NO995525828MVA)"),
    ],
)
def test_empty_field_lists_the_countrys_formats(country: str, hint: str) -> None:
    assert tax_id_hint(country, "") == hint
    assert tax_id_hint(country, "   ") == hint


def test_accepted_formats_name_each_format() -> None:
    assert accepted_formats("US") == [
        TaxIdFormat("US", "us_ein", "US EIN", "EIN", "12-3456789"),
    ]
    assert accepted_formats("DE") == [
        TaxIdFormat("DE", "eu_vat", "German VAT", "German VAT", "DE136695976"),
    ]
    assert accepted_formats("CA") == [
        TaxIdFormat("CA", "ca_gst_hst", "Canadian GST/HST", "GST/HST", "123026635 RT0001"),
        TaxIdFormat("CA", "ca_bn", "Canadian BN", "BN", "123026635"),
    ]
    assert [entry.name for entry in accepted_formats("GB")] == ["UK VAT"]
    assert [entry.name for entry in accepted_formats("AU")] == ["Australian ABN"]
    assert [entry.name for entry in accepted_formats("CH")] == ["Swiss UID", "Swiss VAT"]


def test_every_example_is_valid_for_its_country_and_format() -> None:
    checked = 0
    for country in supported_tax_id_countries():
        for entry in accepted_formats(country):
            assert entry.country == country
            assert validate_tax_id(entry.example, country)[1] == entry.format, entry
            checked += 1
    assert checked == 67  # 64 countries; Brazil, Canada and Switzerland take two formats


def test_formats_are_listed_exactly_for_the_countries_polar_can_check() -> None:
    listing = {
        country.alpha_2 for country in pycountry.countries if accepted_formats(country.alpha_2)
    }
    assert listing == supported_tax_id_countries()


def test_every_countrys_line_fits_under_the_field() -> None:
    for country in supported_tax_id_countries():
        assert len(tax_id_hint(country, "")) <= 60, country


@pytest.mark.parametrize(
    ("country", "hint"),
    [
        ("NZ", "Polar accepts no tax ID for New Zealand."),
        ("ZA", "Polar accepts no tax ID for South Africa."),
    ],
)
def test_country_polar_takes_no_tax_id_for(country: str, hint: str) -> None:
    assert tax_id_hint(country, "") == hint
    assert tax_id_hint(country, "12345") == hint


@pytest.mark.parametrize("country", [None, ""])
def test_no_country_yet(country: str | None) -> None:
    assert NEEDS_COUNTRY == "Pick the country first: accepted tax IDs depend on it."
    assert tax_id_hint(country, "") == NEEDS_COUNTRY
    assert tax_id_hint(country, "DE136695976") == NEEDS_COUNTRY


# --- a valid or unknown value keeps the list ----------------------------------------------


@pytest.mark.parametrize(
    ("country", "value", "hint"),
    [
        ("DE", "DE 136 695 976", "Accepted: German VAT (DE136695976) or any EU VAT number"),
        # Any member state takes another's VAT number.
        ("FR", "de136695976", "Accepted: French VAT (FR40303265045) or any EU VAT number"),
        ("US", "12-3456789", "Accepted: EIN (12-3456789)"),
        ("US", "garbage", "Accepted: EIN (12-3456789)"),
        ("DE", "DE13669597", "Accepted: German VAT (DE136695976) or any EU VAT number"),
        ("JP", "!!??", "Accepted: Corporate Number (5835678256246)"),
    ],
)
def test_valid_or_unknown_value_keeps_the_list(country: str, value: str, hint: str) -> None:
    assert tax_id_hint(country, value) == hint


# --- a number of another country ------------------------------------------------------------


@pytest.mark.parametrize(
    ("country", "value", "hint"),
    [
        (
            "US",
            "DE136695976",
            "This is a German VAT number; the billing country is United States.",
        ),
        ("DE", "12-3456789", "This is a US EIN; the billing country is Germany."),
        ("DE", "123456789", "This is a US EIN; the billing country is Germany."),
        (
            "GB",
            "de 136 695 976",
            "This is a German VAT number; the billing country is United Kingdom.",
        ),
        ("DE", "GB 980 7806 84", "This is a UK VAT number; the billing country is Germany."),
        (
            "US",
            "CHE-100.155.212",
            "This is a Swiss UID; the billing country is United States.",
        ),
        (
            "US",
            "51 824 753 556",
            "This is an Australian ABN; the billing country is United States.",
        ),
        ("FR", "16.727.230/0001-97", "This is a Brazilian CNPJ; the billing country is France."),
        ("AU", "27AAPFU0939F1ZV", "This is an Indian GSTIN; the billing country is Australia."),
        ("CA", "EL094259216", "This is a Greek VAT number; the billing country is Canada."),
        ("NZ", "12-3456789", "This is a US EIN; the billing country is New Zealand."),
        ("US", "30-71234567-1", "This is an Argentine CUIT; the billing country is United States."),
    ],
)
def test_number_of_another_country_says_whose(country: str, value: str, hint: str) -> None:
    assert tax_id_hint(country, value) == hint


def test_digits_that_may_still_become_the_billing_countrys_number_are_not_claimed() -> None:
    # Nine digits may be a Swiss UID, but also the first nine of a Brazilian CPF being typed.
    assert tax_id_hints._claim("390.533.447", "DE") is not None
    assert tax_id_hint("BR", "390.533.447") == tax_id_hint("BR", "")
    # Once it is longer than any Brazilian number, it is no longer Brazil's.
    assert tax_id_hint("US", "16.727.230/0001-97").startswith("This is a Brazilian CNPJ")


def test_of_the_nine_digit_numbers_the_ein_is_claimed_first() -> None:
    # A valid Canadian BN, and as valid an EIN: the far more common one is named.
    assert tax_id_hint("DE", "123026635") == "This is a US EIN; the billing country is Germany."


def test_numbers_any_digits_of_the_right_length_pass_are_not_claimed() -> None:
    # South Korea's BRN, Iceland's VSK, Hong Kong's BR: nearly any 10, 5 or 8 digits.
    for value in ("116-82-00276", "00621", "12345678"):
        assert tax_id_hint("DE", value) == tax_id_hint("DE", "")


def _accepted_golden_cases() -> list[Any]:
    cases: list[dict[str, Any]] = json.loads(TAX_ID_GOLDEN.read_text(encoding="utf-8"))
    never_claimed = {"AE", "GE", "HK", "IS", "KR", "MU"}
    return [
        pytest.param(case, id=f"{case['country']}-{case['input']}")
        for case in cases
        if case["status"] == 200 and case["country"] not in never_claimed
    ]


@pytest.mark.parametrize("case", _accepted_golden_cases())
def test_every_number_polar_accepts_is_claimed_for_a_country_that_accepts_it(
    case: dict[str, Any],
) -> None:
    billing = "US" if case["format"] == "eu_vat" else "DE"
    claimed = tax_id_hints._claim(case["input"], billing)
    assert claimed is not None
    assert validate_tax_id(case["input"], claimed.country)[1] == claimed.format
