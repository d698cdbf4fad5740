"""`polar-checkout apply` against the emulator: the form's checks and minimal update, without
a screen; what it prints, and what the emulator stored."""

from __future__ import annotations

import json

import pytest

from tests.support import secret_of
from tui.demo import Demo

from .running import apply, header, masked

ADDRESS_PARTS = ("country", "line1", "line2", "postal_code", "city", "state")
US_SETTINGS = (
    "--set",
    "country=United States",
    "--set",
    "state=CA",
    "--set",
    "line1=1 Main St",
    "--set",
    "city=San Francisco",
    "--set",
    "postal_code=94107",
)


def stored_address(demo: Demo, secret: str) -> dict[str, str | None]:
    address = demo.store.get_json(secret)["customer_billing_address"] or {}
    return {part: address.get(part) for part in ADDRESS_PARTS}


def test_a_valid_change_is_stored_and_said_old_to_new_with_the_new_totals(
    demo: Demo, capsys: pytest.CaptureFixture[str]
) -> None:
    secret = secret_of(demo.store, "one-time")
    ran = apply(
        capsys,
        secret,
        "--server",
        demo.base_url,
        "--set",
        "customer_email=ada@EXAMPLE.com",
        "--set",
        "customer_name= Ada Lovelace ",
        "--set",
        "country=Germany",
    )
    assert ran.code == 0, ran.err
    assert ran.lines == [
        header(demo, secret),
        'customer_name: — → "Ada Lovelace"',
        'customer_email: — → "ada@example.com"',
        'country: — → "DE"',
        "Subtotal $49.00",
        "Tax $7.82 included",
        "Total $49.00",
        "applied",
    ]
    assert ran.err == ""
    stored = demo.store.get_json(secret)
    assert stored["customer_name"] == "Ada Lovelace"
    assert stored["customer_email"] == "ada@example.com"
    assert stored_address(demo, secret) == {
        "country": "DE",
        "line1": None,
        "line2": None,
        "postal_code": None,
        "city": None,
        "state": None,
    }
    assert stored["tax_amount"] == 782


def test_one_address_part_sends_the_whole_address(
    demo: Demo, capsys: pytest.CaptureFixture[str]
) -> None:
    secret = secret_of(demo.store, "one-time")
    assert apply(capsys, secret, "--server", demo.base_url, *US_SETTINGS).code == 0
    ran = apply(capsys, secret, "--server", demo.base_url, "--set", "city=Oakland")
    assert ran.code == 0, ran.err
    assert ran.lines[1] == 'city: "San Francisco" → "Oakland"'
    assert stored_address(demo, secret) == {
        "country": "US",
        "line1": "1 Main St",
        "line2": None,
        "postal_code": "94107",
        "city": "Oakland",
        "state": "US-CA",
    }


def test_a_country_change_replaces_the_address_and_says_what_goes(
    demo: Demo, capsys: pytest.CaptureFixture[str]
) -> None:
    secret = secret_of(demo.store, "one-time")
    assert apply(capsys, secret, "--server", demo.base_url, *US_SETTINGS).code == 0
    ran = apply(capsys, secret, "--server", demo.base_url, "--set", "country=DE")
    assert ran.code == 0, ran.err
    assert ran.lines[1:6] == [
        'country: "US" → "DE"',
        'line1: "1 Main St" → —',
        'postal_code: "94107" → —',
        'city: "San Francisco" → —',
        'state: "US-CA" → —',
    ]
    assert stored_address(demo, secret)["country"] == "DE"
    assert stored_address(demo, secret)["line1"] is None


def test_a_local_error_sends_nothing(demo: Demo, capsys: pytest.CaptureFixture[str]) -> None:
    """The good name is not sent either: the emulator would have stored it."""
    secret = secret_of(demo.store, "one-time")
    before = demo.store.get_json(secret)
    ran = apply(
        capsys,
        secret,
        "--server",
        demo.base_url,
        "--set",
        "customer_name=Grace Hopper",
        "--set",
        "customer_email=grace.example.com",
    )
    assert ran.code == 1
    assert ran.lines == [header(demo, secret)]
    assert ran.errors == [
        "customer_email: value is not a valid email address: An email address must have an @-sign.",
        "polar-checkout apply: refused: nothing was sent.",
    ]
    assert demo.store.get_json(secret) == before


def test_a_field_the_form_hides_is_an_error_for_that_field(
    demo: Demo, capsys: pytest.CaptureFixture[str]
) -> None:
    """A consumer outside the US gives only a country: line 1 would not be sent."""
    secret = secret_of(demo.store, "one-time")
    before = demo.store.get_json(secret)
    ran = apply(
        capsys,
        secret,
        "--server",
        demo.base_url,
        "--set",
        "country=DE",
        "--set",
        "line1=Unter den Linden 1",
    )
    assert ran.code == 1
    assert ran.errors == [
        "line1: The form does not show this field for this checkout with these values, "
        "so it would not be sent.",
        "polar-checkout apply: refused: nothing was sent.",
    ]
    assert demo.store.get_json(secret) == before


def test_the_same_values_as_stored_change_nothing(
    demo: Demo, capsys: pytest.CaptureFixture[str]
) -> None:
    secret = secret_of(demo.store, "one-time")
    assert apply(capsys, secret, "--server", demo.base_url, *US_SETTINGS).code == 0
    ran = apply(capsys, secret, "--server", demo.base_url, "--set", "state=California")
    assert ran.code == 0
    assert ran.lines == [
        header(demo, secret),
        "nothing to change: the session already holds these values",
    ]


