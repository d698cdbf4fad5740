"""The total bar's words for how the session is followed, for every signal that sets them."""

from __future__ import annotations

import pytest

from tui.domain.live import live_words
from tui.polar.watch import Gone, Mode


@pytest.mark.parametrize(
    ("signal", "words"),
    [
        (Mode("stream"), "live"),
        (Mode("reconnecting", 0.5, "the connection dropped"), "reconnecting in 1 s"),
        (Mode("reconnecting", 2.2), "reconnecting in 3 s"),
        (Mode("reconnecting", 30.0), "reconnecting in 30 s"),
        (Mode("reconnecting", 0.0), "reconnecting"),
        (Mode("reconnecting"), "reconnecting"),
        (Mode("polling", 5.0, "the server answered 502"), "checking every 5 s"),
        (Mode("polling", 0.2), "checking every 1 s"),
        (Gone(410, "ExpiredCheckoutError"), ""),
        (Gone(404, "ResourceNotFound"), ""),
        (Gone(403), ""),
        (None, "not live"),
    ],
)
def test_live_words(signal: Mode | Gone | None, words: str) -> None:
    assert live_words(signal) == words
