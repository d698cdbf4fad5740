"""Field rules: what the form accepts is what Polar accepts, refused with Polar's words."""

from __future__ import annotations

from typing import Any

import email_validator
import pytest

from tui.domain import validation
from tui.domain.validation import (
    AddressValues,
    FieldMode,
    RuleError,
    billing_address_fields,
    check_address,
    check_customer_name,
    check_email,
    check_tax_id,
    clean_text,
    missing_address_parts,
)
from tui.polar.models import FieldError

REQ, OPT, OFF = FieldMode.REQUIRED, FieldMode.OPTIONAL, FieldMode.DISABLED


def _error(excinfo: pytest.ExceptionInfo[RuleError]) -> FieldError:
    return excinfo.value.error


# --- clean_text -------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (None, None),
        ("", None),
        ("   ", None),
        ("\t\n", None),
        ("  Ada Lovelace  ", "Ada Lovelace"),
        ("Ada  Lovelace", "Ada  Lovelace"),
    ],
)
def test_clean_text_trims_and_treats_empty_as_absent(raw: str | None, expected: str | None) -> None:
    assert clean_text(raw) == expected


# --- customer name ----------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("  Ada  ", "Ada"),
        ("", None),
        ("    ", None),
        ("x" * 256, "x" * 256),
        ("  " + "x" * 252 + "  ", "x" * 252),
    ],
)
def test_customer_name_accepted(raw: str, expected: str | None) -> None:
    assert check_customer_name(raw) == expected


# Polar's MaxLen(256) runs on the string as sent, before its trimming validator.
@pytest.mark.parametrize("raw", ["x" * 257, "y" * 1000, "  " + "x" * 256 + "  "])
def test_customer_name_over_256_is_refused(raw: str) -> None:
    with pytest.raises(RuleError) as excinfo:
        check_customer_name(raw)
    error = _error(excinfo)
    assert error.path == ("customer_name",)
    assert error.message == "String should have at most 256 characters"


# --- email ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("ada@example.com", "ada@example.com"),
        ("  ada@example.com  ", "ada@example.com"),
        ("ada@EXAMPLE.COM", "ada@example.com"),
        # The local part keeps its case: only the domain is normalized.
        ("Ada@Example.Com", "Ada@example.com"),
        ("", None),
        ("   ", None),
        (None, None),
    ],
)
def test_email_accepted_and_normalized(raw: str | None, expected: str | None) -> None:
    assert check_email(raw) == expected


@pytest.mark.parametrize(
    "raw",
    ["not-an-email", "ada@", "@example.com", "ada@example", "ada @example.com", "a@@b.com"],
)
def test_email_syntax_errors_use_polars_message(raw: str) -> None:
    with pytest.raises(RuleError) as excinfo:
        check_email(raw)
    error = _error(excinfo)
    assert error.path == ("customer_email",)
    assert error.message.startswith("value is not a valid email address: ")
    assert len(error.message) > len("value is not a valid email address: ")


def test_email_never_checks_deliverability(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[dict[str, Any]] = []
    real = email_validator.validate_email

    def spy(email: str, **kwargs: Any) -> Any:
        seen.append(kwargs)
        return real(email, **kwargs)

    monkeypatch.setattr(validation, "validate_email", spy)
    # A domain that cannot resolve: with a DNS check this would fail (or hang offline).
    assert check_email("ada@no-such-domain.invalid-tld-zz") == "ada@no-such-domain.invalid-tld-zz"
    assert seen == [{"check_deliverability": False}]


# --- address ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("parts", "expected"),
    [
        ({"country": "de"}, AddressValues("DE")),
        ({"country": "US", "state": "CA"}, AddressValues("US", state="US-CA")),
        ({"country": "us", "state": "CA"}, AddressValues("US", state="US-CA")),
        ({"country": "US", "state": "US-CA"}, AddressValues("US", state="US-CA")),
        ({"country": "US", "state": "DC"}, AddressValues("US", state="US-DC")),
        ({"country": "US", "state": " NY "}, AddressValues("US", state="US-NY")),
        ({"country": "CA", "state": "QC"}, AddressValues("CA", state="CA-QC")),
        ({"country": "CA", "state": "CA-YT"}, AddressValues("CA", state="CA-YT")),
        # Elsewhere the state is free text, kept as typed (trimmed).
        ({"country": "DE", "state": " Bavaria "}, AddressValues("DE", state="Bavaria")),
        ({"country": "GB", "state": "ca"}, AddressValues("GB", state="ca")),
        ({"country": "US", "state": "   "}, AddressValues("US")),
        (
            {
                "country": "US",
                "line1": " 1 Main St ",
                "line2": "  ",
                "city": " San Francisco ",
                "postal_code": " 94107 ",
                "state": "CA",
            },
            AddressValues(
                "US",
                line1="1 Main St",
                line2=None,
                postal_code="94107",
                city="San Francisco",
                state="US-CA",
            ),
        ),
    ],
)
def test_address_normalized_like_polar(
    parts: dict[str, str | None], expected: AddressValues
) -> None:
    assert check_address(parts) == expected


