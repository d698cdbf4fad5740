"""schemathesis against the emulator on a real loopback socket, from Polar's OpenAPI contract.

For each operation of the vendored document (read, update, confirm: the stream and the
`opened` ping are not in it), 25 requests schemathesis generates from the document
(`schemathesis_contract.schemathesis_document`: its unions resolved by discriminator and the
answers polar-api.md section 5 adds), valid ones and, for the writes, another 25 that break the
schema. Each goes to one of the seeded sessions (any status: open, expired, succeeded) or to
the secret schemathesis made up. Every answer must pass `schemathesis_contract.CHECKS`: no
5xx, a documented status, its content type and schema, and the contract hook's own verdict.

Bounded for CI: 25 examples a case, derandomized (the same requests every run), no shrinking
and no example database; a fresh emulator per case, so a case's examples never depend on
another's. Each request comes from a client of its own (`True-Client-IP`), so Polar's confirm
rate limit (6 a minute per client) does not turn the run into 429s. Marked `slow` (about 7 s):
the default run leaves it out, and `.ci/run` runs it after the suite (`pytest -m slow`).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from tui.emulator.model.clock import FrozenClock
from tui.emulator.run.background import RunningEmulator
from tui.emulator.store import Store

from .support import NOW

if TYPE_CHECKING:
    from schemathesis import Case

EXAMPLES = 25
BOUNDED = settings(
    max_examples=EXAMPLES,
    derandomize=True,
    database=None,
    deadline=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=[HealthCheck.too_slow],
)
SESSION = "/v1/checkouts/client/{client_secret}"
CASES = [
    ("GET", SESSION, "positive"),
    ("PATCH", SESSION, "positive"),
    ("PATCH", SESSION, "negative"),
    ("POST", f"{SESSION}/confirm", "positive"),
    ("POST", f"{SESSION}/confirm", "negative"),
]
"""A read has no body: nothing of it can break the schema, so it has no negative case."""


@pytest.fixture
def emulator() -> Iterator[RunningEmulator]:
    with RunningEmulator(Store(FrozenClock(NOW))) as running:
        yield running


@pytest.mark.slow
@pytest.mark.parametrize(
    ("method", "path", "mode"),
    CASES,
    ids=[f"{method}{path.removeprefix(SESSION)}-{mode}" for method, path, mode in CASES],
)
def test_generated_requests_get_answers_polar_allows(
    emulator: RunningEmulator, method: str, path: str, mode: str
) -> None:
    from .schemathesis_contract import CHECKS, Tally, cases

    secrets = [entry.client_secret for entry in emulator.store.scenarios()]
    tally = Tally()
    checks = [tally.counted(check) for check in CHECKS]
    clients = itertools.count(1)

    @BOUNDED
    @given(case=cases(method, path, mode), secret=st.sampled_from([*secrets, None]))
    def run(case: Case[Any], secret: str | None) -> None:
        if secret is not None:
            case.path_parameters = {"client_secret": secret}
        number = next(clients)
        client = {"True-Client-IP": f"10.0.{number // 250}.{number % 250 + 1}"}
        response = case.call(base_url=emulator.base_url, headers=client, timeout=10)
        tally.examples += 1
        tally.statuses[response.status_code] += 1
        case.validate_response(response, checks=checks)

    run()
    print(
        f"{method} {path} ({mode}): {tally.examples} examples, statuses "
        f"{dict(sorted(tally.statuses.items()))}, checks {dict(tally.checks)}"
    )
    assert tally.examples == EXAMPLES
    assert tally.checks == dict.fromkeys(tally.checks, EXAMPLES)
    assert len(tally.checks) == len(CHECKS)
