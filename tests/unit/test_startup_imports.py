"""Starting the app for a real session, or for a remote emulator, must not load the emulator."""

from __future__ import annotations

import subprocess
import sys

from tui.demo import Demo


def test_app_and_cli_import_without_the_emulator() -> None:
    probe = (
        "import sys, tui.app, tui.cli;"
        "loaded = sorted(m for m in sys.modules if m.split('.')[0] in {'fastapi', 'uvicorn'}"
        " or m.startswith('tui.emulator'));"
        "print(','.join(loaded))"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == ""


def test_demo_on_a_remote_emulator_never_loads_the_emulator(demo: Demo) -> None:
    """`demo --server URL` opens a session of an emulator running elsewhere, headless."""
    probe = (
        "import sys; from tui.cli import main;"
        f"code = main(['demo', '--server', {demo.base_url!r}, '--smoke']);"
        "loaded = sorted(m for m in sys.modules if m.split('.')[0] in {'fastapi', 'uvicorn'}"
        " or m.startswith('tui.emulator'));"
        "print('loaded:', ','.join(loaded)); sys.exit(code)"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode == 0, result.stderr
    assert "smoke: Fieldnotes Pro: total $49.00" in result.stdout
    assert "loaded: \n" in result.stdout
