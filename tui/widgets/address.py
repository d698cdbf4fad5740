"""Billing address pane: country and state narrow a list as you type; the other parts are text."""

from __future__ import annotations

from textual.app import ComposeResult

from tui.domain import regions
from tui.domain.draft import max_length
from tui.domain.fields import BY_NAME
from tui.widgets.field import FormField
from tui.widgets.form_pane import FormPane, text_field
from tui.widgets.region_input import RegionInput


class AddressPane(FormPane):
    def __init__(self) -> None:
        super().__init__("Billing address", id="address-pane")
        self._state_country = ""
        self._country = RegionInput(
            placeholder="Type a country name or code", id="country", limit=max_length("country")
        )
        self._state = RegionInput(placeholder="", id="state", limit=max_length("state"))

    def compose(self) -> ComposeResult:
        self._country.set_regions(regions.supported_countries())
        yield FormField(BY_NAME["country"].label, self._country, field_id="country")
        yield text_field("line1")
        yield text_field("line2")
        yield text_field("postal_code")
        yield text_field("city")
        yield FormField(BY_NAME["state"].label, self._state, field_id="state")

    def follow_country(self, code: str) -> None:
        """US and CA states come from a list; elsewhere the state is free text."""
        if code == self._state_country:
            return
        self._state_country = code
        subdivisions = regions.subdivisions(code)
        self._state.set_regions(subdivisions)
        kind = "state" if code == "US" else "province or territory"
        self._state.input.placeholder = f"Type a {kind}" if subdivisions else ""
