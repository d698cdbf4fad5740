"""What differs between the API versions the emulator serves, in a checkout's answer.

2026-04 and 2026-10 are Polar's own (`server/polar/version.py`) and answer alike:
Polar marks no checkout field or route as added or removed in a version. 2027-01
is newer than the mirrored server code; the official SDKs' `v2027_01` models
are its contract, and on checkout routes they change one thing: a seat-based
price describes its tiers as every tiered price does (`ProductPriceSeatBased`:
`tiers` = `{"type", "tiers": [{"bound", "unit_amount"}]}` with `minimum_units`
and `maximum_units` beside it) instead of `seat_tiers`. A tier's `bound` is its
last seat (null: no limit); its rate is a decimal written as a string, as
unit-based prices write theirs.
"""

from __future__ import annotations

from typing import Any, Final

TIERS_EVERYWHERE: Final = "2027-01"
"""The first version in which seat-based prices carry `tiers`."""


def for_version(body: Any, version: str) -> Any:
    """`body` (a `CheckoutPublic` or `CheckoutPublicConfirmed`) as `version` writes it."""
    if version < TIERS_EVERYWHERE:
        return body
    return _retiered(body)


def _retiered(node: Any) -> Any:
    if isinstance(node, list):
        return [_retiered(item) for item in node]
    if not isinstance(node, dict):
        return node
    if node.get("amount_type") == "seat_based" and "seat_tiers" in node:
        return _seat_price(node)
    return {key: _retiered(value) for key, value in node.items()}


def _seat_price(price: dict[str, Any]) -> dict[str, Any]:
    seat_tiers = price["seat_tiers"]
    body = {key: value for key, value in price.items() if key != "seat_tiers"}
    body["tiers"] = {
        "type": seat_tiers["seat_tier_type"],
        "tiers": [
            {"bound": tier["max_seats"], "unit_amount": str(tier["price_per_seat"])}
            for tier in seat_tiers["tiers"]
        ],
    }
    body["minimum_units"] = seat_tiers["minimum_seats"]
    body["maximum_units"] = seat_tiers["maximum_seats"]
    return body
