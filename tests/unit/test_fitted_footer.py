"""Which keys a narrow footer shows: quit and help always, the others in order while they
fit, a narrower one after a key too wide, and room for the "…"."""

from __future__ import annotations

from tui.widgets.fitted_footer import keys_that_fit

# Widths of " ^s Submit ", " ^o Pay in browser ", " ^r Reload ", " esc Back ", " ^q Quit ",
# " f1 Help ": the checkout's footer.
WIDTHS = [11, 19, 11, 10, 9, 9]
KEPT = [False, False, False, False, True, True]


def test_everything_shows_when_it_fits() -> None:
    assert keys_that_fit(WIDTHS, KEPT, 69) == [True] * 6


def test_quit_and_help_stay_and_the_others_fill_what_is_left() -> None:
    # 48 cells: 9 + 9 kept, 2 for "… ", 28 left: Submit (11), Pay (19) too wide, Reload (11).
    assert keys_that_fit(WIDTHS, KEPT, 48) == [True, False, True, False, True, True]
    # 68 cells, one short of all: 48 left, Submit, Pay and Reload (41), Back (10) too wide.
    assert keys_that_fit(WIDTHS, KEPT, 68) == [True, True, True, False, True, True]


def test_too_narrow_for_any_other_key_keeps_quit_and_help() -> None:
    assert keys_that_fit(WIDTHS, KEPT, 25) == [False, False, False, False, True, True]
