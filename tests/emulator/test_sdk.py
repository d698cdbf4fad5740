"""The official `polar-sdk` (1.0.2) against the emulator, over a real loopback socket.

The SDK takes no custom httpx client or transport, only a `base_url`, so it talks
to a `RunningEmulator`. It sends `Polar-Version` (2026-04, 2026-10 or 2027-01, by module)
and a bearer token, as it does to api.polar.sh.

Success: every field the SDK's dataclasses declare must hold what the emulator
sent (`assert_parsed_faithfully`), and each union (prices, discounts, custom
fields) must land on the right class (both in `sdk_support`).
Errors: each must raise the SDK's own exception type for it.
Tests of what the emulator may not have yet (the confirm route, `Store.lock`,
`Store.block_organization`) skip, by a condition checked at collection, when it
lacks them.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from polar.base import PolarClientError, PolarRateLimitError, PolarServerError
from polar.v2026_04 import errors as sdk_errors
from polar.v2026_04 import outputs as sdk_outputs
from polar.v2026_04.client import Polar as Polar2026_04
from polar.v2026_10.client import Polar as Polar2026_10
from polar.v2027_01.client import Polar as Polar2027_01

from tui.emulator.http.server import create_app
from tui.emulator.model.clock import FrozenClock
from tui.emulator.rules.versions import for_version
from tui.emulator.run.background import RunningEmulator
from tui.emulator.store import Store

from .conftest import ContractGuard
from .contract_responses import ContractViolation
from .sdk_support import TOKEN, assert_parsed_faithfully, assert_union_classes, secret_of
from .support import GERMAN_ADDRESS, GERMAN_VAT_ID, NEW_YORK_ADDRESS, NOW, TIP_JAR

Sdk = Polar2026_04 | Polar2026_10 | Polar2027_01
UNKNOWN_SECRET = "polar_c_" + "Z" * 43


def _has_route(suffix: str) -> bool:
    """Whether the emulator serves `/v1/checkouts/client/{client_secret}<suffix>`."""
    app = create_app(Store(FrozenClock(NOW)))
    return any(
        getattr(route, "path", None) == "/v1/checkouts/client/{client_secret}" + suffix
        for route in app.routes
    )


def _seeded() -> tuple[list[str], tuple[str, str] | None]:
    """The seeded scenarios a GET serves, and (scenario, product id) of a unit-based product."""
    store = Store(FrozenClock(NOW))
    entries = store.scenarios()
    unit_based = [
        (entry.name, product["id"])
        for entry in entries
        for product in store.get_json(entry.client_secret)["products"]
        if any(price["amount_type"] == "unit_based" for price in product["prices"])
    ]
    names = [entry.name for entry in entries if entry.status != "expired"]
    return names, (unit_based[0] if unit_based else None)


SEEDED, UNIT_PRODUCT = _seeded()
HAS_CONFIRM = _has_route("/confirm")
needs_confirm = pytest.mark.skipif(not HAS_CONFIRM, reason="the emulator has no confirm route yet")
needs_lock = pytest.mark.skipif(not hasattr(Store, "lock"), reason="Store.lock is not there yet")
needs_block = pytest.mark.skipif(
    not hasattr(Store, "block_organization"), reason="Store.block_organization is not there yet"
)

# -- the emulator and the SDK --------------------------------------------------------------


@pytest.fixture(scope="module")
def frozen() -> FrozenClock:
    return FrozenClock(NOW)


@pytest.fixture(scope="module")
def emulator(frozen: FrozenClock) -> Iterator[RunningEmulator]:
    with RunningEmulator(Store(frozen)) as running:
        yield running


@pytest.fixture
def live(emulator: RunningEmulator, frozen: FrozenClock) -> RunningEmulator:
    """The module's emulator, back at NOW with freshly seeded sessions."""
    frozen.set(NOW)
    emulator.store.reset()
    return emulator


@pytest.fixture
def fresh() -> Iterator[RunningEmulator]:
    """An emulator of its own (rate limits and locks start from nothing)."""
    with RunningEmulator(Store(FrozenClock(NOW))) as running:
        yield running


@pytest.fixture
def sdk(live: RunningEmulator) -> Iterator[Polar2026_04]:
    with Polar2026_04(TOKEN, base_url=live.base_url, timeout=10) as polar:
        yield polar


