"""Which keys a narrow footer shows: back, quit and help always, the others in order while
they fit (none after the first left out), and room for the "…"."""

from __future__ import annotations

from tui.widgets.fitted_footer import keys_that_fit

# Widths of " ^s Submit ", " ^o Pay in browser ", " ^r Reload ", " esc Back ", " ^q Quit ",
# " f1 Help ": the checkout's footer.
WIDTHS = [11, 19, 11, 10, 9, 9]
KEPT = [False, False, False, True, True, True]


def test_everything_shows_when_it_fits() -> None:
    assert keys_that_fit(WIDTHS, KEPT, 69) == [True] * 6


def test_back_quit_and_help_stay_and_the_others_fill_what_is_left_in_order() -> None:
    # 49 cells: 10 + 9 + 9 kept, 2 for "… ", 19 left: Submit (11), then Pay (19) does not
    # fit, and Reload (11), which would, stays out after it.
    assert keys_that_fit(WIDTHS, KEPT, 49) == [True, False, False, True, True, True]
    # 68 cells, one short of all: 38 left, Submit and Pay (30), Reload (11) too wide.
    assert keys_that_fit(WIDTHS, KEPT, 68) == [True, True, False, True, True, True]


def test_too_narrow_for_any_other_key_keeps_back_quit_and_help() -> None:
    assert keys_that_fit(WIDTHS, KEPT, 35) == [False, False, False, True, True, True]
