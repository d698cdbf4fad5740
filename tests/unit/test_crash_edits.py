"""The crash report's list of unsaved edits, when the form itself is what broke: every field's
text instead, and should even that fail, a line that says so (never a second crash)."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from tui.crash import edits_report
from tui.domain.form import FormState

from .form_support import consumer, form_over

SECRET = "polar_c_" + "Q7wErTy9UiOp2AsDfGh3JkLzXcVbNm4QwErTyUiOpA5"


@dataclass
class Checkout:
    """What the report reads of a checkout screen."""

    form: FormState
    sub_title: str = "sandbox · polar_c_…OpA5"


def _broken(*_: object) -> None:
    raise ValueError("the form is broken")


def test_with_the_form_view_broken_every_fields_text_is_listed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    form = form_over(consumer(), customer_name=f"Ada {SECRET}")
    monkeypatch.setattr(FormState, "view", _broken)
    report = edits_report([object(), Checkout(form)])
    assert report is not None
    assert report.plain.splitlines() == [
        "Unsaved edits, not sent to Polar (copy them before closing this terminal):",
        "sandbox · polar_c_…OpA5",
        "  customer_name: Ada polar_c_…OpA5",
        "  customer_email: ada@example.com",
        "  country: United States",
        "  line1: 1 Main St",
        "  postal_code: 94107",
        "  city: San Francisco",
        "  state: California",
    ]


def test_with_the_form_broken_through_and_through_the_report_says_so(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    form = form_over(consumer(), customer_name="Ada")
    monkeypatch.setattr(FormState, "view", _broken)
    monkeypatch.setattr(FormState, "text", _broken)
    report = edits_report([Checkout(form)])
    assert report is not None
    assert report.plain.splitlines()[2:] == [
        "  (could not be listed: ValueError('the form is broken'))"
    ]


def test_no_checkout_open_no_list() -> None:
    assert edits_report([object()]) is None
