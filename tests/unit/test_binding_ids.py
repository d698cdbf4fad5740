"""Every key binding has an id a keymap can name (`tui.keys`), and each id is used."""

from __future__ import annotations

import importlib
import inspect
import pkgutil

from textual.binding import Binding
from textual.dom import DOMNode

import tui.screens
import tui.widgets
from tui import keys
from tui.app import CheckoutApp


def our_bindings() -> list[tuple[str, Binding]]:
    owners: list[type[DOMNode]] = [CheckoutApp]
    for package in (tui.screens, tui.widgets):
        for module_info in pkgutil.iter_modules(package.__path__):
            module = importlib.import_module(f"{package.__name__}.{module_info.name}")
            owners += [
                owner
                for _, owner in inspect.getmembers(module, inspect.isclass)
                if issubclass(owner, DOMNode) and owner.__module__.startswith("tui.")
            ]
    found = [
        (owner.__name__, binding)
        for owner in owners
        for binding in owner.__dict__.get("BINDINGS", [])
    ]
    assert [name for name, binding in found if not isinstance(binding, Binding)] == []
    return [(f"{name}: {binding.key}", binding) for name, binding in found]


def test_every_binding_has_a_known_id() -> None:
    missing = [name for name, binding in our_bindings() if binding.id not in keys.ALL]
    assert missing == []


def test_every_id_names_a_binding() -> None:
    assert keys.ALL - {binding.id for _, binding in our_bindings()} == set()
