"""`polar-checkout config path|show|check`: where the settings file is, what applies, what is
wrong with it."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from tui import keys
from tui.config import LoadedConfig, load_config, unknown_names

CONFIG_HELP = "settings file (default: see `polar-checkout config path`)"


def add_config_option(command: argparse.ArgumentParser) -> None:
    command.add_argument("--config", type=Path, metavar="FILE", help=CONFIG_HELP)


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    config_cmd = commands.add_parser("config", help="where the settings file is, what it sets")
    config_cmd.add_argument(
        "action",
        choices=("path", "show", "check"),
        help="path: where it is read from; show: the settings that apply; check: its problems",
    )
    add_config_option(config_cmd)


def run(args: argparse.Namespace) -> int:
    loaded = load_config(args.config)
    if args.action == "path":
        print(loaded.path if loaded.found else f"{loaded.path} (not there yet)")
        return 0
    if args.action == "show":
        print(_as_toml(loaded))
        return 0
    problems = [*loaded.problems, *_unknown(loaded)]
    for problem in problems:
        print(problem)
    if not problems:
        print(f"{loaded.path}: OK" if loaded.found else f"{loaded.path}: not there; defaults apply")
    return 1 if problems else 0


def _unknown(loaded: LoadedConfig) -> list[str]:
    from textual.theme import BUILTIN_THEMES

    from tui.appearance import HIGH_CONTRAST

    themes = {*BUILTIN_THEMES, HIGH_CONTRAST.name}
    return [
        f"{loaded.path}: {problem}"
        for problem in unknown_names(loaded.config, themes=themes, bindings=keys.ALL)
    ]


def _as_toml(loaded: LoadedConfig) -> str:
    config = loaded.config
    lines = [f"# from {loaded.path}" + ("" if loaded.found else " (not there: defaults)")]
    lines += [f"# and the environment: {', '.join(loaded.from_env)}"] if loaded.from_env else []
    for key in ("server", "locale", "theme"):
        value = getattr(config, key)
        lines.append(f"{key} = {json.dumps(value)}" if value else f"# {key}: not set")
    lines += ["", "[timeouts]"]
    lines += [f"{key} = {getattr(config.timeouts, key):g}" for key in ("connect", "read", "stream")]
    lines += ["", "[keymap]"]
    lines += [f"{binding} = {json.dumps(shown)}" for binding, shown in config.keymap.items()]
    return "\n".join(lines)
