"""The field table: errors land under the field the user can fix, whether local or from a
422, and tapes name fields as the table does."""

from __future__ import annotations

import pytest

from tui.domain.fields import (
    BY_NAME,
    CUSTOMER_FIELDS,
    FIELDS,
    FORM_FIELDS,
    GENERAL,
    field_for,
    is_tape_field,
    readable,
)


@pytest.mark.parametrize(
    ("path", "message", "field"),
    [
        (("customer_name",), "String should have at most 256 characters", "customer_name"),
        (("customer_email",), "value is not a valid email address: x", "customer_email"),
        (("customer_tax_id",), "Invalid tax ID.", "customer_tax_id"),
        (("customer_billing_name",), "Field is required.", "customer_billing_name"),
        (("is_business_customer",), "Input should be a valid boolean", "is_business_customer"),
        (("customer_billing_address", "postal_code"), "Field is required.", "postal_code"),
        (("customer_billing_address", "line1"), "Field is required.", "line1"),
        (("customer_billing_address", "line2"), "Field is required.", "line2"),
        (("customer_billing_address", "city"), "Field is required.", "city"),
        (("customer_billing_address", "state"), "Field is required.", "state"),
        (("customer_billing_address", "country"), "Input should be 'AD', 'AE'", "country"),
        (("customer_billing_address",), "Value error, Invalid US state", "state"),
        (("customer_billing_address",), "Value error, Invalid CA subdivision", "state"),
        (("customer_billing_address",), "Country is required to validate tax ID.", "country"),
        (("customer_billing_address",), "Full billing address is required.", "country"),
        (("amount",), "Amount is below minimum.", "amount"),
        (("discount_code",), "Discount does not exist.", "discount_code"),
        (("discount_id",), "Discount is no longer redeemable.", "discount_code"),
        (("product_id",), "Product is not available in this checkout.", "product"),
        (("product_price_id",), "Price is archived.", "product"),
        (("seats",), "Minimum 2 seats required.", "seats"),
        (("units",), "Minimum 2 units required.", "units"),
        (("custom_field_data", "team_name"), "Field required", "custom_field_data.team_name"),
        (("customer_billing_address", "country", 0), "Input should be 'AD'", "country"),
        (("locale",), "Invalid locale.", GENERAL),
        ((), "Something went wrong.", GENERAL),
        ((0,), "Input should be a valid dictionary", GENERAL),
    ],
)
def test_field_for_maps_paths_to_form_fields(
    path: tuple[str | int, ...], message: str, field: str
) -> None:
    assert field_for(path, message) == field


def test_every_field_it_returns_is_a_form_field() -> None:
    paths = [
        ("customer_billing_address", part)
        for part in ("country", "line1", "line2", "postal_code", "city", "state")
    ]
    for path in paths:
        assert field_for(path, "Field is required.") in CUSTOMER_FIELDS


@pytest.mark.parametrize(
    ("message", "shown"),
    [
        ("Value error, Invalid US state", "Invalid US state."),
        ("Value error, Invalid CA subdivision", "Invalid CA subdivision."),
        ("Invalid tax ID.", "Invalid tax ID."),
        ("Field is required.", "Field is required."),
        ("String should have at most 256 characters", "String should have at most 256 characters."),
    ],
)
def test_readable_drops_the_pydantic_prefix(message: str, shown: str) -> None:
    assert readable(message) == shown
    assert "Value error" not in readable(message)


def test_the_table_holds_every_field_of_the_tape_contract() -> None:
    assert [spec.name for spec in FIELDS] == [
        "customer_name",
        "customer_email",
        "country",
        "line1",
        "line2",
        "postal_code",
        "city",
        "state",
        "is_business_customer",
        "customer_billing_name",
        "customer_tax_id",
        "product",
        "amount",
        "seats",
        "units",
        "discount_code",
    ]
    assert BY_NAME["country"].body == "customer_billing_address.country"
    assert BY_NAME["product"].body == "product_id"
    assert set(FORM_FIELDS) <= set(BY_NAME)


@pytest.mark.parametrize(
    ("name", "known"),
    [
        ("customer_tax_id", True),
        ("custom_field_data.team_name", True),
        ("custom_field_data.start-date", True),
        ("custom_field_data.", False),
        ("custom_field_data.a b", False),
        ("zip", False),
        ("Customer_name", False),
    ],
)
def test_tape_field_names(name: str, known: bool) -> None:
    assert is_tape_field(name) is known
