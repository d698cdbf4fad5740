"""`--set FIELD=VALUE`: the fields apply can set, and VALUE as JSON, else as text."""

from __future__ import annotations

import pytest

from tui.apply.values import Setting, UsageError, form_value, parse_settings


def test_settings_come_in_the_forms_order_so_a_country_precedes_its_state() -> None:
    settings = parse_settings(["state=CA", "customer_name=Ada", "country=US"])
    assert settings == (
        Setting("customer_name", "Ada"),
        Setting("country", "US"),
        Setting("state", "CA"),
    )


def test_value_is_everything_after_the_first_equals_sign() -> None:
    assert parse_settings(["customer_name= a=b "]) == (Setting("customer_name", " a=b "),)
    assert parse_settings(["customer_tax_id="]) == (Setting("customer_tax_id", ""),)


@pytest.mark.parametrize(
    ("item", "message"),
    [
        ("customer_name", "--set 'customer_name': write FIELD=VALUE"),
        ("=Ada", "--set '=Ada': write FIELD=VALUE"),
        ("frob=1", "--set 'frob': no such field. Fields apply can set: customer_name, "),
        ("custom_field_data.a b=x", "--set 'custom_field_data.a b': no such field."),
    ],
)
def test_what_apply_cannot_set_is_a_usage_error(item: str, message: str) -> None:
    with pytest.raises(UsageError) as raised:
        parse_settings([item])
    assert message in str(raised.value)


def test_the_usage_error_names_every_field_apply_can_set() -> None:
    with pytest.raises(UsageError) as raised:
        parse_settings(["zip=1"])
    assert str(raised.value).endswith(
        "Fields apply can set: customer_name, customer_email, country, line1, line2, "
        "postal_code, city, state, is_business_customer, customer_billing_name, "
        "customer_tax_id, product, amount, seats, units, discount_code, "
        "custom_field_data.SLUG."
    )


def test_the_sellers_questions_come_after_the_forms_fields() -> None:
    settings = parse_settings(["custom_field_data.plan=growth", "customer_name=Ada"])
    assert [setting.name for setting in settings] == [
        "customer_name",
        "custom_field_data.plan",
    ]


def test_a_field_set_twice_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match="--set city is given twice"):
        parse_settings(["city=Berlin", "city=Bonn"])


@pytest.mark.parametrize(
    ("raw", "value"),
    [
        ("Ada Lovelace", "Ada Lovelace"),
        ('"  Ada "', "  Ada "),
        ('"01234"', "01234"),
        ("01234", "01234"),
        ("10115", "10115"),
        ("12.50", "12.50"),
        ("true", "true"),
        ('{"a": 1}', '{"a": 1}'),
        ("", ""),
        ("null", ""),
    ],
)
def test_a_text_field_takes_a_json_string_and_anything_else_as_written(
    raw: str, value: str
) -> None:
    assert form_value(raw, "whatever is stored") == value


@pytest.mark.parametrize(
    ("raw", "value"),
    [("true", True), ("false", False), (" true ", True), ("", False), ("null", False)],
)
def test_a_flag_takes_true_or_false_and_empty_turns_it_off(raw: str, value: bool) -> None:
    assert form_value(raw, not value) is value


@pytest.mark.parametrize("raw", ["maybe", "1", '"true"', "yes"])
def test_a_flag_refuses_anything_else(raw: str) -> None:
    with pytest.raises(ValueError, match=r"^Takes true or false, not '"):
        form_value(raw, False)
