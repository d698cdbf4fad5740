"""`polar-checkout serve`'s decisions: which hosts, which secrets refuse, how ARGS are quoted."""

from __future__ import annotations

import shlex
import sys
from typing import Any

import pytest

from tui.cli import main, parse_args
from tui.serve import ServePlan, ServeRefused, app_command, plan

SECRET = "polar_c_Kq3vT8xWm2Lp9Rz4Yb7Nc1Hd6Fg5Js0Ae3Ui8Ow2Xf3"  # 43 after the prefix
PYTHON = "/usr/bin/python3"


def _plan(
    host: str = "127.0.0.1", *args: str, environ: dict[str, str] | None = None, **kw: Any
) -> ServePlan:
    return plan(host, 8765, args, environ or {}, python=PYTHON, **kw)


@pytest.mark.parametrize(
    ("host", "url"),
    [
        ("127.0.0.1", "http://127.0.0.1:8765"),
        ("localhost", "http://localhost:8765"),
        ("::1", "http://[::1]:8765"),
    ],
)
def test_loopback_is_served_without_a_flag_or_a_warning(host: str, url: str) -> None:
    served = _plan(host)
    assert (served.host, served.port, served.public_url, served.warning) == (host, 8765, url, None)


@pytest.mark.parametrize("host", ["0.0.0.0", "192.168.1.20", "presenter.local"])
def test_another_host_is_refused_without_allow_remote(host: str) -> None:
    with pytest.raises(ServeRefused, match="--allow-remote"):
        _plan(host)


def test_another_host_with_allow_remote_is_served_with_a_warning() -> None:
    served = _plan("192.168.1.20", allow_remote=True)
    assert served.public_url == "http://192.168.1.20:8765"
    assert served.warning is not None
    assert "anyone who can reach this port" in served.warning


def test_all_interfaces_tell_browsers_this_machine_s_name_or_the_public_url() -> None:
    named = _plan("0.0.0.0", allow_remote=True, machine_name=lambda: "presenter-laptop")
    assert named.public_url == "http://presenter-laptop:8765"
    proxied = _plan("0.0.0.0", allow_remote=True, public_url="https://demo.example.com/")
    assert proxied.public_url == "https://demo.example.com"


@pytest.mark.parametrize("value", [SECRET, f"https://polar.sh/checkout/{SECRET}", f"  {SECRET}\n"])
def test_a_session_secret_in_the_environment_refuses(value: str) -> None:
    with pytest.raises(ServeRefused, match=r"\$POLAR_CHECKOUT_SECRET") as refused:
        _plan(environ={"POLAR_CHECKOUT_SECRET": value})
    assert SECRET not in str(refused.value)


@pytest.mark.parametrize(
    "args",
    [
        ("open", SECRET),
        (SECRET,),
        ("open", "--server", "sandbox", f"https://sandbox.polar.sh/checkout/{SECRET}"),
        ("demo", "--server", f"http://127.0.0.1:8000/checkout/{SECRET}"),
    ],
)
def test_a_session_secret_in_args_refuses(args: tuple[str, ...]) -> None:
    with pytest.raises(ServeRefused, match="secret") as refused:
        _plan("127.0.0.1", *args)
    assert SECRET not in str(refused.value)


def test_the_demo_and_the_start_screen_are_served() -> None:
    assert _plan("127.0.0.1", "demo").command == "/usr/bin/python3 -P -m tui demo"
    assert _plan("127.0.0.1").command == "/usr/bin/python3 -P -m tui"
    assert _plan(environ={"POLAR_CHECKOUT_SECRET": ""}).command == "/usr/bin/python3 -P -m tui"


@pytest.mark.parametrize("command", ["emulator", "apply", "serve"])
def test_commands_with_no_screen_are_refused(command: str) -> None:
    with pytest.raises(ServeRefused, match="no screen"):
        _plan("127.0.0.1", command)


def test_port_zero_is_refused_the_page_would_point_at_it() -> None:
    with pytest.raises(ServeRefused, match="1 to 65535"):
        plan("127.0.0.1", 0, (), {})


def test_args_reach_the_app_quoted_for_the_shell() -> None:
    words = ["demo", "--scenarios", "my file's.toml", "; rm -rf ~", "$HOME"]
    command = app_command("/opt/py thon/bin/python", words)
    assert command == (
        "'/opt/py thon/bin/python' -P -m tui demo --scenarios 'my file'\"'\"'s.toml' "
        "'; rm -rf ~' '$HOME'"
    )
    assert shlex.split(command) == ["/opt/py thon/bin/python", "-P", "-m", "tui", *words]


def test_args_after_the_double_dash_are_the_app_s() -> None:
    args = parse_args(["serve", "--port", "9001", "--", "demo", "--read-only"])
    assert (args.command, args.port, args.app_args) == ("serve", 9001, ["demo", "--read-only"])
    assert parse_args(["serve"]).port == 8765


def test_without_textual_serve_it_says_how_to_install_it(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("POLAR_CHECKOUT_SECRET", raising=False)
    monkeypatch.setitem(sys.modules, "textual_serve.server", None)
    assert main(["serve"]) == 2
    err = capsys.readouterr().err
    assert "pip install 'polar-checkout[web]'" in err
    assert "Traceback" not in err


def test_a_refusal_is_said_without_the_secret(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("POLAR_CHECKOUT_SECRET", SECRET)
    assert main(["serve", "--", "demo"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("polar-checkout serve: Refusing to serve while $POLAR_CHECKOUT_SECRET")
    assert SECRET not in err
