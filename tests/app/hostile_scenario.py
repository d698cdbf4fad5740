"""A scenario file whose every server string is hostile (tests/fixtures/hostile.py)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tests.fixtures.hostile import CORPUS, LONG

SHORT = " ".join(text for text in CORPUS if text is not LONG)
"""Every corpus string but the long one, in one line (a name must stay readable)."""
FILLED = {
    "name": "Ada King",
    "email": "ada@example.com",
    "is_business": True,
    "billing_name": "King Analytics",
    "billing_address": {
        "country": "US",
        "line1": "1 Main St",
        "postal_code": "10001",
        "city": "New York",
        "state": "NY",
    },
}
"""A customer with every field of the form filled: every text field shows."""


def _field(slug: str, kind: str, label: str, **extra: Any) -> dict[str, Any]:
    return {"organization": "evil", "type": kind, "slug": slug, "name": slug, **extra} | {
        "form_label": label
    }


def hostile_scenarios(folder: Path) -> Path:
    """Write the file into `folder`: a paid session (`paid`), a free one (`free`), each
    with an email, and a paid one with every customer field filled (`filled`); the
    products ask every kind of custom field."""
    options = [{"value": f"v{index}", "label": text} for index, text in enumerate(CORPUS)]
    fields = [
        _field("note", "text", f"NOTE {SHORT}", max_length=50),
        _field("story", "text", f"STORY {SHORT}", textarea=True, max_length=500),
        _field("pick", "select", f"PICK {SHORT}", options=options),
        _field("agree", "checkbox", f"AGREE {SHORT}"),
    ]
    attached = [{"slug": field["slug"]} for field in fields]
    benefits = [{"type": "custom", "description": text} for text in (f"BENEFIT {SHORT}", *CORPUS)]

    def product(key: str, price: dict[str, Any]) -> dict[str, Any]:
        return {
            "key": key,
            "organization": "evil",
            "name": f"{key.upper()} {SHORT}",
            "description": "\n".join(CORPUS),
            "benefits": benefits,
            "attached_custom_fields": attached,
            "prices": [{"currency": "usd", **price}],
        }

    spec = {
        "organizations": [{"slug": "evil", "name": f"ORG {SHORT}"}],
        "custom_fields": fields,
        "products": [
            product("paid", {"amount_type": "fixed", "amount": 2400}),
            product("free", {"amount_type": "free"}),
        ],
        "sessions": [
            {"name": "paid", "product": "paid", "customer": {"email": "ada@example.com"}},
            {"name": "free", "product": "free", "customer": {"email": "ada@example.com"}},
            {"name": "filled", "product": "paid", "customer": FILLED},
        ],
    }
    path = folder / "hostile.json"
    path.write_text(json.dumps(spec), encoding="utf-8")
    return path
