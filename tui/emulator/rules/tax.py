"""A stand-in for Stripe Tax: a fixed rate table, so demo and test totals are predictable.

The numbers are illustrative standard rates, not tax advice, and stay put so
tests can assert exact amounts.

- Rates by billing country: the standard VAT rate of each EU member state, GB
  20 %, NO 25 %, CH 8.1 %, AU 10 %, NZ 15 %, JP 10 %, IN 18 % (GST), CA 5 %
  (federal GST only) and, in the US, a handful of states that tax digital
  goods (NY 4 %, PA 6 %, TX 6.25 %, WA 6.5 %). Any other country or US state: 0.
- Behaviour: a price's own `tax_behavior`, else the organization's default.
  `location` means exclusive in US, CA and IN and inclusive elsewhere (Polar's
  rule).
- Rounding, in the currency's minor units, half up (no amount is negative):
  exclusive: tax = round(net * rate), added on top;
  inclusive: tax = amount - round(amount / (1 + rate)), carved out of the amount.
- Placing the customer: US and CA addresses need a state or province (the rate
  depends on it); without one the location is "incomplete" and the session's
  tax becomes null, as when Stripe cannot place an address. Elsewhere the
  country is enough.
- Reverse charge: every seeded seller is established outside the EU (see
  `Organization.country`), so a customer in an EU member state with a tax ID
  (already validated against that country) pays 0; so would an EU business of
  another member state than an EU seller's.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Final

from tui.domain.tax_id import EU_MEMBER_STATES as EU_MEMBER_STATES
from tui.domain.validation import AddressValues
from tui.emulator.model.catalog import TaxBehavior, TaxBehaviorOption

EXCLUSIVE_COUNTRIES: Final = frozenset({"US", "CA", "IN"})

COUNTRY_RATES: Final[dict[str, Decimal]] = {
    code: Decimal(rate)
    for code, rate in {
        # EU member states, standard VAT rates.
        "AT": "0.20", "BE": "0.21", "BG": "0.20", "CY": "0.19", "CZ": "0.21",
        "DE": "0.19", "DK": "0.25", "EE": "0.24", "ES": "0.21", "FI": "0.255",
        "FR": "0.20", "GR": "0.24", "HR": "0.25", "HU": "0.27", "IE": "0.23",
        "IT": "0.22", "LT": "0.21", "LU": "0.17", "LV": "0.21", "MT": "0.18",
        "NL": "0.21", "PL": "0.23", "PT": "0.23", "RO": "0.21", "SE": "0.25",
        "SI": "0.22", "SK": "0.23",
        # Elsewhere.
        "GB": "0.20", "NO": "0.25", "CH": "0.081", "AU": "0.10", "NZ": "0.15",
        "JP": "0.10", "IN": "0.18", "CA": "0.05",
    }.items()
}  # fmt: skip

US_STATE_RATES: Final[dict[str, Decimal]] = {
    "US-NY": Decimal("0.04"),
    "US-PA": Decimal("0.06"),
    "US-TX": Decimal("0.0625"),
    "US-WA": Decimal("0.065"),
}


class IncompleteTaxLocation(Exception):
    """The address does not say enough to pick a rate (a US or CA address without a state)."""


@dataclass(frozen=True, slots=True)
class TaxQuote:
    amount: int
    behavior: TaxBehavior


def behavior_for(option: TaxBehaviorOption, country: str) -> TaxBehavior:
    if option == "location":
        return "exclusive" if country in EXCLUSIVE_COUNTRIES else "inclusive"
    return option


def rate_for(address: AddressValues) -> Decimal:
    if address.country in ("US", "CA") and address.state is None:
        raise IncompleteTaxLocation(address.country)
    if address.country == "US":
        return US_STATE_RATES.get(address.state or "", Decimal(0))
    return COUNTRY_RATES.get(address.country, Decimal(0))


def is_reverse_charge(address: AddressValues, tax_id: str | None, seller_country: str) -> bool:
    return (
        tax_id is not None
        and address.country in EU_MEMBER_STATES
        and address.country != seller_country
    )


def _round(value: Decimal) -> int:
    return int(value.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def calculate(
    amount: int,
    option: TaxBehaviorOption,
    address: AddressValues,
    *,
    tax_id: str | None,
    seller_country: str,
) -> TaxQuote:
    """The tax on `amount` (minor units, after discount) for a customer at `address`.

    Raises IncompleteTaxLocation when the address cannot be placed.
    """
    behavior = behavior_for(option, address.country)
    rate = rate_for(address)
    if rate == 0 or is_reverse_charge(address, tax_id, seller_country):
        return TaxQuote(0, behavior)
    if behavior == "exclusive":
        return TaxQuote(_round(amount * rate), behavior)
    return TaxQuote(amount - _round(amount / (1 + rate)), behavior)