def test_dry_run_prints_the_body_and_sends_nothing(
    demo: Demo, capsys: pytest.CaptureFixture[str]
) -> None:
    secret = secret_of(demo.store, "one-time")
    before = demo.store.get_json(secret)
    ran = apply(capsys, secret, "--server", demo.base_url, *US_SETTINGS, "--dry-run")
    assert ran.code == 0, ran.err
    assert ran.lines == [
        header(demo, secret),
        'country: — → "US"',
        'line1: — → "1 Main St"',
        'postal_code: — → "94107"',
        'city: — → "San Francisco"',
        'state: — → "US-CA"',
        f"PATCH /v1/checkouts/client/{masked(secret)} "
        '{"customer_billing_address": {"country": "US", "state": "US-CA", '
        '"line1": "1 Main St", "postal_code": "94107", "city": "San Francisco"}}',
        "dry run: nothing sent",
    ]
    assert demo.store.get_json(secret) == before


def test_json_prints_the_stored_session_alone_on_stdout_with_secrets_masked(
    demo: Demo, capsys: pytest.CaptureFixture[str]
) -> None:
    secret = secret_of(demo.store, "one-time")
    ran = apply(capsys, secret, "--server", demo.base_url, "--set", "customer_name=Ada", "--json")
    assert ran.code == 0, ran.err
    stored = json.loads(ran.out)
    assert stored["customer_name"] == "Ada"
    assert stored["client_secret"] == masked(secret)
    assert stored["url"] == f"{demo.base_url}/checkout/{masked(secret)}"
    assert stored["success_url"] == f"{demo.base_url}/checkout/{masked(secret)}/confirmation"
    assert stored["payment_processor_metadata"] == {
        "publishable_key": "pk_test_polar_checkout_emulator"
    }
    assert ran.errors == [
        header(demo, secret),
        'customer_name: — → "Ada"',
        "Subtotal $49.00",
        "Tax not calculated yet",
        "Total $49.00",
        "applied",
    ]


def test_json_with_dry_run_prints_the_session_as_it_is(
    demo: Demo, capsys: pytest.CaptureFixture[str]
) -> None:
    secret = secret_of(demo.store, "one-time")
    ran = apply(
        capsys,
        secret,
        "--server",
        demo.base_url,
        "--set",
        "customer_name=Ada",
        "--dry-run",
        "--json",
    )
    assert ran.code == 0, ran.err
    assert json.loads(ran.out)["customer_name"] is None
    assert ran.errors[-1] == "dry run: nothing sent"


def test_env_names_the_variable_holding_the_secret(
    demo: Demo, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    secret = secret_of(demo.store, "one-time")
    monkeypatch.setenv("TICKET_4711_CHECKOUT", f"https://polar.sh/checkout/{secret}")
    monkeypatch.setenv("POLAR_CHECKOUT_SERVER", demo.base_url)
    ran = apply(capsys, "env:TICKET_4711_CHECKOUT", "--set", "customer_name=Ada")
    assert ran.code == 0, ran.err
    assert demo.store.get_json(secret)["customer_name"] == "Ada"


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (
            ["env:NOT_SET_ANYWHERE", "--set", "customer_name=Ada"],
            "polar-checkout apply: the environment variable 'NOT_SET_ANYWHERE' is not set "
            "or is empty.",
        ),
        (
            ["polar_cl_abc", "--set", "customer_name=Ada"],
            "polar-checkout apply: That is a checkout link (polar_cl_...), not a session.",
        ),
        (
            ["polar_c_" + "A" * 43, "--set", "zip=10115"],
            "polar-checkout apply: --set 'zip': no such field.",
        ),
        (
            ["polar_c_" + "A" * 43, "--server", "http://qa.example:8000", "--set", "city=X"],
            "polar-checkout apply: Refusing plain http to qa.example",
        ),
    ],
)
def test_usage_errors_are_2_and_send_nothing(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    argv: list[str],
    message: str,
) -> None:
    monkeypatch.delenv("NOT_SET_ANYWHERE", raising=False)
    ran = apply(capsys, *argv)
    assert ran.code == 2
    assert ran.out == ""
    assert ran.err.startswith(message)


def test_no_set_is_an_argparse_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        apply(capsys, "polar_c_" + "A" * 43)
    assert exited.value.code == 2
    assert "the following arguments are required: --set" in capsys.readouterr().err


def test_the_sellers_questions_are_set_by_their_slug(
    demo: Demo, capsys: pytest.CaptureFixture[str]
) -> None:
    secret = secret_of(demo.store, "custom-fields")
    ran = apply(
        capsys,
        secret,
        "--server",
        demo.base_url,
        "--set",
        "custom_field_data.terms=true",
        "--set",
        "custom_field_data.company_size=12",
        "--set",
        "custom_field_data.plan=growth",
    )
    assert ran.code == 0, ran.err
    assert ran.lines[1:4] == [
        "custom_field_data.company_size: — → 12",
        'custom_field_data.plan: — → "growth"',
        "custom_field_data.terms: — → true",
    ]
    assert demo.store.get_json(secret)["custom_field_data"] == {
        "company_size": 12,
        "plan": "growth",
        "terms": True,
    }


def test_a_question_the_checkout_does_not_ask_is_refused(
    demo: Demo, capsys: pytest.CaptureFixture[str]
) -> None:
    secret = secret_of(demo.store, "one-time")
    ran = apply(
        capsys, secret, "--server", demo.base_url, "--set", "custom_field_data.team_name=Ada"
    )
    assert ran.code == 1
    assert "custom_field_data.team_name: This checkout asks no such question." in ran.err
