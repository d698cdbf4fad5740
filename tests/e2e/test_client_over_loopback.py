"""The real HTTP client against the emulator on a real loopback socket."""

from __future__ import annotations

import pytest

from tests.support import secret_of
from tui import settings
from tui.demo import Demo
from tui.polar import errors
from tui.polar.client import CheckoutClient


def _client(demo: Demo) -> CheckoutClient:
    return CheckoutClient(demo.base_url, api_version=settings.API_VERSION, timeout=settings.TIMEOUT)


async def test_get_and_patch_round_trip(demo: Demo) -> None:
    secret = secret_of(demo.store, "us-business")
    client = _client(demo)
    try:
        session = await client.get(secret)
        assert session.status == "open"
        assert session.billing_address_fields is not None
        assert session.billing_address_fields["line1"] == "required"
        updated = await client.update(
            secret,
            {
                "customer_email": "ops@example.com",
                "customer_billing_address": {
                    "country": "us",
                    "line1": "1 Market St",
                    "city": "San Francisco",
                    "postal_code": "94105",
                    "state": "CA",
                },
            },
        )
    finally:
        await client.aclose()
    address = updated.customer_billing_address
    assert address is not None
    assert (address.country, address.state) == ("US", "US-CA")
    assert updated.customer_email == "ops@example.com"
    assert updated.tax_behavior == "exclusive"
    assert updated.tax_amount is not None
    assert updated.total_amount == (updated.net_amount or 0) + updated.tax_amount
    assert demo.store.get_json(secret)["customer_email"] == "ops@example.com"


@pytest.mark.parametrize(
    ("scenario", "body", "error_type"),
    [
        ("expired", None, errors.Expired),
        ("succeeded", {"customer_name": "x"}, errors.NotOpen),
        (
            "one-time",
            {"customer_billing_address": {"country": "US", "state": "PR"}},
            errors.Invalid,
        ),
    ],
)
async def test_errors_arrive_typed(
    demo: Demo, scenario: str, body: dict[str, object] | None, error_type: type[Exception]
) -> None:
    client = _client(demo)
    secret = secret_of(demo.store, scenario)
    request = client.get(secret) if body is None else client.update(secret, body)
    try:
        with pytest.raises(error_type):
            await request
    finally:
        await client.aclose()


async def test_unknown_secret_is_not_found(demo: Demo) -> None:
    client = _client(demo)
    try:
        with pytest.raises(errors.NotFound):
            await client.get("polar_c_" + "0" * 43)
    finally:
        await client.aclose()
