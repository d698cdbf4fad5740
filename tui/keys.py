"""Every key binding's id: what a keymap (`[keymap]` in the config file) names to move a key.

Ids are stable: they are the user's configuration. No Textual import; each screen and
widget gives its `Binding` the id from here, and a test checks that every binding has one.
"""

from __future__ import annotations

from typing import Final

HELP: Final = "help"
HELP_QUESTION: Final = "help-question-mark"
QUIT: Final = "quit"
SUBMIT: Final = "submit"
CONFIRM: Final = "confirm"
PAY_IN_BROWSER: Final = "pay-in-browser"
RELOAD: Final = "reload"
BACK: Final = "back"
TAKE_SERVER: Final = "take-server"
KEEP_MINE: Final = "keep-mine"
REFRESH_LIST: Final = "refresh-list"
DEMO: Final = "demo"
REVEAL: Final = "reveal-secret"
YES: Final = "yes"
NO: Final = "no"
COPY_LINK: Final = "copy-link"
OPEN_BROWSER: Final = "open-browser"
NEXT_MATCH: Final = "next-match"
PREVIOUS_MATCH: Final = "previous-match"
TAKE_MATCH: Final = "take-match"
CLOSE_LIST: Final = "close-list"
MORE: Final = "more"
FEWER: Final = "fewer"
REMOVE_CODE: Final = "remove-code"
CLOSE_HELP: Final = "close-help"
REQUEST_LOG: Final = "request-log"
CLOSE_REQUEST_LOG: Final = "close-request-log"
FILTER_REQUESTS: Final = "filter-requests"
SAVE_CURL: Final = "save-curl"
SAVE_HAR: Final = "save-har"
RECENT_SESSIONS: Final = "recent-sessions"
CLOSE_RECENT: Final = "close-recent"
SESSION_INSPECTOR: Final = "session-inspector"
CLOSE_INSPECTOR: Final = "close-inspector"
STOP_RETRYING: Final = "stop-retrying"

RELOAD_KEY: Final = "ctrl+r"
REMOVE_CODE_KEY: Final = "ctrl+x"
"""The default keys of the bindings that a pure layer's text names ("reload (ctrl+r)",
"ctrl+x removes it"); the screens put the user's key in their place (`tui.key_hints`)."""

ALL: Final = frozenset(
    {
        HELP, HELP_QUESTION, QUIT, SUBMIT, CONFIRM, PAY_IN_BROWSER, RELOAD, BACK, TAKE_SERVER,
        KEEP_MINE, REFRESH_LIST, DEMO, REVEAL, YES, NO, COPY_LINK, OPEN_BROWSER, NEXT_MATCH,
        PREVIOUS_MATCH, TAKE_MATCH, CLOSE_LIST, MORE, FEWER, REMOVE_CODE, CLOSE_HELP,
        REQUEST_LOG, CLOSE_REQUEST_LOG, FILTER_REQUESTS, SAVE_CURL, SAVE_HAR,
        RECENT_SESSIONS, CLOSE_RECENT, SESSION_INSPECTOR, CLOSE_INSPECTOR, STOP_RETRYING,
    }
)  # fmt: skip
