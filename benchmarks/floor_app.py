"""The realistic floor: the least an app doing our job could be. A bare Textual app with 12
inputs that imports what we import (textual, httpx, pydantic, email-validator), GETs the
same session from the same server, parses it with `json.loads` and shows its product name.

    python benchmarks/floor_app.py SECRET --server URL
"""

from __future__ import annotations

import argparse
import json
import sys

import email_validator
import httpx
import pydantic
from textual.app import App, ComposeResult
from textual.widgets import Input, Static

IMPORTED = (email_validator, pydantic)
"""Imported for their cost only, as the app imports them."""
FIELDS = 12


class FloorApp(App[None]):
    def __init__(self, secret: str, server: str) -> None:
        super().__init__()
        self._secret = secret
        self._server = server

    def compose(self) -> ComposeResult:
        yield Static("", id="product", markup=False)
        for index in range(FIELDS):
            yield Input(placeholder=f"field {index + 1}", id=f"field-{index}")

    async def on_mount(self) -> None:
        async with httpx.AsyncClient(base_url=self._server, timeout=10) as http:
            response = await http.get(f"/v1/checkouts/client/{self._secret}")
        session = json.loads(response.content)
        self.query_one("#product", Static).update(session["product"]["name"])


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("secret")
    parser.add_argument("--server", required=True)
    args = parser.parse_args()
    FloorApp(args.secret, args.server).run()
    return 0


if __name__ == "__main__":
    sys.exit(main())
