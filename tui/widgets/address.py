"""Billing address pane: which parts show and which are required follows Polar's rule."""

from __future__ import annotations

from collections.abc import Mapping

from textual.app import ComposeResult

from tui.domain import regions
from tui.domain.draft import Draft
from tui.domain.validation import FieldMode
from tui.widgets.field import FormField
from tui.widgets.form_input import FormInput
from tui.widgets.form_pane import FormPane
from tui.widgets.region_input import RegionInput


class AddressPane(FormPane):
    def __init__(self) -> None:
        super().__init__("Billing address", id="address-pane")
        self._state_country = ""

    def compose(self) -> ComposeResult:
        country = RegionInput(placeholder="Type a country name or code", id="country")
        country.set_regions(regions.supported_countries())
        yield FormField("Country", country, field_id="country")
        yield FormField("Address line 1", FormInput(id="line1", compact=True), field_id="line1")
        yield FormField("Address line 2", FormInput(id="line2", compact=True), field_id="line2")
        yield FormField(
            "Postal code", FormInput(id="postal_code", compact=True), field_id="postal_code"
        )
        yield FormField("City", FormInput(id="city", compact=True), field_id="city")
        yield FormField("State / region", RegionInput(placeholder="", id="state"), field_id="state")

    def load(self, draft: Draft) -> None:
        self.follow_country(draft.country)
        super().load(draft)

    def follow_country(self, country: str) -> None:
        """US and CA states come from a list; elsewhere the state is free text."""
        code = country.strip().upper()
        if code == self._state_country:
            return
        left_a_list = bool(regions.subdivisions(self._state_country))
        self._state_country = code
        state = self.fields["state"].editor
        assert isinstance(state, RegionInput)
        subdivisions = regions.subdivisions(code)
        state.set_regions(subdivisions)
        if left_a_list:
            state.load("")  # a US state or CA province means nothing in another country
        kind = "state" if code == "US" else "province or territory"
        state.input.placeholder = f"Type a {kind}" if subdivisions else ""

    def apply_modes(self, modes: Mapping[str, FieldMode]) -> None:
        for name, field in self.fields.items():
            field.set_mode(modes.get(name, FieldMode.OPTIONAL))
