"""What the session inspector shows: the server's body as sent, indented, secrets masked."""

from __future__ import annotations

import json

from tests.unit.test_one_redactor import PLANTED, planted_session
from tui.domain.session_json import Match, find_matches, shown_json


def test_the_body_keeps_its_order_and_unknown_keys_with_every_secret_masked() -> None:
    body = json.dumps({"zeta_new_key": [1, {"b": None}], **planted_session()}).encode()
    shown = shown_json(body, "")
    assert shown.startswith('{\n  "zeta_new_key": [\n    1,\n    {\n      "b": null\n')
    assert '  "client_secret": "polar_c_…OpA5",\n' in shown
    assert '  "url": "https://polar.sh/checkout/polar_c_…OpA5",\n' in shown
    assert '"customer_session_token": "polar_cst_…"' in shown
    assert '"intent_client_secret": "pi_…_secret_…"' in shown
    assert '"publishable_key": "pk_test_51Hx"' in shown
    assert all(secret not in shown for secret in PLANTED)


def test_text_from_the_server_stays_text_and_controls_are_replaced() -> None:
    shown = shown_json('{"name": "[b]Zürich[/b]\\u001b[2J\\u009b"}'.encode(), "")
    assert shown == '{\n  "name": "[b]Zürich[/b]\\u001b[2J\ufffd"\n}'


def test_matches_ignore_case_and_come_line_by_line_in_order() -> None:
    text = '{\n  "Status": "open", "status": 1,\n  "a.b": "STATUS"\n}'
    assert find_matches(text, "status") == [Match(1, 3, 9), Match(1, 21, 27), Match(2, 10, 16)]
    assert find_matches(text, ".") == [Match(2, 4, 5)]
    assert find_matches(text, "") == []


def test_the_sessions_own_secret_is_masked_whatever_its_shape() -> None:
    secret = "polar_c_Shorter0ne"  # not the shape the redactor's patterns know
    body = json.dumps({"url": f"https://polar.sh/checkout/{secret}", "note": secret}).encode()
    shown = shown_json(body, secret)
    assert (
        shown
        == '{\n  "url": "https://polar.sh/checkout/polar_c_…r0ne",\n  "note": "polar_c_…r0ne"\n}'
    )


def test_a_secret_used_as_a_key_is_masked_as_a_value_would_be() -> None:
    secret = "polar_c_Shorter0ne"
    planted = "polar_cst_Planted0Abc123"
    body = json.dumps({secret: 1, "nested": {planted: "x"}}).encode()
    shown = shown_json(body, secret)
    assert shown == '{\n  "polar_c_…r0ne": 1,\n  "nested": {\n    "polar_cst_…": "x"\n  }\n}'