# -- success: every answer parses ------------------------------------------------------------


@pytest.mark.parametrize(
    "version", [Polar2026_04, Polar2026_10, Polar2027_01], ids=["2026-04", "2026-10", "2027-01"]
)
@pytest.mark.parametrize("name", SEEDED)
def test_get_parses_every_scenario(live: RunningEmulator, version: type[Sdk], name: str) -> None:
    secret = secret_of(live, name)
    with version(TOKEN, base_url=live.base_url, timeout=10) as polar:
        session = polar.checkouts.client_get(secret)
        # The body as the version in use writes it (2027-01 reshapes seat-based prices).
        raw = for_version(live.store.get_json(secret), polar.version)
    assert type(session).__name__ == "CheckoutPublic"
    assert (session.client_secret, session.status) == (secret, raw["status"])
    assert session.url == f"{live.base_url}/checkout/{secret}"
    assert_parsed_faithfully(session, raw)
    assert_union_classes(session, raw)


UPDATES: dict[str, tuple[str, dict[str, Any]]] = {
    "percentage": (
        "discount",
        {"discount_code": "LAUNCH20", "customer_billing_address": NEW_YORK_ADDRESS},
    ),
    "fixed": ("discount", {"discount_code": "FIVEOFF"}),
    "german-business": (
        "one-time",
        {
            "is_business_customer": True,
            "customer_billing_address": GERMAN_ADDRESS,
            "customer_billing_name": "Muster GmbH",
            "customer_tax_id": GERMAN_VAT_ID,
            "customer_name": "Erika Mustermann",
            "customer_email": "erika@example.de",
        },
    ),
    "seats": ("seats", {"seats": 12}),
    "tip-jar": ("jpy", {"product_id": str(TIP_JAR.id), "amount": 0}),
    "no-trial": (
        "subscription",
        {"allow_trial": False, "customer_billing_address": {"country": "FR"}},
    ),
    "pwyw": ("pay-what-you-want", {"amount": 2500, "customer_name": None}),
}
if UNIT_PRODUCT is not None:
    UPDATES["units"] = (UNIT_PRODUCT[0], {"product_id": UNIT_PRODUCT[1], "units": 250})
UPDATES["custom-fields"] = (
    "custom-fields",
    {"custom_field_data": {"team_name": "Night Owls", "start_date": "2026-09-01", "terms": False}},
)


@pytest.mark.parametrize("case", UPDATES)
def test_update_parses(sdk: Polar2026_04, live: RunningEmulator, case: str) -> None:
    name, body = UPDATES[case]
    secret = secret_of(live, name)
    session = sdk.checkouts.client_update(secret, **body)
    raw = live.store.get_json(secret)
    assert session.modified_at == raw["modified_at"] == "2026-05-01T12:00:00Z"
    assert_parsed_faithfully(session, raw)
    assert_union_classes(session, raw)


@pytest.mark.fidelity("update")
def test_update_values_land(sdk: Polar2026_04, live: RunningEmulator) -> None:
    body: dict[str, Any] = {
        "discount_code": "launch20",
        "customer_billing_address": NEW_YORK_ADDRESS,
    }
    session = sdk.checkouts.client_update(secret_of(live, "discount"), **body)
    assert session.discount is not None
    assert session.discount.code == "LAUNCH20"
    assert isinstance(session.discount, sdk_outputs.CheckoutDiscountPercentageOnceForeverDuration)
    assert session.discount.basis_points == 2000
    assert (session.amount, session.discount_amount) == (7900, 1580)
    address = session.customer_billing_address
    assert address is not None
    assert (address.country, address.state) == ("US", "US-NY")


@needs_confirm
def test_confirm_parses(fresh: RunningEmulator) -> None:
    secret = secret_of(fresh, "free")
    with Polar2026_04(TOKEN, base_url=fresh.base_url, timeout=10) as polar:
        confirmed = polar.checkouts.client_confirm(
            secret, customer_name="Ada Lovelace", customer_email="ada@example.com"
        )
    assert type(confirmed) is sdk_outputs.CheckoutPublicConfirmed
    assert confirmed.status == "confirmed"
    assert isinstance(confirmed.customer_session_token, str)
    assert confirmed.customer_session_token
    assert (confirmed.client_secret, confirmed.total_amount) == (secret, 0)
    assert confirmed.is_payment_form_required is False
    assert (confirmed.customer_name, confirmed.customer_email) == (
        "Ada Lovelace",
        "ada@example.com",
    )


