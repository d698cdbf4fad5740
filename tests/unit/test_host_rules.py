"""Where a checkout URL's secret may travel: Polar's hosts, a loopback emulator, the host of
an explicit --server; any other host is refused before anything is sent."""

from __future__ import annotations

import httpx
import pytest

from tui.cli import main, open_launch, parse_args
from tui.launch import Launch
from tui.polar.secret import SecretNotRecognised, parse_session_ref
from tui.polar.server_url import direct_if_loopback
from tui.tapes import cli as tape_cli

SECRET = "polar_c_" + "Q7wErTy9UiOp2AsDfGh3JkLzXcVbNm4QwErTyUiOpA5"
ACCEPTED = (
    "api.polar.sh, buy.polar.sh, polar.sh, sandbox-api.polar.sh, sandbox.polar.sh, "
    "www.polar.sh, a loopback address (an emulator)"
)


def launch(*argv: str, environ: dict[str, str] | None = None) -> Launch:
    return open_launch(parse_args(["open", *argv]), environ or {})


@pytest.mark.parametrize(
    ("url", "base_url"),
    [
        (f"https://polar.sh/checkout/{SECRET}", "https://api.polar.sh"),
        (f"https://api.polar.sh/v1/checkout/{SECRET}", "https://api.polar.sh"),
        (f"https://sandbox.polar.sh/checkout/{SECRET}", "https://sandbox-api.polar.sh"),
        (f"https://sandbox-api.polar.sh/checkout/{SECRET}", "https://sandbox-api.polar.sh"),
        (f"http://127.0.0.1:8123/checkout/{SECRET}", "http://127.0.0.1:8123"),
        (f"http://localhost:8000/checkout/{SECRET}/confirmation", "http://localhost:8000"),
        (f"http://[::1]:9000/checkout/{SECRET}", "http://[::1]:9000"),
    ],
)
def test_polar_hosts_pick_their_server_and_a_loopback_url_its_emulator(
    url: str, base_url: str
) -> None:
    opened = launch(url)
    assert opened.server.base_url == base_url
    assert opened.ref is not None
    assert opened.ref.secret == SECRET


@pytest.mark.parametrize(
    "host", ["sanbox.polar.sh", "polar.sh.example.com", "qa.example.com", "203.0.113.7"]
)
def test_any_other_host_is_refused_naming_the_hosts_accepted(host: str) -> None:
    with pytest.raises(SecretNotRecognised) as refused:
        launch(f"https://{host}/checkout/{SECRET}")
    assert str(refused.value) == (
        f"{host} is not a Polar host, so the secret is not sent there. A checkout URL may be "
        f"on {ACCEPTED}; for a server of your own, pass it with --server."
    )


def test_a_refused_host_ends_the_command_before_anything_is_sent(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_app(*_args: object) -> None:
        raise AssertionError("the app was started")

    monkeypatch.setattr(tape_cli, "session_tapes", no_app)
    assert main(["open", f"https://sanbox.polar.sh/checkout/{SECRET}"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("polar-checkout: sanbox.polar.sh is not a Polar host")
    assert SECRET not in err


def test_a_url_on_the_explicit_servers_host_goes_there() -> None:
    opened = launch(
        f"https://qa.example.com/checkout/{SECRET}", "--server", "https://qa.example.com"
    )
    assert opened.server.base_url == "https://qa.example.com"
    opened = launch(
        f"https://QA.example.com/checkout/{SECRET}",
        environ={"POLAR_CHECKOUT_SERVER": "https://qa.example.com:8443"},
    )
    assert opened.server.base_url == "https://qa.example.com:8443"


def test_with_an_explicit_server_another_host_is_still_refused() -> None:
    with pytest.raises(SecretNotRecognised) as refused:
        launch(f"https://evil.example.net/checkout/{SECRET}", "--server", "https://qa.example.com")
    assert f"{ACCEPTED}, qa.example.com (--server);" in str(refused.value)


def test_the_start_screen_accepts_the_explicit_servers_host_only_when_told() -> None:
    url = f"https://qa.example.com/checkout/{SECRET}"
    assert parse_session_ref(url, server_host="qa.example.com").server is None
    with pytest.raises(SecretNotRecognised):
        parse_session_ref(url)


@pytest.mark.parametrize(
    ("url", "mounts"),
    [
        ("http://127.0.0.1:8000", {"all://127.0.0.1": None}),
        ("http://127.0.0.2:8000", {"all://127.0.0.2": None}),
        ("http://localhost:8000", {"all://localhost": None}),
        ("http://[::1]:8000", {"all://[::1]": None}),
        ("https://api.polar.sh", {}),
        ("https://qa.example.com", {}),
    ],
)
def test_loopback_hosts_are_mounted_past_any_proxy(url: str, mounts: dict[str, None]) -> None:
    assert direct_if_loopback(httpx.URL(url)) == mounts