def test_country_is_upper_cased_but_not_trimmed_as_on_polar() -> None:
    with pytest.raises(RuleError) as excinfo:
        check_address({"country": "  fr "})
    assert _error(excinfo).path == ("customer_billing_address", "country")


@pytest.mark.parametrize("country", ["", None])
def test_address_without_country_is_refused(country: str | None) -> None:
    with pytest.raises(RuleError) as excinfo:
        check_address({"country": country, "city": "Berlin"})
    error = _error(excinfo)
    assert error.path == ("customer_billing_address", "country")
    assert error.message == "Field is required."
    assert error.kind == "missing"


@pytest.mark.parametrize("country", ["CU", "IR", "KP", "SY", "RU", "ru", "ir"])
def test_embargoed_countries_are_refused(country: str) -> None:
    with pytest.raises(RuleError) as excinfo:
        check_address({"country": country})
    assert _error(excinfo).path == ("customer_billing_address", "country")


@pytest.mark.parametrize("country", ["XX", "ZZ", "USA", "Germany", "1"])
def test_unknown_country_codes_are_refused(country: str) -> None:
    with pytest.raises(RuleError) as excinfo:
        check_address({"country": country})
    error = _error(excinfo)
    assert error.path == ("customer_billing_address", "country")
    assert error.message == "Input should be a supported country code"


@pytest.mark.parametrize(
    ("country", "state", "message"),
    [
        # The state is case-sensitive: `ca` becomes `US-ca` and is refused.
        ("US", "ca", "Value error, Invalid US state"),
        ("US", "us-ca", "Value error, Invalid US state"),
        ("US", "PR", "Value error, Invalid US state"),
        ("US", "US-PR", "Value error, Invalid US state"),
        ("US", "GU", "Value error, Invalid US state"),
        ("US", "VI", "Value error, Invalid US state"),
        ("US", "California", "Value error, Invalid US state"),
        ("CA", "XX", "Value error, Invalid CA subdivision"),
        ("CA", "qc", "Value error, Invalid CA subdivision"),
        ("CA", "CA-qc", "Value error, Invalid CA subdivision"),
        ("CA", "NY", "Value error, Invalid CA subdivision"),
    ],
)
def test_invalid_us_and_ca_states_are_refused(country: str, state: str, message: str) -> None:
    with pytest.raises(RuleError) as excinfo:
        check_address({"country": country, "state": state})
    error = _error(excinfo)
    assert error.path == ("customer_billing_address",)
    assert error.message == message


def test_address_as_dict_lists_every_part() -> None:
    address = AddressValues("US", line1="1 Main St", state="US-CA")
    assert address.as_dict() == {
        "country": "US",
        "state": "US-CA",
        "line1": "1 Main St",
        "line2": None,
        "postal_code": None,
        "city": None,
    }


# --- address modes ------------------------------------------------------------

COUNTRY_ONLY = {
    "country": REQ,
    "state": OFF,
    "line1": OFF,
    "line2": OFF,
    "city": OFF,
    "postal_code": OFF,
}
FULL_FREE_STATE = {
    "country": REQ,
    "state": OPT,
    "line1": REQ,
    "line2": OPT,
    "city": REQ,
    "postal_code": REQ,
}
FULL_WITH_STATE = {
    "country": REQ,
    "state": REQ,
    "line1": REQ,
    "line2": OPT,
    "city": REQ,
    "postal_code": REQ,
}
CA_CONSUMER = {
    "country": REQ,
    "state": REQ,
    "line1": OFF,
    "line2": OFF,
    "city": OFF,
    "postal_code": OFF,
}


