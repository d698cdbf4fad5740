"""Scenario files read into scenarios: the user's (`--scenarios FILE`) and the built-in ones.

`load_scenarios(path)` reads a TOML or JSON file (the format follows its
extension), checks it against `schema.ScenarioFile`, checks the references
between its entries, and builds the scenarios in file order. The built-in
scenarios are `builtin.toml` beside this module, read the same way
(`builtin_scenarios`). See `examples/scenarios.example.toml` for a commented
example.

A bad file raises `ScenarioFileError`, one line per problem, each naming the
entry by its path: `scenarios.toml: sessions[2].product: unknown product
"pro-yearly"`. Schema problems are all reported at once; the cross-references
(products, organizations, custom fields, currencies) are checked, again all at
once, once the schema holds; a subscription must be to a recurring product.
"""

from __future__ import annotations

import json
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path
from typing import Any, Final
from uuid import UUID

from pydantic import ValidationError

from tui.emulator.model.catalog import Catalog, Discount, Organization, Product
from tui.emulator.model.custom_fields import AttachedCustomField, CustomField
from tui.emulator.model.customers import CustomerSubscription

from .custom_fields import FIELD_TAGS, AttachedFieldSpec
from .prices import PRICE_TAGS
from .scenario import Scenario
from .schema import ScenarioFile

BUILTIN: Final = Path(__file__).with_name("builtin.toml")
_VALUE_ERROR_PREFIX: Final = "Value error, "
_UNION_TAGS: Final = PRICE_TAGS | FIELD_TAGS


class ScenarioFileError(Exception):
    """A scenario file that cannot be used; `problems` holds one line per problem."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = tuple(problems)


@cache
def builtin_scenarios() -> tuple[Scenario, ...]:
    """The demo sessions every emulator seeds unless given a file (read once per process)."""
    return load_scenarios(BUILTIN)


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
    """`("products", 0, "prices", 1, "fixed", "amount")` -> `products[0].prices[1].amount`.

    The tag of a price's or a custom field's union is left out: the entry's
    `amount_type` or `type` already implies it.
    """
    text = ""
    for index, part in enumerate(loc):
        if isinstance(part, int):
            text += f"[{part}]"
        elif index > 0 and isinstance(loc[index - 1], int) and part in _UNION_TAGS:
            continue
        else:
            text += f".{part}" if text else part
    return text


def _problem(path: Path, loc: tuple[str | int, ...], message: str) -> str:
    message = message.removeprefix(_VALUE_ERROR_PREFIX)
    where = _location(loc)
    return f"{path}: {where}: {message}" if where else f"{path}: {message}"


def _unknown(kind: str, name: str) -> str:
    return f'unknown {kind} "{name}"'


@dataclass
class _Builder:
    """Checks the cross-references, then makes the catalog objects and scenarios."""

    path: Path
    spec: ScenarioFile
    problems: list[str] = field(default_factory=list)

    def build(self) -> tuple[Scenario, ...]:
        orgs = self._organizations()
        fields = self._custom_fields(orgs)
        products = self._products(orgs, fields)
        discounts = self._discounts(orgs, products)
        subscriptions = self._subscriptions(orgs, products)
        scenarios = self._sessions(orgs, products, discounts, subscriptions)
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
            orgs[org.slug] = org.to_organization()
        return orgs

    def _custom_fields(self, orgs: Mapping[str, Organization]) -> dict[str, dict[str, CustomField]]:
        """Organization slug -> its custom fields by slug."""
        fields: dict[str, dict[str, CustomField]] = {slug: {} for slug in orgs}
        for index, spec in enumerate(self.spec.custom_fields):
            where = ("custom_fields", index)
            org = orgs.get(spec.organization)
            if org is None:
                self._fail((*where, "organization"), _unknown("organization", spec.organization))
                continue
            if spec.slug in fields[spec.organization]:
                self._fail((*where, "slug"), f'duplicate custom field "{spec.slug}"')
            fields[spec.organization][spec.slug] = spec.to_custom_field(org)
        return fields

    def _products(
        self, orgs: Mapping[str, Organization], fields: Mapping[str, Mapping[str, CustomField]]
    ) -> dict[str, tuple[str, Product]]:
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
            attached = self._attached(where, spec.attached_custom_fields, fields, spec.organization)
            products[spec.key] = (spec.organization, spec.to_product(attached))
        return products

    def _attached(
        self,
        where: tuple[str | int, ...],
        specs: Sequence[AttachedFieldSpec],
        fields: Mapping[str, Mapping[str, CustomField]],
        organization: str,
    ) -> tuple[AttachedCustomField, ...]:
        """A product's custom fields, numbered in the order the file lists them."""
        attached: list[AttachedCustomField] = []
        own = fields.get(organization, {})
        for index, spec in enumerate(specs):
            loc = (*where, "attached_custom_fields", index, "slug")
            field = own.get(spec.slug)
            if field is None:
                self._fail(loc, _unknown("custom field", spec.slug))
            elif any(entry.field == field for entry in attached):
                self._fail(loc, f'custom field "{spec.slug}" is attached twice')
            else:
                attached.append(AttachedCustomField(field, len(attached), spec.required))
        return tuple(attached)

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
            discounts[spec.organization].append(spec.to_discount(frozenset(product_ids)))
        return discounts

    def _subscriptions(
        self, orgs: Mapping[str, Organization], products: Mapping[str, tuple[str, Product]]
    ) -> dict[str, list[CustomerSubscription]]:
        """Organization slug -> the subscriptions its customers hold."""
        subscriptions: dict[str, list[CustomerSubscription]] = {slug: [] for slug in orgs}
        for index, spec in enumerate(self.spec.subscriptions):
            where = ("subscriptions", index, "product")
            owner, product = products.get(spec.product, ("", None))
            if product is None:
                self._fail(where, _unknown("product", spec.product))
            elif not product.is_recurring:
                self._fail(where, f'product "{spec.product}" is not recurring')
            elif owner in orgs:
                subscription = spec.to_subscription(orgs[owner].id, product.id)
                subscriptions[owner].append(subscription)
        return subscriptions

    def _sessions(
        self,
        orgs: Mapping[str, Organization],
        products: Mapping[str, tuple[str, Product]],
        discounts: Mapping[str, list[Discount]],
        subscriptions: Mapping[str, list[CustomerSubscription]],
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
            scenarios.append(spec.to_scenario(catalog, product, tuple(subscriptions[owner])))
        return tuple(scenarios)
