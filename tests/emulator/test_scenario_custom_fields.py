"""The built-in `custom-fields` scenario as a client reads it: every field, in order, by hand.

Its product (Fernhill Pilot Programme, free) asks six fields; Polar answers
each as an `AttachedCustomField` (`custom_field/schemas.py`): the field's id,
the field itself (`CustomField*` of its type, with only the properties the
merchant set), its `order` from 0 and `required`. The ids derive from names and
are pinned here, as the other scenarios' are in `test_seeded_ids.py`.
"""

from __future__ import annotations

from typing import Any

from tui.emulator.store import Store

SECRET = "polar_c_GlS7EAWScQPeVKTvpNqaWYuCXDFm1zlkBhOmi1mfyak"
ORGANIZATION = "b2b656f7-5e0d-4225-81b9-176b0cbfa74a"
CREATED = "2025-01-15T09:30:00Z"


def attached(
    field_id: str, type_: str, slug: str, name: str, properties: dict[str, Any], order: int,
    required: bool,
) -> dict[str, Any]:  # fmt: skip
    return {
        "custom_field_id": field_id,
        "custom_field": {
            "created_at": CREATED,
            "modified_at": None,
            "id": field_id,
            "metadata": {},
            "type": type_,
            "slug": slug,
            "name": name,
            "organization_id": ORGANIZATION,
            "properties": properties,
        },
        "order": order,
        "required": required,
    }


EXPECTED = [
    attached("90b96788-bbc8-447d-88b7-d87c7dae6275", "text", "team_name", "Team name",
             {"form_label": "Team name", "form_placeholder": "The name your workspace will show",
              "min_length": 2, "max_length": 60}, 0, True),
    attached("dc312e48-c041-4f22-872f-66a317841c88", "text", "notes", "Notes",
             {"form_label": "Anything our onboarding team should know?",
              "form_help_text": "Data sources, deadlines, *accessibility needs*: "
                                "a few lines are enough.",
              "textarea": True, "max_length": 1000}, 1, False),
    attached("3bb1c215-37fb-4d16-86df-dabeabdcbbd2", "number", "company_size", "Company size",
             {"form_label": "How many people work at your company?", "ge": 1, "le": 10000},
             2, False),
    # Date bounds are Unix timestamps: 2026-01-01 and 2027-12-31, at midnight UTC.
    attached("2d240a05-eed5-4e45-9cde-6cf804261adb", "date", "start_date", "Start date",
             {"form_label": "When would you like to start?", "ge": 1767225600, "le": 1830211200},
             3, False),
    attached("d03b8ca9-1579-4ff1-af04-54a69c60f2f0", "select", "plan", "Plan",
             {"form_label": "Which plan are you considering?",
              "options": [{"value": "starter", "label": "Starter"},
                          {"value": "growth", "label": "Growth"},
                          {"value": "scale", "label": "Scale"}]}, 4, False),
    attached("9f672bb5-44be-4238-8ff3-211c7270255f", "checkbox", "terms", "Pilot terms",
             {"form_label": "I accept the [pilot terms](https://fernhill.example/pilot-terms)"},
             5, True),
]  # fmt: skip


def test_the_session_asks_every_field_in_order(store: Store) -> None:
    session = store.get_json(SECRET)
    assert session["attached_custom_fields"] == EXPECTED


def test_the_session_starts_free_and_empty(store: Store) -> None:
    session = store.get_json(SECRET)
    assert session["organization"]["id"] == session["organization_id"] == ORGANIZATION
    assert (session["product"]["name"], session["organization"]["name"]) == (
        "Fernhill Pilot Programme",
        "Fernhill Cloud",
    )
    assert len(session["products"]) == 1
    assert session["custom_field_data"] == {}
    assert (session["amount"], session["total_amount"], session["tax_amount"]) == (0, 0, 0)
    assert session["is_free_product_price"] is True
    assert session["is_payment_form_required"] is False
    assert session["locale"] == "en"