@pytest.mark.parametrize(
    ("country", "business", "require", "method", "expected"),
    [
        pytest.param("DE", False, False, None, COUNTRY_ONLY, id="DE-consumer"),
        pytest.param(None, False, False, None, COUNTRY_ONLY, id="no-country"),
        pytest.param("DE", False, False, "card", COUNTRY_ONLY, id="DE-card"),
        pytest.param("US", False, False, None, FULL_WITH_STATE, id="US-consumer"),
        pytest.param("US", True, True, "upi", FULL_WITH_STATE, id="US-everything"),
        pytest.param("CA", False, False, None, CA_CONSUMER, id="CA-consumer"),
        pytest.param("CA", True, False, None, FULL_WITH_STATE, id="CA-business"),
        pytest.param("DE", True, False, None, FULL_FREE_STATE, id="DE-business"),
        pytest.param("DE", False, True, None, FULL_FREE_STATE, id="DE-require-address"),
        pytest.param("IN", False, False, "upi", FULL_FREE_STATE, id="IN-upi"),
        pytest.param(None, True, False, None, FULL_FREE_STATE, id="business-no-country"),
    ],
)
def test_billing_address_fields(
    country: str | None,
    business: bool,
    require: bool,
    method: str | None,
    expected: dict[str, FieldMode],
) -> None:
    modes = billing_address_fields(
        country=country,
        is_business=business,
        require_billing_address=require,
        payment_method_type=method,
    )
    assert modes == expected


# --- missing parts ------------------------------------------------------------


def test_missing_parts_lists_each_required_empty_part() -> None:
    missing = missing_address_parts(AddressValues("US", line2="Apt 4"), FULL_WITH_STATE)
    assert [error.path for error in missing] == [
        ("customer_billing_address", "state"),
        ("customer_billing_address", "line1"),
        ("customer_billing_address", "postal_code"),
        ("customer_billing_address", "city"),
    ]
    assert {error.message for error in missing} == {"Field is required."}
    assert {error.kind for error in missing} == {"missing"}


def test_missing_parts_ignores_optional_and_disabled_parts() -> None:
    assert missing_address_parts(AddressValues("DE"), COUNTRY_ONLY) == []
    full = AddressValues("DE", line1="Str 1", postal_code="10115", city="Berlin")
    assert missing_address_parts(full, FULL_FREE_STATE) == []


def test_missing_parts_without_address_reports_country() -> None:
    missing = missing_address_parts(None, COUNTRY_ONLY)
    assert [error.path for error in missing] == [("customer_billing_address", "country")]


# --- tax ID -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "country", "expected"),
    [
        ("DE 136 695 976", "DE", "DE136695976"),
        ("DE136695976", "DE", "DE136695976"),
        ("  DE136695976 ", "DE", "DE136695976"),
        ("", "DE", None),
        ("   ", None, None),
        (None, None, None),
    ],
)
def test_tax_id_accepted_as_compact_number(
    raw: str | None, country: str | None, expected: str | None
) -> None:
    assert check_tax_id(raw, country) == expected


@pytest.mark.parametrize("country", [None, ""])
def test_tax_id_without_country_points_at_the_address(country: str | None) -> None:
    with pytest.raises(RuleError) as excinfo:
        check_tax_id("DE136695976", country)
    error = _error(excinfo)
    assert error.path == ("customer_billing_address",)
    assert error.message == "Country is required to validate tax ID."
    assert error.kind == "missing"


@pytest.mark.parametrize(
    ("raw", "country"),
    [("DE136695977", "DE"), ("DE123", "DE"), ("hello", "DE"), ("123456789", "FR")],
)
def test_invalid_tax_id_is_refused(raw: str, country: str) -> None:
    with pytest.raises(RuleError) as excinfo:
        check_tax_id(raw, country)
    error = _error(excinfo)
    assert error.path == ("customer_tax_id",)
    assert error.message == "Invalid tax ID."