@needs_confirm
def test_confirm_with_custom_fields_parses(fresh: RunningEmulator) -> None:
    secret = secret_of(fresh, "custom-fields")
    data: dict[str, Any] = {"team_name": "Night Owls", "company_size": 12, "terms": True}
    with Polar2026_04(TOKEN, base_url=fresh.base_url, timeout=10) as polar:
        confirmed = polar.checkouts.client_confirm(
            secret, customer_email="ada@example.com", custom_field_data=data
        )
    assert type(confirmed) is sdk_outputs.CheckoutPublicConfirmed
    assert confirmed.custom_field_data == {
        "team_name": "Night Owls",
        "company_size": 12,
        "terms": True,
    }
    assert_parsed_faithfully(
        confirmed,
        fresh.store.get_json(secret) | {"customer_session_token": confirmed.customer_session_token},
    )
    fields = confirmed.attached_custom_fields or []
    assert [(f.custom_field.slug, f.order, f.required) for f in fields] == [
        ("team_name", 0, True), ("notes", 1, False), ("company_size", 2, False),
        ("start_date", 3, False), ("plan", 4, False), ("terms", 5, True),
    ]  # fmt: skip
    plan = fields[4].custom_field
    assert isinstance(plan, sdk_outputs.CustomFieldSelect)
    assert [(o.value, o.label) for o in plan.properties.options] == [
        ("starter", "Starter"), ("growth", "Growth"), ("scale", "Scale"),
    ]  # fmt: skip


# -- errors: each has the SDK's own type ------------------------------------------------------


@pytest.mark.fidelity("error-bodies")
def test_unknown_secret_is_resource_not_found(sdk: Polar2026_04) -> None:
    with pytest.raises(sdk_errors.ResourceNotFound) as read:
        sdk.checkouts.client_get(UNKNOWN_SECRET)
    with pytest.raises(sdk_errors.ResourceNotFound) as written:
        sdk.checkouts.client_update(UNKNOWN_SECRET, customer_name="Ada")
    for raised in (read.value, written.value):
        assert raised.status_code == 404
        assert (raised.error.error, raised.error.detail) == ("ResourceNotFound", "Not found")


@pytest.mark.fidelity("error-bodies")
def test_expired_session_is_expired_checkout_error(
    sdk: Polar2026_04, live: RunningEmulator
) -> None:
    secret = secret_of(live, "expired")
    with pytest.raises(sdk_errors.ExpiredCheckoutError) as read:
        sdk.checkouts.client_get(secret)
    with pytest.raises(sdk_errors.ExpiredCheckoutError) as written:
        sdk.checkouts.client_update(secret, customer_name="Ada")
    for raised in (read.value, written.value):
        assert raised.status_code == 410
        assert raised.error.detail == "This checkout session has expired."


def test_update_of_a_succeeded_session_is_the_update_403(
    sdk: Polar2026_04, live: RunningEmulator
) -> None:
    secret = secret_of(live, "succeeded")
    with pytest.raises(sdk_errors.CheckoutsClientUpdate403Error) as raised:
        sdk.checkouts.client_update(secret, customer_name="Someone Else")
    error = raised.value.error
    assert type(error) is sdk_outputs.NotOpenCheckout
    session_id = live.store.get_json(secret)["id"]
    assert (error.error, error.detail) == (
        "NotOpenCheckout",
        f"Checkout {session_id} is not open: succeeded",
    )


@pytest.mark.fidelity("error-bodies")
@needs_lock
def test_update_of_a_locked_session_is_checkout_locked(
    sdk: Polar2026_04, live: RunningEmulator
) -> None:
    secret = secret_of(live, "one-time")
    live.store.lock(secret, 30)  # type: ignore[attr-defined, unused-ignore]
    with pytest.raises(sdk_errors.CheckoutLocked) as raised:
        sdk.checkouts.client_update(secret, customer_name="Ada")
    assert raised.value.status_code == 409
    assert raised.value.error.detail == "Checkout is currently being processed. Please try again."


