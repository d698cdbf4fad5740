"""A session's locale follows the organization's `checkout_localization_enabled`, as on Polar.

Polar's `server/polar/checkout/service.py` (`create` at line 704, `_update_checkout` at
2413, at the mirror's HEAD c6c3645e): unless the organization's
`feature_settings["checkout_localization_enabled"]` is on (off by default), the
locale is written as "en" when a session is created and on every update and confirm,
whatever was sent. With it on, the locale is what the
merchant created the session with (null if nothing), then what the customer
sends (null clears it; an absent key changes nothing). Among the built-in
scenarios only `jpy`'s organization (Sakura Sound Works) opts in.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx
import pytest

from tui.emulator.model.clock import FrozenClock
from tui.emulator.seed.loader import load_scenarios
from tui.emulator.store import Store

from .support import CONFIRM_EMAIL, confirm, patch_ok
from .test_scenario_file import write_json

CREATED = {
    # built-in scenario: its locale when seeded (each created with none, but `jpy` with "ja")
    "one-time": "en",
    "free": "en",
    "custom-fields": "en",
    "jpy": "ja",
}


@pytest.mark.parametrize(("name", "locale"), CREATED.items())
def test_a_seeded_session_starts_with(store: Store, name: str, locale: str) -> None:
    secret = next(e.client_secret for e in store.scenarios() if e.name == name)
    assert store.get_json(secret)["locale"] == locale
    created = store.create_session(name).client_secret
    assert store.get_json(created)["locale"] == locale


UPDATES: list[tuple[str, dict[str, Any], str | None]] = [
    # (scenario, update body, locale after it)
    ("one-time", {"locale": "de"}, "en"),
    ("one-time", {"locale": "fr-CA"}, "en"),
    ("one-time", {"locale": None}, "en"),
    ("one-time", {"customer_name": "Ada"}, "en"),
    ("jpy", {"locale": "de"}, "de"),
    ("jpy", {"locale": "en-gb"}, "en-GB"),  # in its canonical case
    ("jpy", {"locale": None}, None),
    ("jpy", {"customer_name": "Ada"}, "ja"),  # absent: no change
]


@pytest.mark.parametrize(("name", "body", "locale"), UPDATES)
async def test_an_update_leaves_the_locale(
    client: httpx.AsyncClient,
    secrets: dict[str, str],
    name: str,
    body: dict[str, Any],
    locale: str | None,
) -> None:
    session = await patch_ok(client, secrets[name], body)
    assert session["locale"] == locale


@pytest.mark.fidelity("locale")
async def test_an_update_writes_en_over_a_locale_stored_before(
    client: httpx.AsyncClient, store: Store, secrets: dict[str, str]
) -> None:
    """A session stored with another locale (seeded by hand) gets "en" on its next update."""
    secret = secrets["one-time"]
    store.edit(secret, locale="de")
    assert (await patch_ok(client, secret, {}))["locale"] == "en"


CONFIRMS: list[tuple[str, dict[str, Any], str]] = [
    ("free", {"locale": "fr"}, "en"),
    ("jpy", {"locale": "fr", "customer_billing_address": {"country": "JP"},
             "confirmation_token_id": "ctoken_1"}, "fr"),
]  # fmt: skip


@pytest.mark.parametrize(("name", "body", "locale"), CONFIRMS)
async def test_a_confirm_leaves_the_locale(
    client: httpx.AsyncClient,
    secrets: dict[str, str],
    name: str,
    body: dict[str, Any],
    locale: str,
) -> None:
    response = await confirm(client, secrets[name], {"customer_email": CONFIRM_EMAIL, **body})
    assert response.status_code == 200, response.text
    assert response.json()["locale"] == locale


FILE: dict[str, Any] = {
    "organizations": [
        {"slug": "plain", "name": "Plain"},
        {"slug": "local", "name": "Local", "checkout_localization_enabled": True},
    ],
    "products": [
        {"key": key, "organization": key, "name": key, "prices": [
            {"amount_type": "free", "currency": "usd"}]}
        for key in ("plain", "local")
    ],
    "sessions": [
        {"name": "plain-asks-fr", "product": "plain", "locale": "fr"},
        {"name": "local-asks-fr", "product": "local", "locale": "fr"},
        {"name": "local-asks-nothing", "product": "local"},
    ],
}  # fmt: skip


@pytest.mark.fidelity("locale")
def test_a_scenario_files_switch(tmp_path: Path, clock: FrozenClock) -> None:
    store = Store(clock, scenarios=load_scenarios(write_json(tmp_path, FILE)))
    locales = {e.name: store.get_json(e.client_secret)["locale"] for e in store.scenarios()}
    assert locales == {"plain-asks-fr": "en", "local-asks-fr": "fr", "local-asks-nothing": None}
