"""No stored screenshot may contain a real-looking session secret in full."""

from __future__ import annotations

from pathlib import Path

from tests.support import REAL_LOOKING_SECRET
from tui.polar.secret import mask_secret

SNAPSHOTS = Path(__file__).parent / "__snapshots__"


def test_snapshots_show_the_real_secret_only_masked() -> None:
    svgs = sorted(SNAPSHOTS.rglob("*.svg"))
    assert svgs, "no snapshots stored yet"
    texts = [svg.read_text(encoding="utf-8") for svg in svgs]
    assert all(REAL_LOOKING_SECRET not in text for text in texts)
    assert any(mask_secret(REAL_LOOKING_SECRET) in text for text in texts)
