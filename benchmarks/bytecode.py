"""Both apps launch from compiled bytecode, as an installed app does (pip compiles what it
installs; Python caches the rest on the first run). Where `PYTHONDONTWRITEBYTECODE` is set,
as on this project's machine, no launch would ever find a cache: each would compile every
module it imports, which is not what a user's launch pays and weighs on the app that
imports more. Compiling once beforehand is idempotent and quick when nothing changed."""

from __future__ import annotations

import compileall
import sysconfig
from pathlib import Path

import tui


def compile_installed() -> None:
    """The environment's site-packages and our package (the standard library comes compiled
    with the interpreter)."""
    folders = {sysconfig.get_paths()[name] for name in ("purelib", "platlib")}
    folders.add(str(Path(tui.__file__).parent))
    for folder in sorted(folders):
        compileall.compile_dir(folder, quiet=2, workers=0)
