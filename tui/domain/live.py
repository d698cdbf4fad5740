"""How the session on screen is followed, as the total bar says it. No Textual."""

from __future__ import annotations

import math

from tui.polar.watch import Gone, Mode


def live_words(signal: Mode | Gone | None) -> str:
    """`Mode` as a few words; "" once the server has ended the stream (`Gone`: the banner
    says why); None, the follower failed: "not live"."""
    if isinstance(signal, Gone):
        return ""
    if signal is None:
        return "not live"
    seconds = math.ceil(signal.seconds or 0)
    if signal.name == "stream":
        return "live"
    if signal.name == "reconnecting":
        return f"reconnecting in {seconds} s" if seconds else "reconnecting"
    return f"checking every {seconds} s"
