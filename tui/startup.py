"""Start-up without the cyclic garbage collector.

Opening a session builds many long-lived objects (Textual's widgets and styles, pydantic's
validators, the form), and the collector keeps scanning them as they pile up: two full
collections before the form is filled. `hold_collection` stops it while the app
starts; `resume_collection`, once the first session is on screen (or failed to load), sets
what start-up built aside for good (`gc.freeze`: later collections skip it) and turns the
collector back on. It does not collect first: a full collection there takes as long as
those it saves (about 100 ms, just as the user starts typing), and the few thousand cyclic
leftovers of start-up it would free weigh about a megabyte. No Textual here.
"""

from __future__ import annotations

import gc


class _Held:
    held = False


def hold_collection() -> None:
    """Stop the cyclic collector until `resume_collection` (reference counting still frees
    nearly everything)."""
    if gc.isenabled():
        gc.disable()
        _Held.held = True


def resume_collection() -> None:
    """Set what start-up built aside and collect as usual from now on. Does nothing unless
    `hold_collection` stopped the collector."""
    if _Held.held:
        _Held.held = False
        gc.freeze()
        gc.enable()
