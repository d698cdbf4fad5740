"""Starting the app for a real session must not load the emulator or its web framework."""

from __future__ import annotations

import subprocess
import sys


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
