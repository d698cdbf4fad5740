"""The sessions opened in a run: newest first, one row a session, product and status as last
seen, real secrets masked and demo ones whole."""

from __future__ import annotations

from tui.domain.recent_sessions import RecentSessions

REAL = "polar_c_" + "Q7wErTy9UiOp2AsDfGh3JkLzXcVbNm4QwErTyUiOpA5"
OTHER = "polar_c_" + "a" * 39 + "f3a9"
DEMO = "polar_c_demo_one_time"


def rows(recent: RecentSessions[str]) -> list[tuple[str, str, str, str, str]]:
    return [
        (entry.shown_secret, entry.server, entry.product, entry.status, entry.reopen)
        for entry in recent.newest_first()
    ]


def test_newest_first_with_real_secrets_masked_and_demo_ones_whole() -> None:
    recent: RecentSessions[str] = RecentSessions()
    recent.opened(REAL, "sandbox", "first", demo=False)
    recent.opened(DEMO, "demo", "second", demo=True)
    recent.opened(OTHER, "production", "third", demo=False)
    assert rows(recent) == [
        ("polar_c_…f3a9", "production", "", "", "third"),
        ("polar_c_demo_one_time", "demo", "", "", "second"),
        ("polar_c_…OpA5", "sandbox", "", "", "first"),
    ]


def test_product_and_status_follow_what_was_seen_and_the_order_stays() -> None:
    recent: RecentSessions[str] = RecentSessions()
    recent.opened(REAL, "sandbox", "first", demo=False)
    recent.opened(OTHER, "sandbox", "second", demo=False)
    recent.seen(REAL, "sandbox", product="Pro plan", status="open")
    recent.seen(REAL, "sandbox", product="Pro plan", status="confirmed")
    recent.seen(REAL, "production", product="Elsewhere", status="expired")  # never opened
    assert rows(recent) == [
        ("polar_c_…f3a9", "sandbox", "", "", "second"),
        ("polar_c_…OpA5", "sandbox", "Pro plan", "confirmed", "first"),
    ]


def test_a_session_opened_again_moves_to_the_top_once_keeping_what_was_seen() -> None:
    recent: RecentSessions[str] = RecentSessions()
    recent.opened(REAL, "sandbox", "first", demo=False)
    recent.seen(REAL, "sandbox", product="Pro plan", status="open")
    recent.opened(OTHER, "sandbox", "second", demo=False)
    recent.opened(REAL, "sandbox", "again", demo=False)
    assert rows(recent) == [
        ("polar_c_…OpA5", "sandbox", "Pro plan", "open", "again"),
        ("polar_c_…f3a9", "sandbox", "", "", "second"),
    ]


def test_the_same_secret_on_another_server_is_another_session() -> None:
    recent: RecentSessions[str] = RecentSessions()
    recent.opened(DEMO, "demo", "first", demo=True)
    recent.opened(DEMO, "127.0.0.1:8000", "second", demo=False)
    assert [entry.server for entry in recent.newest_first()] == ["127.0.0.1:8000", "demo"]
