"""The store's API beyond Polar's routes (sessions, pay, expire, lock, block) and the events
every change publishes, read straight from a subscription (the socket tests are in
`test_emulator_stream`)."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import timedelta
from typing import Any
from uuid import UUID

import httpx
import pytest

from tui.emulator.http.server import create_app
from tui.emulator.listing import SessionEntry
from tui.emulator.model.clock import FrozenClock
from tui.emulator.rules.events import Subscription
from tui.emulator.rules.lifecycle import SUCCESS_DELAY, NotPayable
from tui.emulator.store import Store

from .support import BASE, CONFIRM_EMAIL, NOW, SCENARIO_NAMES, SCENARIOS, confirm, get_ok, patch_ok


def keys(subscription: Subscription) -> list[tuple[str, dict[str, str]]]:
    return [(p.event.key, dict(p.event.payload)) for p in subscription.drain()]


UPDATED_OPEN = [
    ("checkout.updated", {"status": "open"}),
    ("checkout.webhook_event_delivered", {"status": "open"}),
]


# -- listing and creating sessions ----------------------------------------------------------


def test_list_sessions_in_seed_order(store: Store, secrets: dict[str, str]) -> None:
    entries = store.list_sessions()
    assert [entry.scenario for entry in entries] == list(SCENARIO_NAMES)
    assert entries[0] == SessionEntry(
        "one-time",
        secrets["one-time"],
        "open",
        NOW + timedelta(hours=1),
        "Fieldnotes Pro",
        "$49.00 one-time",
    )
    assert entries[8].status == "expired"
    assert entries[9].status == "succeeded"


def test_create_session_gives_fresh_deterministic_sessions(store: Store) -> None:
    first = store.create_session("discount")
    second = store.create_session("discount")
    assert first.scenario == second.scenario == "discount"
    assert len({first.client_secret, second.client_secret}) == 2
    for entry in (first, second):
        assert re.fullmatch(r"polar_c_[A-Za-z0-9]{43}", entry.client_secret)
        assert (entry.status, entry.expires_at) == ("open", NOW + timedelta(hours=1))
    ids = {store.get_json(e.client_secret)["id"] for e in (first, second)}
    assert len(ids) == 2
    assert all(UUID(i).version == 4 for i in ids)
    assert store.list_sessions()[-2:] == [first, second]
    again = Store(FrozenClock(NOW))
    assert again.create_session("discount") == first
    with pytest.raises(KeyError):
        store.create_session("nope")


async def test_created_sessions_are_independent(
    client: httpx.AsyncClient, store: Store, secrets: dict[str, str]
) -> None:
    created = store.create_session("one-time").client_secret
    await patch_ok(client, created, {"customer_name": "Ada"})
    assert (await get_ok(client, secrets["one-time"]))["customer_name"] is None
    store.reset()
    assert created not in {entry.client_secret for entry in store.list_sessions()}
    assert len(store.list_sessions()) == len(SCENARIOS)


def test_store_seeds_the_scenarios_it_is_given() -> None:
    chosen = (SCENARIOS[3], SCENARIOS[0])
    store = Store(FrozenClock(NOW), scenarios=chosen)
    assert [entry.scenario for entry in store.list_sessions()] == ["free", "one-time"]
    assert [entry.name for entry in store.scenarios()] == ["free", "one-time"]


# -- pay, expire, lock, block --------------------------------------------------------------------


@pytest.mark.fidelity("payment-failed-reopens")
async def test_pay_confirms_now_and_succeeds_shortly_after(
    client: httpx.AsyncClient, store: Store, clock: FrozenClock, secrets: dict[str, str]
) -> None:
    secret = secrets["subscription"]
    listener = store.subscribe(secret)
    store.pay(secret)
    assert (await get_ok(client, secret))["status"] == "confirmed"
    assert keys(listener) == [
        ("checkout.updated", {"status": "confirmed"}),
        ("checkout.webhook_event_delivered", {"status": "confirmed"}),
    ]
    clock.advance(SUCCESS_DELAY)
    store.tick()
    assert keys(listener) == [
        ("checkout.subscription_created", {}),
        ("checkout.order_created", {}),
        ("checkout.updated", {"status": "succeeded"}),
        ("checkout.webhook_event_delivered", {"status": "succeeded"}),
    ]
    assert store.list_sessions()[1].status == "succeeded"
    with pytest.raises(NotPayable, match="is not open: succeeded"):
        store.pay(secret)
    assert issubclass(NotPayable, ValueError)


def test_pay_refuses_expired_and_unknown_sessions(store: Store, secrets: dict[str, str]) -> None:
    with pytest.raises(NotPayable, match="is not open: expired"):
        store.pay(secrets["expired"])
    with pytest.raises(KeyError):
        store.pay("polar_c_unknown")


async def test_expire_answers_410_at_once_and_publishes(
    client: httpx.AsyncClient, store: Store, secrets: dict[str, str]
) -> None:
    secret = secrets["one-time"]
    listener = store.subscribe(secret)
    store.expire(secret)
    for response in (
        await client.get(f"{BASE}/{secret}"),
        await client.patch(f"{BASE}/{secret}", json={}),
        await confirm(client, secret, {}),
        await client.get(f"{BASE}/{secret}/stream"),
    ):
        assert response.status_code == 410
    assert keys(listener) == [("checkout.updated", {"status": "expired"})]
    entry = store.list_sessions()[0]
    assert (entry.status, entry.expires_at) == ("expired", NOW - timedelta(seconds=1))
    with pytest.raises(KeyError):
        store.expire("polar_c_unknown")


@pytest.mark.fidelity("expiry-clock")
async def test_open_session_expires_on_the_clock_with_an_event(
    store: Store, clock: FrozenClock, secrets: dict[str, str]
) -> None:
    listener = store.subscribe(secrets["one-time"])
    clock.advance(timedelta(hours=1))
    store.tick()
    assert keys(listener) == []  # exactly at expires_at: still open
    clock.advance(timedelta(seconds=1))
    store.tick()
    assert keys(listener) == [("checkout.updated", {"status": "expired"})]


async def test_lock_refuses_writes_until_the_clock_passes(
    client: httpx.AsyncClient, store: Store, clock: FrozenClock, secrets: dict[str, str]
) -> None:
    secret = secrets["free"]
    store.lock(secret, 5)
    assert (await client.patch(f"{BASE}/{secret}", json={})).status_code == 409
    assert (await confirm(client, secret, {"customer_email": CONFIRM_EMAIL})).status_code == 409
    assert (await client.get(f"{BASE}/{secret}")).status_code == 200  # reads take no lock
    clock.advance(timedelta(seconds=4.9))
    assert (await client.patch(f"{BASE}/{secret}", json={})).status_code == 409
    clock.advance(timedelta(seconds=0.1))
    assert (await client.patch(f"{BASE}/{secret}", json={})).status_code == 200
    store.lock(secret, 60)
    store.reset()
    assert (await client.patch(f"{BASE}/{secret}", json={})).status_code == 200
    with pytest.raises(KeyError):
        store.lock("polar_c_unknown")


@pytest.mark.fidelity("not-permitted")
async def test_block_organization_refuses_every_route_of_its_sessions(
    client: httpx.AsyncClient, store: Store, secrets: dict[str, str]
) -> None:
    store.block_organization(secrets["one-time"])
    # `succeeded` is sold by the same organization; `free` is not.
    for secret in (secrets["one-time"], secrets["succeeded"]):
        for response in (
            await client.get(f"{BASE}/{secret}"),
            await client.patch(f"{BASE}/{secret}", json={}),
            await confirm(client, secret, {}),
            await client.get(f"{BASE}/{secret}/stream"),
        ):
            assert response.status_code == 403
            assert response.json() == {"error": "NotPermitted", "detail": "Not permitted"}
    assert (await client.get(f"{BASE}/{secrets['free']}")).status_code == 200
    store.block_organization(secrets["succeeded"], blocked=False)
    assert (await client.get(f"{BASE}/{secrets['one-time']}")).status_code == 200
    store.block_organization(secrets["one-time"])
    store.reset()
    assert (await client.get(f"{BASE}/{secrets['one-time']}")).status_code == 200
    with pytest.raises(KeyError):
        store.block_organization("polar_c_unknown")


SUCCEEDED_SUBSCRIPTION = [
    ("checkout.subscription_created", {}),
    ("checkout.order_created", {}),
    ("checkout.updated", {"status": "succeeded"}),
    ("checkout.webhook_event_delivered", {"status": "succeeded"}),
]


@pytest.mark.parametrize(
    "act",
    [
        lambda store, secret: store.lock(secret),
        lambda store, secret: store.block_organization(secret),
        lambda store, secret: store.block_organization(secret, blocked=False),
        lambda store, secret: store.edit(secret, customer_name="Ada"),
        lambda store, secret: store.expire(secret),
    ],
    ids=["lock", "block", "unblock", "edit", "expire"],
)
def test_every_qa_action_first_applies_what_the_clock_made_due(
    store: Store, clock: FrozenClock, secrets: dict[str, str], act: Any
) -> None:
    secret = secrets["subscription"]
    store.pay(secret)
    listener = store.subscribe(secret)
    clock.advance(SUCCESS_DELAY)
    act(store, secret)
    # Published by the action itself, not by some later read.
    assert keys(listener) == SUCCEEDED_SUBSCRIPTION


def test_an_edit_lands_on_the_session_as_it_stands_by_now(
    store: Store, clock: FrozenClock, secrets: dict[str, str]
) -> None:
    secret = secrets["one-time"]
    clock.advance(timedelta(hours=2))  # an hour past its expiry
    store.edit(secret, expires_at=clock.now() + timedelta(hours=1))
    # It expired an hour ago; moving its expiry later does not reopen it.
    assert store.session(secret).status == "expired"


# -- what each change publishes ---------------------------------------------------------------


@pytest.mark.fidelity("refusal-applies-nothing")
async def test_updates_publish_and_refusals_do_not(
    client: httpx.AsyncClient, store: Store, secrets: dict[str, str]
) -> None:
    secret = secrets["one-time"]
    listener = store.subscribe(secret)
    other = store.subscribe(secrets["free"])
    await patch_ok(client, secret, {"customer_name": "Ada"})
    assert keys(listener) == UPDATED_OPEN
    refused = await client.patch(f"{BASE}/{secret}", json={"amount": -1})
    assert refused.status_code == 422
    assert (await confirm(client, secret, {})).status_code == 422
    assert keys(listener) == []
    assert keys(other) == []
    listener.close()
    await patch_ok(client, secret, {"customer_name": "Grace"})
    assert keys(listener) == []


async def test_event_ids_are_numbered_from_one_again_after_reset(
    client: httpx.AsyncClient, store: Store, secrets: dict[str, str]
) -> None:
    secret = secrets["one-time"]
    listener = store.subscribe(secret)
    await patch_ok(client, secret, {})
    store.reset()
    await patch_ok(client, secret, {})
    ids = [str(published.id) for published in listener.drain()]
    assert ids == [
        "00000000-0000-4000-8000-000000000001",
        "00000000-0000-4000-8000-000000000002",
        "00000000-0000-4000-8000-000000000001",
        "00000000-0000-4000-8000-000000000002",
    ]


@pytest.mark.fidelity("stream-events")
async def test_one_time_success_publishes_no_subscription(
    client: httpx.AsyncClient, store: Store, clock: FrozenClock, secrets: dict[str, str]
) -> None:
    secret = secrets["free"]
    listener = store.subscribe(secret)
    assert (await confirm(client, secret, {"customer_email": CONFIRM_EMAIL})).status_code == 200
    clock.advance(SUCCESS_DELAY)
    await get_ok(client, secret)
    assert [key for key, _ in keys(listener)] == [
        "checkout.updated",
        "checkout.webhook_event_delivered",
        "checkout.order_created",
        "checkout.updated",
        "checkout.webhook_event_delivered",
    ]


async def test_an_organization_can_be_seeded_blocked() -> None:
    scenario = SCENARIOS[0]
    organization = replace(scenario.catalog.organization, blocked=True)
    blocked = replace(scenario, catalog=replace(scenario.catalog, organization=organization))
    store = Store(FrozenClock(NOW), scenarios=(blocked, SCENARIOS[3]))
    transport = httpx.ASGITransport(app=create_app(store))
    async with httpx.AsyncClient(transport=transport, base_url="http://emulator") as http:
        refused = await http.get(f"{BASE}/{scenario.client_secret}")
        assert (refused.status_code, refused.json()["error"]) == (403, "NotPermitted")
        assert (await http.get(f"{BASE}/{SCENARIOS[3].client_secret}")).status_code == 200
        store.block_organization(scenario.client_secret, blocked=False)
        assert (await http.get(f"{BASE}/{scenario.client_secret}")).status_code == 200
