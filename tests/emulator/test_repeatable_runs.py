"""Deterministic runs: two fresh emulators given the same requests answer the same, secrets,
ids and customer session tokens included, so a tape or a bug report replays exactly."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import httpx

from tui.emulator.http.server import create_app
from tui.emulator.model.clock import FrozenClock, SystemClock
from tui.emulator.store import Store

from .support import BASE, CONFIRM_EMAIL, NOW

SCRIPT = ("one-time", "free", "one-time", "subscription", "free")
"""The scenarios of the sessions each run creates, in this order."""


async def run_script(store: Store) -> list[Any]:
    """Every answer of one run: sessions created, one updated and confirmed, the list after."""
    answers: list[Any] = []
    transport = httpx.ASGITransport(app=create_app(store))
    async with httpx.AsyncClient(transport=transport, base_url="http://emulator") as client:
        for scenario in SCRIPT:
            created = await client.post("/emulator/sessions", json={"scenario": scenario})
            answers.append(created.json())
        free = answers[1]["client_secret"]
        patched = await client.patch(f"{BASE}/{free}", json={"customer_name": "Ada"})
        confirmed = await client.post(
            f"{BASE}/{free}/confirm", json={"customer_email": CONFIRM_EMAIL}
        )
        listed = await client.get("/emulator/sessions")
        answers += [patched.json(), confirmed.json(), listed.json()]
    return answers


def secrets_of(answers: list[Any]) -> list[str]:
    return [answer["client_secret"] for answer in answers[: len(SCRIPT)]]


async def test_two_fresh_emulators_hand_out_the_same_secrets_and_answers() -> None:
    first = await run_script(Store(FrozenClock(NOW)))
    second = await run_script(Store(FrozenClock(NOW)))
    assert second == first
    secrets = secrets_of(first)
    assert len(set(secrets)) == len(SCRIPT)
    assert all(secret.startswith("polar_c_") and len(secret) == 51 for secret in secrets)
    confirmed = first[len(SCRIPT) + 1]
    assert confirmed["status"] == "confirmed"
    assert confirmed["customer_session_token"].startswith("polar_cst_")


async def test_secrets_and_ids_do_not_depend_on_the_time_of_the_run() -> None:
    frozen = await run_script(Store(FrozenClock(datetime(2030, 1, 1, tzinfo=UTC))))
    running = await run_script(Store(SystemClock()))
    assert secrets_of(running) == secrets_of(frozen)
    ids = [answer["id"] for answer in (frozen[len(SCRIPT)], running[len(SCRIPT)])]
    assert ids[0] == ids[1]
    tokens = {answer["customer_session_token"] for answer in (frozen[-2], running[-2])}
    assert len(tokens) == 1


async def test_a_reset_starts_the_count_again() -> None:
    store = Store(FrozenClock(NOW))
    before = await run_script(store)
    store.reset()
    assert secrets_of(await run_script(store)) == secrets_of(before)
