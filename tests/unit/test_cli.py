"""How the command line decides which session to open, and where."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.cli import main, open_launch, parse_args
from tui.launch import Launch
from tui.polar.secret import SecretNotRecognised
from tui.settings import SERVERS, ServerNotAllowed

SECRET = "polar_c_" + "Ab3" * 14 + "x"


def launch(argv: list[str], environ: dict[str, str] | None = None) -> Launch:
    return open_launch(parse_args(argv), environ or {})


def test_bare_secret_goes_to_production() -> None:
    result = launch([SECRET])
    assert result.ref is not None
    assert result.ref.secret == SECRET
    assert result.server.base_url == SERVERS["production"]


def test_sandbox_url_picks_sandbox() -> None:
    result = launch(["open", f"https://sandbox.polar.sh/checkout/{SECRET}"])
    assert result.server.base_url == SERVERS["sandbox"]
    assert not result.server_explicit


def test_explicit_server_wins_over_the_url() -> None:
    result = launch(
        ["open", f"https://sandbox.polar.sh/checkout/{SECRET}", "--server", "production"]
    )
    assert result.server.base_url == SERVERS["production"]
    assert result.server_explicit


def test_environment_supplies_secret_and_server() -> None:
    result = launch(
        [], {"POLAR_CHECKOUT_SECRET": SECRET, "POLAR_CHECKOUT_SERVER": "http://127.0.0.1:8000"}
    )
    assert result.ref is not None
    assert result.ref.secret == SECRET
    assert result.server.base_url == "http://127.0.0.1:8000"


def test_argument_wins_over_the_environment() -> None:
    other = "polar_c_" + "Z" * 43
    result = launch(["open", other, "--server", "sandbox"], {"POLAR_CHECKOUT_SECRET": SECRET})
    assert result.ref is not None
    assert result.ref.secret == other


def test_no_secret_opens_the_start_screen() -> None:
    result = launch([])
    assert result.ref is None
    assert result.demo is None


def test_remote_http_needs_allow_http() -> None:
    with pytest.raises(ServerNotAllowed):
        launch([SECRET, "--server", "http://emulator.lan:8000"])
    allowed = launch([SECRET, "--server", "http://emulator.lan:8000", "--allow-http"])
    assert allowed.server.base_url == "http://emulator.lan:8000"


def test_checkout_link_is_refused() -> None:
    with pytest.raises(SecretNotRecognised, match="checkout link"):
        launch(["polar_cl_abc123"])


def test_bad_input_exits_2_with_a_message(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["open", "not-a-secret"]) == 2
    assert "polar-checkout:" in capsys.readouterr().err


def test_demo_on_a_remote_http_emulator_needs_allow_http(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["demo", "--server", "http://emulator.lan:8000", "--smoke"]) == 2
    assert "--allow-http" in capsys.readouterr().err


def test_demo_takes_a_server_or_scenarios_not_both(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        parse_args(["demo", "--server", "http://127.0.0.1:8000", "--scenarios", "mine.toml"])
    assert exited.value.code == 2
    assert "not allowed with argument" in capsys.readouterr().err


def test_demo_with_a_bad_scenario_file_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    scenarios = tmp_path / "mine.toml"
    scenarios.write_text("sessions = 3\n")
    assert main(["demo", "--scenarios", str(scenarios), "--smoke"]) == 2
    assert "mine.toml" in capsys.readouterr().err


def test_the_settings_file_sets_time_outs_and_a_fallback_server_flags_win(
    tmp_path: Path,
) -> None:
    settings_file = tmp_path / "config.toml"
    settings_file.write_text(
        'server = "sandbox"\n[timeouts]\nconnect = 2\nread = 30\nstream = 70\n', encoding="utf-8"
    )
    launch = open_launch(parse_args(["open", "--config", str(settings_file)]), {})
    assert (launch.server.label, launch.server_explicit) == ("sandbox", False)
    assert (launch.timeout.connect, launch.timeout.read) == (2.0, 30.0)
    assert launch.follow.read_timeout == 70.0
    flagged = parse_args(["open", "--config", str(settings_file), "--read-timeout", "9"])
    assert open_launch(flagged, {}).timeout.read == 9.0
    production_url = "https://polar.sh/checkout/" + SECRET
    from_url = open_launch(parse_args([production_url, "--config", str(settings_file)]), {})
    assert from_url.server.label == "production"


def test_a_bad_server_in_the_settings_file_is_said_and_production_applies(
    tmp_path: Path,
) -> None:
    settings_file = tmp_path / "config.toml"
    settings_file.write_text('server = "ftp://files.example"\n', encoding="utf-8")
    launch = open_launch(parse_args(["open", "--config", str(settings_file)]), {})
    assert launch.server.label == "production"
    assert len(launch.config_problems) == 1
    assert launch.config_problems[0].startswith(f"{settings_file}: server: Unknown server")
