"""Bootstrap and run polar-checkout from a fresh clone with nothing but Python 3.11+.

    python3 scripts/dev.py demo      # install what is needed, start the offline demo
    python3 scripts/dev.py test      # install what is needed, run lint, types and the test suite
    python3 scripts/dev.py run ARGS  # install what is needed, run `polar-checkout ARGS`
    python3 scripts/dev.py fidelity  # write docs/fidelity.md from the tests' fidelity markers
    python3 scripts/dev.py bench     # install what is needed, run the speed suite (`--quick`:
                                     # a smoke run; `--suite`: also time the test suite)

The first run creates `.tools/` (a private venv holding a pinned uv) and `.venv/`
(the project's environment, synced exactly from `uv.lock`). Later runs reuse both.
"""

from __future__ import annotations

import os
import subprocess
import sys
import venv
from pathlib import Path

UV_VERSION = "0.13.8"
ROOT = Path(__file__).resolve().parent.parent
TOOLS = ROOT / ".tools"
BIN = "Scripts" if os.name == "nt" else "bin"


def _uv() -> Path:
    uv = TOOLS / BIN / ("uv.exe" if os.name == "nt" else "uv")
    if not uv.exists():
        print(f"Installing uv {UV_VERSION} into {TOOLS.name}/ ...", flush=True)
        venv.EnvBuilder(with_pip=True, clear=True).create(TOOLS)
        pip = TOOLS / BIN / "python"
        subprocess.run(
            [str(pip), "-m", "pip", "install", "--quiet", f"uv=={UV_VERSION}"], check=True
        )
    return uv


def _run(uv: Path, *args: str) -> int:
    env = dict(os.environ, UV_PYTHON_DOWNLOADS="never")
    command = [str(uv), "run", "--locked", "--python", sys.executable, *args]
    return subprocess.run(command, cwd=ROOT, env=env).returncode


def _test(uv: Path, pytest_args: list[str]) -> int:
    steps: list[tuple[str, ...]] = [
        ("ruff", "check", "tui", "tests", "scripts", "benchmarks"),
        ("ruff", "format", "--check", "tui", "tests", "scripts", "benchmarks"),
        ("mypy",),
        ("lint-imports",),
        ("pytest", "--numprocesses", "2", *pytest_args),  # many tests wait on the app, not the CPU
    ]
    for step in steps:
        print(f"\n$ {' '.join(step)}", flush=True)
        code = _run(uv, *step)
        if code != 0:
            return code
    return 0


def main(argv: list[str]) -> int:
    if sys.version_info < (3, 11):  # noqa: UP036 - this script may be started by an older Python
        print("polar-checkout needs Python 3.11 or newer.", file=sys.stderr)
        return 2
    if not argv or argv[0] not in {"demo", "test", "run", "fidelity", "bench"}:
        print(__doc__, file=sys.stderr)
        return 2
    uv = _uv()
    command, rest = argv[0], argv[1:]
    if command == "test":
        return _test(uv, rest)
    if command == "fidelity":
        os.environ["POLAR_FIDELITY_WRITE"] = "1"
        return _run(uv, "pytest", "-q", "-p", "no:cacheprovider", "tests", "-k", "fidelity_table")
    if command == "bench":  # a module of the checkout, not of the installed package
        return _run(uv, "python", "-m", "benchmarks", *rest)
    if command == "demo":
        return _run(uv, "polar-checkout", "demo", *rest)
    return _run(uv, "polar-checkout", *rest)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
