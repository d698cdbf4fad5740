"""What the request log screen shows of an exchange: the filter's matches, and bodies as
plain text (never markup, no control characters), JSON laid out."""

from __future__ import annotations

from tests.unit.test_request_export import LOST, OPENED, SAVE
from tui.screens.request_log import body_content, matches


def test_the_filter_matches_method_path_status_and_error_in_any_case() -> None:
    assert [matches(SAVE, query) for query in ("patch", "PATCH 200", "OpA5", "", "get")] == [
        True,
        True,
        True,
        True,
        False,
    ]
    assert matches(LOST, "connecterror confirm")
    assert matches(OPENED, "stream opened")
    assert not matches(LOST, "200")


def test_a_json_body_is_laid_out_and_text_stays_text() -> None:
    assert (
        body_content('{"a":[1,"[b]x[/b]"]}').plain == '{\n  "a": [\n    1,\n    "[b]x[/b]"\n  ]\n}'
    )
    assert (
        body_content("[@click=app.quit]bye[/] \x1b[2J").plain == "[@click=app.quit]bye[/] \ufffd[2J"
    )
    assert body_content('"\x9b31m"').plain == '"\ufffd31m"'
    assert body_content(None).plain == "(no body)"
