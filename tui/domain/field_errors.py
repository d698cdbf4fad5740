"""One mapping from an error's body path to the form field that shows it.

Local rule failures and the server's 422 `loc` paths go through the same function, so
both look the same to the user.
"""

from __future__ import annotations

from tui.domain.validation import ADDRESS_PARTS

FORM_FIELDS = (
    "customer_name",
    "customer_email",
    "country",
    "line1",
    "line2",
    "postal_code",
    "city",
    "state",
    "is_business_customer",
    "customer_billing_name",
    "customer_tax_id",
)
GENERAL = "general"
"""Errors about keys the form does not edit go to the screen's message area."""

_VALUE_ERROR_PREFIX = "Value error, "


def field_for(path: tuple[str | int, ...], message: str) -> str:
    """The form field an error belongs to, or GENERAL."""
    if not path:
        return GENERAL
    head = path[0]
    if head == "customer_billing_address":
        part = path[1] if len(path) > 1 else None
        if isinstance(part, str) and part in ADDRESS_PARTS:
            return part
        lowered = message.lower()
        return "state" if "state" in lowered or "subdivision" in lowered else "country"
    if isinstance(head, str) and head in FORM_FIELDS:
        return head
    return GENERAL


def readable(message: str) -> str:
    """Polar's pydantic messages read "Value error, Invalid US state": keep the sentence."""
    text = message.removeprefix(_VALUE_ERROR_PREFIX)
    return text if text.endswith((".", "!", "?")) else f"{text}."
