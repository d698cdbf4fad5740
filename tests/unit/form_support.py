"""Sessions and a typing helper for the form-state tests."""

from __future__ import annotations

from typing import Any

from tui.domain.form import FormState
from tui.polar.models import CheckoutPublic

US_ADDRESS = {
    "country": "US",
    "state": "US-CA",
    "line1": "1 Main St",
    "line2": None,
    "city": "San Francisco",
    "postal_code": "94107",
}
DE_ADDRESS = {"country": "DE", "line1": "Hauptstr. 1", "city": "Berlin", "postal_code": "10115"}


def session(**values: Any) -> CheckoutPublic:
    return CheckoutPublic.model_validate(values)


def consumer() -> CheckoutPublic:
    return session(
        customer_name="Ada Lovelace",
        customer_email="ada@example.com",
        customer_billing_address=US_ADDRESS,
    )


def business() -> CheckoutPublic:
    return session(
        customer_name="Ada Lovelace",
        customer_email="ada@example.com",
        is_business_customer=True,
        customer_billing_name="Analytical Engines GmbH",
        customer_tax_id="DE136695976",
        customer_billing_address=DE_ADDRESS,
    )


def form_over(current: CheckoutPublic, **typed: str | bool) -> FormState:
    """A form showing the session, with these values typed over it, in this order."""
    form = FormState()
    assert form.loaded(current, form.send())
    for name, value in typed.items():
        form.edit(name, value)
    return form


def body_for(current: CheckoutPublic, **typed: str | bool) -> dict[str, Any]:
    """What Submit would send; fails if a typed value blocks the save."""
    view = form_over(current, **typed).view()
    assert not view.blocking, {name: view.fields[name].message for name in view.blocking}
    return dict(view.body)


def message(form: FormState, name: str) -> str:
    return form.view().fields[name].message
