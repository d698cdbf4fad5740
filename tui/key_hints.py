"""The key that does a binding now, for text that names one (banners, notices, hints): the
user's keymap (`[keymap]` in the config file) first, else the binding's own key."""

from __future__ import annotations

from textual.binding import Binding
from textual.dom import DOMNode


def key_hint(node: DOMNode, binding_id: str) -> str:
    """`ctrl+r`, `f5`: the first key bound to `binding_id` on `node` or its ancestors (the
    screen, the app), written as a keymap writes it."""
    mapped = node.app._keymap.get(binding_id)  # Textual keeps the keymap there, normalised
    if mapped:
        return mapped.split(",")[0].strip()
    for owner in node.ancestors_with_self:
        for cls in type(owner).__mro__:
            for binding in Binding.make_bindings(getattr(cls, "BINDINGS", ())):
                if binding.id == binding_id:
                    return binding.key
    raise LookupError(f"no binding {binding_id!r} on {node!r} or above it")
