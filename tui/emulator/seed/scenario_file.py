"""User scenario files: organizations, products, prices, discounts and sessions, in TOML or JSON.

`load_scenarios(path)` reads a file (the format follows its extension), checks it
against `ScenarioFile` and builds the emulator's own `Scenario` objects, with
stable ids and secrets derived from the names in the file, as the seeded ones
are. See `examples/scenarios.example.toml` for a commented example.

A bad file raises `ScenarioFileError`, one line per problem, each naming the
entry by its path: `scenarios.toml: sessions[2].product: unknown product
"pro-yearly"`. Schema problems are all reported at once; the cross-references
(products, organizations, currencies) are checked, again all at once, once the
schema holds.

Prices follow Polar's types: `fixed`, `custom` (pay what you want), `free` (a
fixed price of 0, as the emulator's catalog stores it), `seat_based` and
`unit_based` (volume or graduated tiers). Polar's metered prices (billed after
use, not at checkout) are not modelled by the emulator.
"""

from __future__ import annotations

import json
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Annotated, Any, Final, Literal
from uuid import UUID

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)

from tui.domain import regions
from tui.domain.validation import (
    check_address,
    check_customer_name,
    check_email,
    check_tax_id,
    clean_text,
)
from tui.emulator.model.catalog import (
    AmountType,
    Benefit,
    BenefitType,
    Catalog,
    Discount,
    DiscountDuration,
    Interval,
    Organization,
    Price,
    Product,
    SeatTier,
    TaxBehaviorOption,
    UnitTier,
)
from tui.emulator.model.ids import stable_uuid
from tui.emulator.model.session import Status
from tui.emulator.rules import limits

from .scenarios import CATALOG_CREATED_AT, SESSION_TTL, Scenario

PRICE_TAGS: Final = frozenset({"fixed", "custom", "free", "seat_based", "unit_based"})
_VALUE_ERROR_PREFIX: Final = "Value error, "


def _lower(value: object) -> object:
    return value.lower() if isinstance(value, str) else value


def _known_currency(currency: str) -> str:
    if currency not in limits.MINIMUMS:
        raise ValueError(f'unsupported currency "{currency}"')
    return currency


def _known_country(country: str) -> str:
    if not regions.is_supported_country(country):
        raise ValueError(f'unsupported country "{country}"')
    return country


def _assume_utc(moment: datetime) -> datetime:
    """A moment without an offset (a TOML local date-time, an ISO text without one) is UTC."""
    return moment.replace(tzinfo=UTC) if moment.utcoffset() is None else moment


