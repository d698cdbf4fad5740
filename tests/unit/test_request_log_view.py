"""What the request log screen shows of an exchange: the filter's matches, and bodies as
plain text (never markup, no control characters), JSON laid out."""

from __future__ import annotations

from tests.unit.test_one_redactor import CLIENT_SECRET
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


def test_a_pasted_secret_finds_its_exchanges() -> None:
    """The paths are masked: a whole client secret pasted into the filter is masked too."""
    assert CLIENT_SECRET.endswith("OpA5")
    assert matches(SAVE, f"patch {CLIENT_SECRET}")
    assert not matches(SAVE, "polar_c_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")


def test_a_body_the_log_cut_says_how_much_it_lost() -> None:
    assert body_content("x" * 10, dropped=5).plain == (
        "x" * 10 + "\n… 5 more characters, not kept: the log keeps 256 KB"
    )
    assert body_content('{"detail":"\\ud800"}').plain == '{\n  "detail": "\ufffd"\n}'
