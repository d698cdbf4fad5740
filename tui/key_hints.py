"""The key that does a binding now, for text that names one (banners, notices, hints): the
user's keymap (`[keymap]` in the config file) first, else the binding's own key."""

from __future__ import annotations

from textual.binding import Binding
from textual.dom import DOMNode
from textual.keys import format_key


def key_hint(node: DOMNode, binding_id: str, default: str | None = None) -> str:
    """`ctrl+r`, `f5`, `esc`: the first key the keymap gives `binding_id`, else `default`,
    else the first key of the binding with that id on `node` or above it (the screen, the
    app); written as a keymap writes it, a named key as the footer names it."""
    mapped = node.app._keymap.get(binding_id)  # Textual keeps the keymap there, normalised
    return format_key(mapped.split(",")[0].strip() if mapped else default or _own(node, binding_id))


def _own(node: DOMNode, binding_id: str) -> str:
    for owner in node.ancestors_with_self:
        for cls in type(owner).__mro__:
            for binding in Binding.make_bindings(getattr(cls, "BINDINGS", ())):
                if binding.id == binding_id:
                    return binding.key
    raise LookupError(f"no binding {binding_id!r} on {node!r} or above it")


def with_key(text: str, node: DOMNode, binding_id: str, default: str) -> str:
    """Our own `text` (a pure layer's, naming the `default` key of `binding_id` last) with
    the user's key in its place. Only the last mention changes: text from elsewhere (a
    discount's name) comes before ours and is left as it is."""
    head, found, tail = text.rpartition(default)
    return f"{head}{key_hint(node, binding_id, default)}{tail}" if found else text