Currency = Annotated[
    str, BeforeValidator(_lower), Field(pattern=r"^[a-z]{3}$"), AfterValidator(_known_currency)
]
Country = Annotated[str, Field(pattern=r"^[A-Z]{2}$"), AfterValidator(_known_country)]
Name = Annotated[str, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*$", max_length=100)]
Text = Annotated[str, Field(min_length=1)]
Amount = Annotated[int, Field(ge=0)]
Moment = Annotated[datetime, AfterValidator(_assume_utc)]
"""A date-time; without an offset it is read as UTC (the emulator's clock is aware)."""


class _Spec(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class OrganizationSpec(_Spec):
    slug: Name
    name: Text
    default_currency: Currency = "usd"
    default_tax_behavior: TaxBehaviorOption = "location"
    country: Country = "US"
    avatar_url: str | None = None
    localization_enabled: bool = True
    blocked: bool = False
    can_accept_payments: bool = True


class _PriceSpec(_Spec):
    currency: Currency
    tax_behavior: TaxBehaviorOption | None = None


class FixedPriceSpec(_PriceSpec):
    amount_type: Literal["fixed"]
    amount: Amount


class FreePriceSpec(_PriceSpec):
    amount_type: Literal["free"]


class CustomPriceSpec(_PriceSpec):
    amount_type: Literal["custom"]
    minimum_amount: Amount = 0
    maximum_amount: Amount | None = None
    preset_amount: Amount | None = None

    @model_validator(mode="after")
    def _ordered(self) -> CustomPriceSpec:
        top = self.maximum_amount
        if top is not None and top < self.minimum_amount:
            raise ValueError("maximum_amount is below minimum_amount")
        preset = self.preset_amount
        if preset is not None and (
            preset < self.minimum_amount or (top is not None and preset > top)
        ):
            raise ValueError("preset_amount is outside minimum_amount..maximum_amount")
        return self


class SeatTierSpec(_Spec):
    min_seats: Annotated[int, Field(ge=1)]
    max_seats: Annotated[int, Field(ge=1)] | None = None
    price_per_seat: Amount


class SeatPriceSpec(_PriceSpec):
    amount_type: Literal["seat_based"]
    tier_type: Literal["volume", "graduated"] = "volume"
    tiers: Annotated[list[SeatTierSpec], Field(min_length=1)]

    @model_validator(mode="after")
    def _contiguous(self) -> SeatPriceSpec:
        expected = self.tiers[0].min_seats
        for number, tier in enumerate(self.tiers, start=1):
            if tier.min_seats != expected:
                raise ValueError(f"tier {number} must start at {expected} seats")
            if tier.max_seats is None:
                if number != len(self.tiers):
                    raise ValueError(f"only the last tier may leave max_seats open (tier {number})")
                break
            if tier.max_seats < tier.min_seats:
                raise ValueError(f"tier {number} ends before it starts")
            expected = tier.max_seats + 1
        return self


class UnitTierSpec(_Spec):
    bound: Annotated[int, Field(ge=1)] | None = None
    """The last unit (inclusive) at this rate; only the last tier may leave it open."""
    unit_amount: Amount


class UnitPriceSpec(_PriceSpec):
    amount_type: Literal["unit_based"]
    tier_type: Literal["volume", "graduated"] = "volume"
    tiers: Annotated[list[UnitTierSpec], Field(min_length=1)]
    minimum_units: Annotated[int, Field(ge=1)] | None = None
    maximum_units: Annotated[int, Field(ge=1)] | None = None

    @model_validator(mode="after")
    def _increasing(self) -> UnitPriceSpec:
        bounds = [tier.bound for tier in self.tiers]
        if None in bounds[:-1]:
            raise ValueError("only the last tier may leave its bound open")
        closed = [bound for bound in bounds if bound is not None]
        if closed != sorted(set(closed)):
            raise ValueError("tier bounds must increase")
        last, most = bounds[-1], self.maximum_units
        if most is not None and last is not None and most > last:
            raise ValueError("maximum_units is above the last tier's bound")
        highest = most or last
        if highest is not None and highest < (self.minimum_units or 1):
            raise ValueError("minimum_units is above the most units one can buy")
        return self


AnyPriceSpec = FixedPriceSpec | CustomPriceSpec | FreePriceSpec | SeatPriceSpec | UnitPriceSpec
PriceSpec = Annotated[AnyPriceSpec, Field(discriminator="amount_type")]


class BenefitSpec(_Spec):
    type: BenefitType = "custom"
    description: Text


class ProductSpec(_Spec):
    key: Name
    """How sessions and discounts refer to the product."""
    organization: str
    name: Text
    description: str | None = None
    recurring_interval: Interval | None = None
    recurring_interval_count: Annotated[int, Field(ge=1)] = 1
    trial_interval: Interval | None = None
    trial_interval_count: Annotated[int, Field(ge=1)] = 1
    is_tax_applicable: bool = True
    prices: Annotated[list[PriceSpec], Field(min_length=1)]
    benefits: list[BenefitSpec] = []

    @model_validator(mode="after")
    def _trial_needs_recurring(self) -> ProductSpec:
        if self.trial_interval is not None and self.recurring_interval is None:
            raise ValueError("a trial needs a recurring product (recurring_interval)")
        return self


class DiscountSpec(_Spec):
    organization: str
    code: Annotated[str, Field(pattern=r"^[A-Za-z0-9_-]+$")]
    name: Text
    type: Literal["percentage", "fixed"]
    duration: DiscountDuration = "once"
    duration_in_months: Annotated[int, Field(ge=1)] | None = None
    basis_points: Annotated[int, Field(ge=1, le=10_000)] | None = None
    amounts: dict[Currency, Amount] = {}
    products: list[str] = []
    """Product keys; empty means every product of the organization."""
    starts_at: Moment | None = None
    """When the code starts to work; a date-time without an offset is read as UTC."""
    ends_at: Moment | None = None
    """When the code stops working; a date-time without an offset is read as UTC."""
    max_redemptions: Annotated[int, Field(ge=1)] | None = None
    redemptions: Amount = 0
    """Redemptions made before the emulator started."""
    max_redemptions_per_customer: Annotated[int, Field(ge=1)] | None = None

    @model_validator(mode="after")
    def _consistent(self) -> DiscountSpec:
        if self.type == "percentage" and self.basis_points is None:
            raise ValueError("a percentage discount needs basis_points")
        if self.type == "fixed" and not self.amounts:
            raise ValueError("a fixed discount needs amounts")
        if (self.duration == "repeating") != (self.duration_in_months is not None):
            raise ValueError("duration_in_months goes with (and only with) a repeating duration")
        return self


class AddressSpec(_Spec):
    country: str
    line1: str | None = None
    line2: str | None = None
    postal_code: str | None = None
    city: str | None = None
    state: str | None = None

    @model_validator(mode="after")
    def _as_polar_accepts(self) -> AddressSpec:
        check_address(self.model_dump())
        return self


class CustomerSpec(_Spec):
    name: str | None = None
    email: str | None = None
    billing_name: str | None = None
    billing_address: AddressSpec | None = None
    is_business: bool = False
    tax_id: str | None = None

    @field_validator("name")
    @classmethod
    def _name(cls, value: str | None) -> str | None:
        return check_customer_name(value)

    @field_validator("email")
    @classmethod
    def _email(cls, value: str | None) -> str | None:
        return check_email(value)

    @model_validator(mode="after")
    def _tax_id(self) -> CustomerSpec:
        address = self.billing_address
        check_tax_id(self.tax_id, address.country.upper() if address else None)
        return self


class SessionSpec(_Spec):
    name: Name
    """The scenario's name; its client secret is derived from it."""
    product: str
    currency: Currency | None = None
    """Default: the organization's currency if the product has a price in it."""
    status: Status = "open"
    expires_in_minutes: Annotated[int, Field(le=7 * 24 * 60)] | None = None
    """Minutes until the session expires (default 60); 0 or less: already expired (an hour
    ago), as is a session with status "expired" and no expiry given."""
    allow_discount_codes: bool = True
    require_billing_address: bool = False
    locale: str | None = None
    customer: CustomerSpec = CustomerSpec()


class ScenarioFile(_Spec):
    organizations: Annotated[list[OrganizationSpec], Field(min_length=1)]
    products: Annotated[list[ProductSpec], Field(min_length=1)]
    discounts: list[DiscountSpec] = []
    sessions: Annotated[list[SessionSpec], Field(min_length=1)]


class ScenarioFileError(Exception):
    """A scenario file that cannot be used; `problems` holds one line per problem."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = tuple(problems)


def load_scenarios(path: Path) -> tuple[Scenario, ...]:
    """The file's sessions as scenarios, in file order; raises `ScenarioFileError`."""
    raw = _read(path)
    try:
        spec = ScenarioFile.model_validate(raw)
    except ValidationError as error:
        raise ScenarioFileError(
            [_problem(path, error["loc"], error["msg"]) for error in error.errors()]
        ) from None
    return _Builder(path, spec).build()


def _read(path: Path) -> Any:
    suffix = path.suffix.lower()
    if suffix not in (".toml", ".json"):
        raise ScenarioFileError([f"{path}: expected a .toml or .json file"])
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise ScenarioFileError([f"{path}: cannot read the file: {error}"]) from None
    try:
        return tomllib.loads(text) if suffix == ".toml" else json.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ScenarioFileError([f"{path}: invalid TOML: {error}"]) from None
    except json.JSONDecodeError as error:
        raise ScenarioFileError([f"{path}: invalid JSON: {error}"]) from None


def _location(loc: tuple[str | int, ...]) -> str:
    """`("products", 0, "prices", 1, "fixed", "amount")` -> `products[0].prices[1].amount`."""
    text = ""
    for index, part in enumerate(loc):
        if isinstance(part, int):
            text += f"[{part}]"
        elif index > 0 and isinstance(loc[index - 1], int) and part in PRICE_TAGS:
            continue  # the union's tag, already implied by the entry's amount_type
        else:
            text += f".{part}" if text else part
    return text


def _problem(path: Path, loc: tuple[str | int, ...], message: str) -> str:
    message = message.removeprefix(_VALUE_ERROR_PREFIX)
    where = _location(loc)
    return f"{path}: {where}: {message}" if where else f"{path}: {message}"


@dataclass
class _Builder:
    """Checks the cross-references, then makes the catalog objects and scenarios."""

    path: Path
    spec: ScenarioFile
    problems: list[str] = field(default_factory=list)

    def build(self) -> tuple[Scenario, ...]:
        orgs = self._organizations()
        products = self._products(orgs)
        discounts = self._discounts(orgs, products)
        scenarios = self._sessions(orgs, products, discounts)
        if self.problems:
            raise ScenarioFileError(self.problems)
        return scenarios

    def _fail(self, loc: tuple[str | int, ...], message: str) -> None:
        self.problems.append(_problem(self.path, loc, message))

    def _organizations(self) -> dict[str, Organization]:
        orgs: dict[str, Organization] = {}
        for index, org in enumerate(self.spec.organizations):
            if org.slug in orgs:
                self._fail(("organizations", index, "slug"), f'duplicate organization "{org.slug}"')
            orgs[org.slug] = Organization(
                id=stable_uuid("org", org.slug),
                name=org.name,
                slug=org.slug,
                avatar_url=org.avatar_url,
                created_at=CATALOG_CREATED_AT,
                default_currency=org.default_currency,
                default_tax_behavior=org.default_tax_behavior,
                country=org.country,
                localization_enabled=org.localization_enabled,
                blocked=org.blocked,
                can_accept_payments=org.can_accept_payments,
            )
        return orgs

    def _products(self, orgs: Mapping[str, Organization]) -> dict[str, tuple[str, Product]]:
        """Product key -> (organization slug, product)."""
        products: dict[str, tuple[str, Product]] = {}
        for index, spec in enumerate(self.spec.products):
            where = ("products", index)
            if spec.key in products:
                self._fail((*where, "key"), f'duplicate product "{spec.key}"')
            if spec.organization not in orgs:
                self._fail((*where, "organization"), _unknown("organization", spec.organization))
            currencies = [price.currency for price in spec.prices]
            for price_index, currency in enumerate(currencies):
                if currency in currencies[:price_index]:
                    loc = (*where, "prices", price_index, "currency")
                    self._fail(loc, f'a second price in "{currency}" (one price per currency)')
            products[spec.key] = (spec.organization, _product(spec))
        return products

    def _discounts(
        self, orgs: Mapping[str, Organization], products: Mapping[str, tuple[str, Product]]
    ) -> dict[str, list[Discount]]:
        """Organization slug -> its discounts."""
        discounts: dict[str, list[Discount]] = {slug: [] for slug in orgs}
        for index, spec in enumerate(self.spec.discounts):
            where = ("discounts", index)
            if spec.organization not in orgs:
                self._fail((*where, "organization"), _unknown("organization", spec.organization))
                continue
            taken = {d.code.casefold() for d in discounts[spec.organization] if d.code}
            if spec.code.casefold() in taken:
                self._fail((*where, "code"), f'duplicate discount code "{spec.code}"')
            product_ids: set[UUID] = set()
            for product_index, key in enumerate(spec.products):
                owner, product = products.get(key, (None, None))
                if product is None:
                    self._fail((*where, "products", product_index), _unknown("product", key))
                elif owner != spec.organization:
                    message = f'product "{key}" belongs to organization "{owner}"'
                    self._fail((*where, "products", product_index), message)
                else:
                    product_ids.add(product.id)
            discounts[spec.organization].append(_discount(spec, frozenset(product_ids)))
        return discounts

    def _sessions(
        self,
        orgs: Mapping[str, Organization],
        products: Mapping[str, tuple[str, Product]],
        discounts: Mapping[str, list[Discount]],
    ) -> tuple[Scenario, ...]:
        scenarios: list[Scenario] = []
        names: set[str] = set()
        for index, spec in enumerate(self.spec.sessions):
            where = ("sessions", index)
            if spec.name in names:
                self._fail((*where, "name"), f'duplicate session "{spec.name}"')
            names.add(spec.name)
            owner, product = products.get(spec.product, ("", None))
            if product is None:
                self._fail((*where, "product"), _unknown("product", spec.product))
                continue
            org = orgs.get(owner)
            if org is None:
                continue  # reported with the product
            currency = spec.currency or (
                org.default_currency
                if product.prices_in(org.default_currency)
                else product.prices[0].currency
            )
            if not product.prices_in(currency):
                message = f'product "{spec.product}" has no price in "{currency}"'
                self._fail((*where, "currency"), message)
                continue
            catalog = Catalog(
                replace(org, default_currency=currency),
                tuple(p for o, p in products.values() if o == owner),
                tuple(discounts[owner]),
            )
            scenarios.append(_scenario(spec, catalog, product))
        return tuple(scenarios)


def _unknown(kind: str, name: str) -> str:
    return f'unknown {kind} "{name}"'


def _product(spec: ProductSpec) -> Product:
    product_id = stable_uuid("product", spec.organization, spec.key)
    recurring = spec.recurring_interval is not None
    trial = spec.trial_interval is not None
    return Product(
        id=product_id,
        name=spec.name,
        description=spec.description,
        created_at=CATALOG_CREATED_AT,
        prices=tuple(
            _price(price, product_id, stable_uuid("price", spec.organization, spec.key, str(i)))
            for i, price in enumerate(spec.prices)
        ),
        recurring_interval=spec.recurring_interval,
        recurring_interval_count=spec.recurring_interval_count if recurring else None,
        benefits=tuple(
            Benefit(
                stable_uuid("benefit", spec.organization, spec.key, str(i)),
                benefit.type,
                benefit.description,
            )
            for i, benefit in enumerate(spec.benefits)
        ),
        trial_interval=spec.trial_interval,
        trial_interval_count=spec.trial_interval_count if trial else None,
        is_tax_applicable=spec.is_tax_applicable,
    )


def _price(spec: AnyPriceSpec, product_id: UUID, price_id: UUID) -> Price:
    amount_type: AmountType = "fixed" if spec.amount_type == "free" else spec.amount_type
    price = Price(
        id=price_id,
        product_id=product_id,
        amount_type=amount_type,
        currency=spec.currency,
        created_at=CATALOG_CREATED_AT,
        tax_behavior=spec.tax_behavior,
    )
    if isinstance(spec, FixedPriceSpec):
        return replace(price, price_amount=spec.amount)
    if isinstance(spec, CustomPriceSpec):
        return replace(
            price,
            minimum_amount=spec.minimum_amount,
            maximum_amount=spec.maximum_amount,
            preset_amount=spec.preset_amount,
        )
    if isinstance(spec, SeatPriceSpec):
        tiers = tuple(SeatTier(t.min_seats, t.max_seats, t.price_per_seat) for t in spec.tiers)
        return replace(price, seat_tiers=tiers, seat_tier_type=spec.tier_type)
    if isinstance(spec, UnitPriceSpec):
        return replace(
            price,
            unit_tiers=tuple(UnitTier(t.bound, t.unit_amount) for t in spec.tiers),
            unit_tier_type=spec.tier_type,
            minimum_units=spec.minimum_units,
            maximum_units=spec.maximum_units,
        )
    return price


def _discount(spec: DiscountSpec, product_ids: frozenset[UUID]) -> Discount:
    return Discount(
        id=stable_uuid("discount", spec.organization, spec.code),
        name=spec.name,
        code=spec.code,
        type=spec.type,
        duration=spec.duration,
        basis_points=spec.basis_points or 0,
        amounts=tuple(spec.amounts.items()),
        duration_in_months=spec.duration_in_months,
        product_ids=product_ids,
        starts_at=spec.starts_at,
        ends_at=spec.ends_at,
        max_redemptions=spec.max_redemptions,
        redemptions_count=spec.redemptions,
        max_redemptions_per_customer=spec.max_redemptions_per_customer,
    )


def _customer(spec: CustomerSpec) -> dict[str, Any]:
    """The session fields the customer section fills in (already checked by the schema)."""
    address = check_address(spec.billing_address.model_dump()) if spec.billing_address else None
    return {
        "customer_name": spec.name,
        "customer_email": spec.email,
        "customer_billing_name": clean_text(spec.billing_name),
        "customer_billing_address": address,
        "is_business_customer": spec.is_business,
        "customer_tax_id": check_tax_id(spec.tax_id, address.country if address else None),
    }


def _scenario(spec: SessionSpec, catalog: Catalog, product: Product) -> Scenario:
    minutes = spec.expires_in_minutes
    expired = minutes <= 0 if minutes is not None else spec.status == "expired"
    return Scenario(
        name=spec.name,
        catalog=catalog,
        product=product,
        status=spec.status,
        expired=expired,
        expires_in=timedelta(minutes=minutes) if minutes and minutes > 0 else SESSION_TTL,
        allow_discount_codes=spec.allow_discount_codes,
        require_billing_address=spec.require_billing_address,
        locale=spec.locale,
        customer=_customer(spec.customer),
    )
