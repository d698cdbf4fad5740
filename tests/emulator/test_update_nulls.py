"""A `null` in an update is written as null, as Polar's update copies every key it was sent.

Polar's `CheckoutService._update_checkout` checks `seats` and `units` only when they
are not null, then copies the body's set keys onto the checkout, null included
(`server/polar/checkout/service.py:2402` at the mirror's HEAD c6c3645e, the
`model_dump(exclude_unset=True, ...)` loop); a null `allow_trial` then means no trial
(`server/polar/models/checkout.py:451`, `if not self.allow_trial`).
"""

from __future__ import annotations

import httpx
import pytest

from .support import UNITS_SWITCH, get_ok, patch_ok


@pytest.mark.fidelity("body-null")
async def test_null_seats_are_written_as_null_and_the_amount_stays(
    client: httpx.AsyncClient, secrets: dict[str, str]
) -> None:
    secret = secrets["seats"]
    twelve = await patch_ok(client, secret, {"seats": 12})
    assert (twelve["seats"], twelve["amount"]) == (12, 14_400)  # 12 x $12.00
    cleared = await patch_ok(client, secret, {"seats": None})
    assert (cleared["seats"], cleared["amount"]) == (None, 14_400)
    assert (await get_ok(client, secret))["seats"] is None
    # A body without the key leaves it alone.
    kept = await patch_ok(client, secret, {"seats": 5})
    assert (await patch_ok(client, secret, {"customer_name": "Ada"}))["seats"] == kept["seats"] == 5


@pytest.mark.fidelity("body-null")
async def test_null_units_with_a_product_switch_are_written_as_null(
    client: httpx.AsyncClient, secrets: dict[str, str]
) -> None:
    """The switch starts the units at the price's minimum (10 credits, $5.00), then the copy
    writes the null sent."""
    session = await patch_ok(client, secrets["seats"], {**UNITS_SWITCH, "units": None})
    assert (session["units"], session["seats"], session["amount"]) == (None, None, 500)


@pytest.mark.fidelity("body-null")
async def test_null_allow_trial_is_written_as_null_and_ends_the_trial(
    client: httpx.AsyncClient, secrets: dict[str, str]
) -> None:
    secret = secrets["subscription"]
    before = await get_ok(client, secret)
    assert (before["allow_trial"], before["active_trial_interval"]) == (True, "day")
    session = await patch_ok(client, secret, {"allow_trial": None})
    assert session["allow_trial"] is None
    assert (session["active_trial_interval"], session["active_trial_interval_count"]) == (
        None,
        None,
    )
    assert session["trial_end"] is None
