"""The QR code as half-block text: it must decode back to exactly the code segno made."""

from __future__ import annotations

import pytest
import segno

from tui.domain.qr import QUIET_ZONE, cell_size, qr_rows

CHECKOUT_URL = "http://127.0.0.1:8000/checkout/polar_c_3iHyQAIEqDgmYrNafBAYxjB0ir21VC1BoloFAqGxJmx"
SANDBOX_URL = (
    "https://sandbox.polar.sh/checkout/polar_c_Q7wErTy9UiOp2AsDfGh3JkLzXcVbNm4QwErTyUiOpA5"
)

# Each character is one module across and two down; its ink is the dark modules.
_HALVES = {" ": (False, False), "▀": (True, False), "▄": (False, True), "█": (True, True)}


def _decoded(rows: list[str]) -> list[list[bool]]:
    """The modules the rows draw, top to bottom, dark as True."""
    modules: list[list[bool]] = []
    for row in rows:
        halves = [_HALVES[character] for character in row]
        modules.append([upper for upper, _ in halves])
        modules.append([lower for _, lower in halves])
    return modules


def _segno_modules(text: str) -> list[list[bool]]:
    code = segno.make(text, micro=False)
    return [[bool(module) for module in row] for row in code.matrix_iter(border=4)]


@pytest.mark.parametrize("text", ["hi", CHECKOUT_URL, SANDBOX_URL])
def test_the_rows_decode_to_segnos_matrix_with_its_quiet_zone(text: str) -> None:
    expected = _segno_modules(text)
    decoded = _decoded(qr_rows(text))
    assert decoded[: len(expected)] == expected
    # An odd number of module rows leaves the lower half of the last row light.
    assert all(not dark for row in decoded[len(expected) :] for dark in row)
    assert len(decoded) - len(expected) in {0, 1}


def test_a_checkout_url_is_a_version_5_code_of_45_by_23_cells() -> None:
    # 37 modules (version 5) plus a quiet zone of 4 on each side; 45 module rows in 23 text
    # rows. Both a demo URL and a sandbox URL need exactly this much room.
    assert QUIET_ZONE == 4
    assert cell_size(qr_rows(CHECKOUT_URL)) == (45, 23)
    assert cell_size(qr_rows(SANDBOX_URL)) == (45, 23)


def test_the_quiet_zone_and_the_finder_patterns_as_drawn() -> None:
    rows = qr_rows("hi")
    assert cell_size(rows) == (29, 15)
    blank = " " * 29
    # Module rows 0-3 are quiet zone; 4 and 5 are the finder patterns' top edge and the
    # row under it; 32-33 and the padding row are quiet again.
    assert rows[:2] == [blank, blank]
    assert rows[2].startswith("    █▀▀▀▀▀█ ")
    assert rows[2].endswith(" █▀▀▀▀▀█    ")
    assert rows[3].startswith("    █ ███ █ ")
    assert rows[-2:] == [blank, blank]
    assert set("".join(rows)) <= {" ", "▀", "▄", "█"}


def test_no_rows_take_no_room() -> None:
    assert cell_size([]) == (0, 0)