@pytest.mark.fidelity("error-bodies")
@needs_block
def test_a_blocked_organization_is_not_permitted(sdk: Polar2026_04, live: RunningEmulator) -> None:
    """GET has its own 403 type; update folds NotPermitted into its 403 union."""
    secret = secret_of(live, "one-time")
    live.store.block_organization(secret, True)  # type: ignore[attr-defined, unused-ignore]
    with pytest.raises(sdk_errors.NotPermitted) as read:
        sdk.checkouts.client_get(secret)
    with pytest.raises(sdk_errors.CheckoutsClientUpdate403Error) as written:
        sdk.checkouts.client_update(secret, customer_name="Ada")
    assert type(written.value.error) is sdk_outputs.NotPermitted
    for raised in (read.value, written.value):
        assert raised.status_code == 403
        assert (raised.error.error, raised.error.detail) == ("NotPermitted", "Not permitted")


def test_invalid_update_is_http_validation_error(sdk: Polar2026_04, live: RunningEmulator) -> None:
    with pytest.raises(sdk_errors.HTTPValidationError) as raised:
        sdk.checkouts.client_update(secret_of(live, "pay-what-you-want"), amount=400)
    assert raised.value.status_code == 422
    assert raised.value.error.detail is not None
    (item,) = raised.value.error.detail
    assert (item.loc, item.msg, item.type) == (
        ["body", "amount"],
        "Amount is below minimum.",
        "greater_than_equal",
    )


def test_refused_custom_fields_are_http_validation_error(
    sdk: Polar2026_04, live: RunningEmulator
) -> None:
    with pytest.raises(sdk_errors.HTTPValidationError) as raised:
        sdk.checkouts.client_update(
            secret_of(live, "custom-fields"),
            custom_field_data={"company_size": 0, "plan": "enterprise"},
        )
    assert raised.value.status_code == 422
    assert [(i.loc, i.msg, i.type) for i in raised.value.error.detail or []] == [
        (["body", "custom_field_data", "company_size"],
         "Input should be greater than or equal to 1", "greater_than_equal"),
        (["body", "custom_field_data", "plan"],
         "Input should be 'starter', 'growth' or 'scale'", "literal_error"),
    ]  # fmt: skip


@needs_confirm
def test_too_many_confirms_is_polar_rate_limit_error(fresh: RunningEmulator) -> None:
    """Polar allows 6 confirms a minute: the 7th is a 429 with Retry-After."""
    secret = secret_of(fresh, "free")
    body: dict[str, Any] = {"customer_name": "Ada Lovelace", "customer_email": "ada@example.com"}
    with Polar2026_04(TOKEN, base_url=fresh.base_url, timeout=10) as polar:
        for _ in range(6):
            try:
                polar.checkouts.client_confirm(secret, **body)
            except PolarRateLimitError:  # pragma: no cover - the failure this test is about
                pytest.fail("rate limited before the 7th confirm")
            except PolarClientError:
                pass  # after the first, the session is no longer open: 403
        with pytest.raises(PolarRateLimitError) as raised:
            polar.checkouts.client_confirm(secret, **body)
    assert raised.value.status_code == 429
    assert isinstance(raised.value.retry_after, int)
    assert raised.value.retry_after > 0


def test_server_failure_is_polar_server_error(
    sdk: Polar2026_04, live: RunningEmulator, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(client_secret: str) -> dict[str, Any]:
        raise RuntimeError("the database went away")

    monkeypatch.setattr(live.store, "read", broken)
    with pytest.raises(PolarServerError) as raised:
        sdk.checkouts.client_get(secret_of(live, "one-time"))
    assert raised.value.status_code == 500
    assert "Internal Server Error" in raised.value.message


def test_the_sdk_answers_are_contract_checked_too(
    sdk: Polar2026_04,
    live: RunningEmulator,
    monkeypatch: pytest.MonkeyPatch,
    contract_guard: ContractGuard,
) -> None:
    """The SDK's own httpx client gets the hook: a bad answer fails before the SDK parses it."""
    read = live.store.read

    def corrupted(client_secret: str) -> dict[str, Any]:
        return {**read(client_secret), "total_amount": "49.00"}

    monkeypatch.setattr(live.store, "read", corrupted)
    with pytest.raises(ContractViolation, match=r"\$\.total_amount: '49\.00' is not of type"):
        sdk.checkouts.client_get(secret_of(live, "one-time"))
    assert len(contract_guard.take()) == 1
