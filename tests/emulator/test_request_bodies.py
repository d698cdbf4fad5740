"""Every PATCH body the app sends validates against Polar's `CheckoutUpdatePublic`.

The bodies are the app's own: a `Draft` as the form holds it, `check` and `diff`
against the session parsed from the emulator (`tui.domain.draft`), sent by the
app's `CheckoutClient` over ASGI. The bytes it actually sends are recorded and
validated against the contract document, with unknown keys refused (Polar
would silently drop a misspelt key). Then the emulator must accept the body,
and the saved session must leave nothing more to send.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

import httpx
import pytest

from tui.domain.form import FormState
from tui.emulator.http.server import create_app
from tui.emulator.rules.body import CheckoutUpdatePublic
from tui.emulator.store import Store
from tui.polar.client import CheckoutClient
from tui.polar.models import CheckoutPublic
from tui.settings import API_VERSION

from .contract_schemas import request_body_problems
from .support import GERMAN_ADDRESS, GERMAN_VAT_ID


class Recording(httpx.AsyncBaseTransport):
    """A transport that keeps the JSON body of every request it passes on."""

    def __init__(self, inner: httpx.AsyncBaseTransport) -> None:
        self.inner = inner
        self.bodies: list[Any] = []

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        content = await request.aread()
        if content:
            self.bodies.append(json.loads(content))
        return await self.inner.handle_async_request(request)


@dataclass(frozen=True)
class Case:
    scenario: str
    typed: dict[str, Any]
    """What the user typed into the draft, field by field."""
    expected: dict[str, Any]
    """The PATCH body the app must send for it."""
    before: list[dict[str, Any]] = field(default_factory=list)
    """Updates that put the session in the state the case starts from."""


GERMAN_BUSINESS = {
    "is_business_customer": True,
    "customer_billing_name": " Mustermann Consulting GmbH ",
    "customer_tax_id": "DE 136 695 976",
    "country": "de",
    "line1": "Friedrichstraße 123",
    "postal_code": "10117",
    "city": "Berlin",
}
CALIFORNIA = {
    "country": "US",
    "state": "CA",
    "line1": "1 Market Street",
    "postal_code": "94105",
    "city": "San Francisco",
}
SAVED_BUSINESS = {
    "is_business_customer": True,
    "customer_billing_address": GERMAN_ADDRESS,
    "customer_billing_name": "Muster GmbH",
    "customer_tax_id": GERMAN_VAT_ID,
}

CASES = {
    "name": Case(
        "one-time",
        {"customer_name": "  Erika Mustermann "},
        {"customer_name": "Erika Mustermann"},
    ),
    "email": Case(
        "one-time",
        {"customer_email": " erika@Example.DE "},
        {"customer_email": "erika@example.de"},
    ),
    "german-business-with-vat": Case(
        "one-time",
        GERMAN_BUSINESS,
        {
            "is_business_customer": True,
            "customer_billing_name": "Mustermann Consulting GmbH",
            "customer_tax_id": GERMAN_VAT_ID,
            "customer_billing_address": GERMAN_ADDRESS,
        },
    ),
    "us-address-state-ca": Case(
        "one-time",
        CALIFORNIA,
        {"customer_billing_address": {**CALIFORNIA, "state": "US-CA"}},
    ),
    "us-business-ein": Case(
        "us-business",
        {**CALIFORNIA, "is_business_customer": True, "customer_tax_id": "91-1144442"},
        {
            "is_business_customer": True,
            "customer_tax_id": "911144442",
            "customer_billing_address": {**CALIFORNIA, "state": "US-CA"},
        },
    ),
    "clearing-name": Case(
        "subscription",
        {"customer_name": "   "},
        {"customer_name": None},
        before=[{"customer_name": "Ada Lovelace"}],
    ),
    "business-off": Case(
        "one-time",
        {"is_business_customer": False},
        {"is_business_customer": False},
        before=[SAVED_BUSINESS],
    ),
    "address-change-sends-the-whole-address": Case(
        "one-time",
        {"postal_code": "10115"},
        {"customer_billing_address": {**GERMAN_ADDRESS, "postal_code": "10115"}},
        before=[SAVED_BUSINESS],
    ),
    # A consumer outside the US sees only the country: the parts it hides are not sent.
    "country-change-leaves-hidden-parts-out": Case(
        "one-time",
        {"country": "FR"},
        {"customer_billing_address": {"country": "FR"}},
        before=[{"customer_billing_address": GERMAN_ADDRESS}],
    ),
}


def _body_typed_over(session: CheckoutPublic, typed: dict[str, Any]) -> dict[str, Any]:
    """What the form would send with these values typed over the session."""
    form = FormState()
    form.loaded(session, form.send())
    for name, value in typed.items():
        form.edit(name, value)
    view = form.view()
    assert not view.blocking, {name: view.fields[name].message for name in view.blocking}
    return dict(view.body)


@pytest.mark.parametrize("name", CASES)
async def test_the_app_sends_valid_bodies(name: str, store: Store, secrets: dict[str, str]) -> None:
    case = CASES[name]
    secret = secrets[case.scenario]
    for body in case.before:
        store.update(secret, CheckoutUpdatePublic.model_validate(body))
    session = CheckoutPublic.model_validate(store.get_json(secret))
    body = _body_typed_over(session, case.typed)
    assert body == case.expected
    assert request_body_problems(body) == []

    recording = Recording(httpx.ASGITransport(app=create_app(store)))
    polar = CheckoutClient(
        "http://emulator", api_version=API_VERSION, timeout=httpx.Timeout(5), transport=recording
    )
    try:
        saved = await polar.update(secret, body)
    finally:
        await polar.aclose()
    assert recording.bodies == [case.expected]
    assert request_body_problems(recording.bodies[0]) == []
    # Saved: the form as the app then shows it (the server's values, with what was typed
    # on top) has nothing left to send.
    assert _body_typed_over(saved, case.typed) == {}


BAD_BODIES: dict[str, tuple[dict[str, Any], str]] = {
    "misspelt-key": (
        {"customer_billing_adress": GERMAN_ADDRESS},
        "$.customer_billing_adress: not a key of CheckoutUpdatePublic",
    ),
    "misspelt-address-key": (
        {"customer_billing_address": {**GERMAN_ADDRESS, "zip": "10117"}},
        "$.customer_billing_address.zip: not a key of AddressInput",
    ),
    "lower-case-country": (
        {"customer_billing_address": {"country": "de"}},
        "$.customer_billing_address.country: 'de' is not one of ['AD', ",
    ),
    "address-without-country": (
        {"customer_billing_address": {"line1": "Friedrichstraße 123"}},
        "$.customer_billing_address: 'country' is a required property",
    ),
    "bad-email": ({"customer_email": "erika"}, "$.customer_email: 'erika' is not a 'email'"),
    "long-name": ({"customer_name": "x" * 257}, "$.customer_name: 'xxxxxxx"),
    "zero-seats": ({"seats": 0}, "$.seats: 0 is less than the minimum of 1"),
    "not-a-uuid4": (
        {"product_id": "6ba7b810-9dad-11d1-80b4-00c04fd430c8"},
        "$.product_id: '6ba7b810-9dad-11d1-80b4-00c04fd430c8' is not a 'uuid4'",
    ),
    "trial-on": ({"allow_trial": True}, "$.allow_trial: False was expected"),
}


@pytest.mark.parametrize("name", BAD_BODIES)
def test_the_body_check_refuses_what_polar_would_not_take(name: str) -> None:
    body, expected = BAD_BODIES[name]
    problems = request_body_problems(body)
    assert len(problems) == 1, problems
    assert problems[0].startswith(expected), problems
