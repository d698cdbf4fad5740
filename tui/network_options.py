"""The command-line options that bound waiting for the network, shared by `open`, `demo` and
`apply`. No Textual import."""

from __future__ import annotations

import argparse
from dataclasses import replace

import httpx

from tui.polar.watch import DEFAULT_SETTINGS, FollowSettings
from tui.settings import CONNECT_TIMEOUT, READ_TIMEOUT


def add_timeout_options(command: argparse.ArgumentParser, *, stream: bool = True) -> None:
    command.add_argument(
        "--connect-timeout",
        type=float,
        default=CONNECT_TIMEOUT,
        metavar="SECONDS",
        help=f"give up connecting after this long (default: {CONNECT_TIMEOUT:g})",
    )
    command.add_argument(
        "--read-timeout",
        type=float,
        default=READ_TIMEOUT,
        metavar="SECONDS",
        help=f"give up waiting for an answer after this long (default: {READ_TIMEOUT:g})",
    )
    if stream:
        command.add_argument(
            "--stream-timeout",
            type=float,
            default=DEFAULT_SETTINGS.read_timeout,
            metavar="SECONDS",
            help="reconnect the live stream after this long without data "
            f"(default: {DEFAULT_SETTINGS.read_timeout:g})",
        )


def timeout(args: argparse.Namespace) -> httpx.Timeout:
    """Each request's bounds, as the options set them."""
    connect = getattr(args, "connect_timeout", CONNECT_TIMEOUT)
    return httpx.Timeout(getattr(args, "read_timeout", READ_TIMEOUT), connect=connect)


def follow_settings(args: argparse.Namespace) -> FollowSettings:
    """How the live stream is followed, with the stream's own time-out from the options."""
    seconds = getattr(args, "stream_timeout", DEFAULT_SETTINGS.read_timeout)
    return replace(DEFAULT_SETTINGS, read_timeout=seconds)
