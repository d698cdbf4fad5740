"""What the tests of the official `polar-sdk` share: the faithful-parse check and the classes
each union must land on (by name: each version module of the SDK has its own classes)."""

from __future__ import annotations

import dataclasses
from typing import Any

from tui.emulator.run.background import RunningEmulator

TOKEN = "polar_oat_emulator_dummy"


def secret_of(emulator: RunningEmulator, name: str) -> str:
    return next(e.client_secret for e in emulator.store.scenarios() if e.name == name)


PRICE_CLASSES = {
    "fixed": "ProductPriceFixed",
    "custom": "ProductPriceCustom",
    "seat_based": "ProductPriceSeatBased",
    "metered_unit": "ProductPriceMeteredUnit",
    "unit_based": "ProductPriceUnitBased",
}
"""The SDK's class for each `amount_type` (by name: each version module has its own classes)."""
DISCOUNT_CLASSES = {
    ("percentage", "once"): "CheckoutDiscountPercentageOnceForeverDuration",
    ("percentage", "forever"): "CheckoutDiscountPercentageOnceForeverDuration",
    ("percentage", "repeating"): "CheckoutDiscountPercentageRepeatDuration",
    ("fixed", "once"): "CheckoutDiscountFixedOnceForeverDuration",
    ("fixed", "forever"): "CheckoutDiscountFixedOnceForeverDuration",
    ("fixed", "repeating"): "CheckoutDiscountFixedRepeatDuration",
}
CUSTOM_FIELD_CLASSES = {
    "text": "CustomFieldText",
    "number": "CustomFieldNumber",
    "date": "CustomFieldDate",
    "checkbox": "CustomFieldCheckbox",
    "select": "CustomFieldSelect",
}


def assert_parsed_faithfully(parsed: Any, raw: Any, where: str = "$") -> None:
    """Every field of the SDK's objects equals what the JSON said (keys it lacks may be extra)."""
    if dataclasses.is_dataclass(parsed) and not isinstance(parsed, type):
        assert isinstance(raw, dict), f"{where}: {raw!r} parsed into {type(parsed).__name__}"
        for field in dataclasses.fields(parsed):
            value = getattr(parsed, field.name)
            if field.name in raw:
                assert_parsed_faithfully(value, raw[field.name], f"{where}.{field.name}")
            else:
                assert value is None, f"{where}.{field.name}: {value!r} from no key"
    elif isinstance(parsed, list):
        assert isinstance(raw, list), where
        assert len(parsed) == len(raw), where
        for index, (item, raw_item) in enumerate(zip(parsed, raw, strict=True)):
            assert_parsed_faithfully(item, raw_item, f"{where}[{index}]")
    elif isinstance(parsed, dict):
        assert isinstance(raw, dict), where
        assert parsed.keys() == raw.keys(), where
        for key, value in parsed.items():
            assert_parsed_faithfully(value, raw[key], f"{where}.{key}")
    else:
        assert parsed == raw, f"{where}: parsed {parsed!r}, sent {raw!r}"


def assert_union_classes(session: Any, raw: dict[str, Any]) -> None:
    """The price, discount and custom field unions picked the branch the JSON's discriminators
    name."""
    prices = [(session.product_price, raw["product_price"])]
    prices += [
        (price, raw_price)
        for product, raw_product in zip(session.products, raw["products"], strict=True)
        for price, raw_price in zip(product.prices, raw_product["prices"], strict=True)
    ]
    for price, raw_price in prices:
        assert type(price).__name__ == PRICE_CLASSES[raw_price["amount_type"]]
    if raw["discount"] is None:
        assert session.discount is None
    else:
        key = (raw["discount"]["type"], raw["discount"]["duration"])
        assert type(session.discount).__name__ == DISCOUNT_CLASSES[key]
    fields = session.attached_custom_fields or []
    for field, raw_field in zip(fields, raw["attached_custom_fields"] or [], strict=True):
        custom_field = raw_field["custom_field"]
        assert type(field.custom_field).__name__ == CUSTOM_FIELD_CLASSES[custom_field["type"]]
        assert type(field.custom_field.properties).__name__ == (
            CUSTOM_FIELD_CLASSES[custom_field["type"]] + "Properties"
        )
