"""Errors land under the field the user can fix, whether local or from a 422."""

from __future__ import annotations

import pytest

from tui.domain.field_errors import FORM_FIELDS, GENERAL, field_for, readable


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
        (("amount",), "Amount is below minimum.", GENERAL),
        (("discount_code",), "Discount does not exist.", GENERAL),
        (("product_id",), "Product is not available in this checkout.", GENERAL),
        (("seats",), "Minimum 2 seats required.", GENERAL),
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
        assert field_for(path, "Field is required.") in FORM_FIELDS


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
