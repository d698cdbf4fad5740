"""Recognising a session in what people paste, and never showing its secret whole."""

from __future__ import annotations

import pytest

from tui.polar.secret import SecretNotRecognised, SessionRef, mask_secret, parse_session_ref, redact

SECRET = "polar_c_" + "Q7wErTy9UiOp2AsDfGh3JkLzXcVbNm4QwErTyUiOpA5"
OTHER = "polar_c_" + "a" * 39 + "f3a9"


def test_secret_fixture_is_realistic() -> None:
    assert len(SECRET) == len("polar_c_") + 43


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (SECRET, SessionRef(SECRET, None)),
        (f"  {SECRET}\n", SessionRef(SECRET, None)),
        (f"https://polar.sh/checkout/{SECRET}", SessionRef(SECRET, "production")),
        (f"https://buy.polar.sh/checkout/{SECRET}", SessionRef(SECRET, "production")),
        (f"https://sandbox.polar.sh/checkout/{SECRET}", SessionRef(SECRET, "sandbox")),
        (f"https://polar.sh/checkout/{SECRET}/confirmation", SessionRef(SECRET, "production")),
        (f"https://polar.sh/checkout/{SECRET}?theme=dark", SessionRef(SECRET, "production")),
        (
            f"https://sandbox.polar.sh/checkout/{SECRET}/confirmation?theme=dark",
            SessionRef(SECRET, "sandbox"),
        ),
        (f"https://POLAR.SH/checkout/{SECRET}", SessionRef(SECRET, "production")),
        # A loopback host is an emulator: that one.
        (f"http://localhost:8000/checkout/{SECRET}", SessionRef(SECRET, "http://localhost:8000")),
    ],
)
def test_parse_session_ref_accepts(text: str, expected: SessionRef) -> None:
    assert parse_session_ref(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "polar_cl_abcDEF1234567890",
        "https://buy.polar.sh/polar_cl_abcDEF1234567890",
        "https://polar.sh/checkout/polar_cl_abcDEF1234567890",
    ],
)
def test_checkout_links_are_refused_with_an_explanation(text: str) -> None:
    with pytest.raises(SecretNotRecognised, match="checkout link") as excinfo:
        parse_session_ref(text)
    assert "browser" in str(excinfo.value)


@pytest.mark.parametrize(
    ("text", "count"),
    [("polar_c_abc", 3), (SECRET + "x", 44), (SECRET[:-1], 42)],
)
def test_wrong_length_secret_says_how_long_it_is(text: str, count: int) -> None:
    with pytest.raises(SecretNotRecognised, match="43 letters and digits") as excinfo:
        parse_session_ref(text)
    assert f"this one has {count}" in str(excinfo.value)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "hello",
        "pk_live_123",
        f"{SECRET[:-1]}!",
        "https://polar.sh/checkout/",
        f"https://polar.sh/checkout/{SECRET}x",
        f"https://polar.sh/orders/{SECRET}",
    ],
)
def test_garbage_is_refused(text: str) -> None:
    with pytest.raises(SecretNotRecognised):
        parse_session_ref(text)


@pytest.mark.parametrize("secret", [SECRET, OTHER])
def test_mask_shows_prefix_and_last_four_only(secret: str) -> None:
    masked = mask_secret(secret)
    assert masked == f"polar_c_…{secret[-4:]}"
    assert secret not in masked
    assert secret[8:-4] not in masked


def test_mask_of_a_short_value_reveals_nothing() -> None:
    assert mask_secret("polar_c_abc") == "polar_c_…"


def test_redact_replaces_every_occurrence() -> None:
    text = f"GET /v1/checkouts/client/{SECRET} failed; retry {SECRET}/confirm"
    redacted = redact(text, SECRET)
    assert SECRET not in redacted
    assert redacted.count("polar_c_…OpA5") == 2
    assert redacted.startswith("GET /v1/checkouts/client/polar_c_…OpA5 failed")


def test_redact_leaves_other_text_alone() -> None:
    assert redact("nothing secret here", SECRET) == "nothing secret here"
    assert redact("nothing secret here", "") == "nothing secret here"
