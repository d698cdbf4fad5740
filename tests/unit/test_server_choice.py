"""Where a session pasted on the start screen goes: the server picked there (production,
sandbox or a URL), a checkout URL's own server, and the hosts trusted, by the same rule as
`open` on the command line."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.cli import open_launch, parse_args
from tui.polar.secret import SecretNotRecognised
from tui.server_choice import ServerChoice, preview
from tui.settings import resolve_server

SECRET = "polar_c_" + "Ab3" * 14 + "x"
QA = "https://qa.example.com:8443"


def opened(server: str, text: str) -> tuple[str, str]:
    """(the secret opened, the base URL it goes to), picking `server` on the start screen."""
    ref, goes_to = ServerChoice.picked(resolve_server(server)).open(text)
    return ref.secret, goes_to.base_url


def test_a_bare_secret_opens_on_the_server_picked() -> None:
    assert opened("sandbox", SECRET) == (SECRET, "https://sandbox-api.polar.sh")
    assert opened(QA, f" {SECRET}\n") == (SECRET, QA)


def test_a_checkout_url_on_polars_hosts_or_loopback_picks_its_own_server() -> None:
    assert opened("production", f"https://sandbox.polar.sh/checkout/{SECRET}") == (
        SECRET,
        "https://sandbox-api.polar.sh",
    )
    assert opened("sandbox", f"http://127.0.0.1:8000/checkout/{SECRET}")[1] == (
        "http://127.0.0.1:8000"
    )


def test_a_url_server_picked_is_explicit_its_host_trusted_and_it_wins() -> None:
    assert opened(QA, f"https://QA.example.com/checkout/{SECRET}") == (SECRET, QA)
    assert opened(QA, f"https://polar.sh/checkout/{SECRET}") == (SECRET, QA)
    with pytest.raises(SecretNotRecognised, match=r"evil\.example\.net is not a Polar host"):
        opened(QA, f"https://evil.example.net/checkout/{SECRET}")
    with pytest.raises(SecretNotRecognised, match=r"qa\.example\.com is not a Polar host"):
        opened("production", f"https://qa.example.com/checkout/{SECRET}")


def test_the_settings_files_server_is_trusted_on_the_start_screen_as_by_open(
    tmp_path: Path,
) -> None:
    settings_file = tmp_path / "config.toml"
    settings_file.write_text(f'server = "{QA}"\n', encoding="utf-8")
    url = f"https://qa.example.com/checkout/{SECRET}"
    by_open = open_launch(parse_args([url, "--config", str(settings_file)]), {})
    assert (by_open.server.base_url, by_open.server_explicit) == (QA, False)
    start = open_launch(parse_args(["--config", str(settings_file)]), {})
    assert start.ref is None
    assert start.choice.open(url)[1].base_url == QA
    polar_url = f"https://polar.sh/checkout/{SECRET}"
    assert start.choice.open(polar_url)[1].base_url == "https://api.polar.sh"


def test_the_preview_masks_the_secret_and_names_the_server() -> None:
    production = ServerChoice.picked(resolve_server("production"))
    assert preview(SECRET, production) == "polar_c_…Ab3x → production (api.polar.sh)"
    url = f"https://sandbox.polar.sh/checkout/{SECRET}/confirmation"
    assert preview(url, production) == (
        "https://sandbox.polar.sh/…/polar_c_…Ab3x → sandbox (sandbox-api.polar.sh)"
    )
    assert preview(SECRET, ServerChoice.picked(resolve_server(QA))) == (
        "polar_c_…Ab3x → qa.example.com:8443"
    )


def test_the_preview_of_what_is_not_a_secret_shows_no_more_than_a_mask() -> None:
    production = ServerChoice.picked(resolve_server("production"))
    one_short = SECRET[:-1]
    assert preview(one_short, production) == (
        "polar_c_…3Ab3: A client secret is polar_c_ followed by 43 letters and digits; "
        "this one has 42."
    )
    assert preview("   ", production) == "Nothing pasted yet."
    assert preview("hunter2-Correct-Horse", production) == (
        "… (21 characters): Not a client secret (polar_c_...) or a checkout URL."
    )
    assert preview(f"hunter2 {SECRET}", production).startswith(
        "polar_c_…Ab3x (and 8 more characters): "
    )
    assert preview(f"user:hunter2@polar.sh/checkout/{SECRET}", production).startswith(
        "polar_c_…Ab3x (and 31 more characters): "
    )


def test_the_preview_of_a_url_shows_where_it_points_and_the_masked_secret_only() -> None:
    qa = ServerChoice.picked(resolve_server(QA))
    url = f"https://bob:hunter2@qa.example.com:8443/checkout/{SECRET}?token=t0ps3cret"
    assert preview(url, qa) == "https://qa.example.com:8443/…/polar_c_…Ab3x → qa.example.com:8443"
    refused = f"https://bob:hunter2@evil.example.net/checkout/{SECRET}"
    shown = preview(refused, qa)
    assert shown.startswith("https://evil.example.net/…/polar_c_…Ab3x: ")
    assert "hunter2" not in shown
