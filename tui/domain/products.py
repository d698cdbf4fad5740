"""The products a session offers, as the choices a customer makes between them."""

from __future__ import annotations

from dataclasses import dataclass

from tui.domain.price_text import describe_price
from tui.polar.models import CheckoutPublic, Price, Product

_PERIODS = {"day": "daily", "week": "weekly", "month": "monthly", "year": "yearly"}
KEY_SEPARATOR = "/"


@dataclass(frozen=True, slots=True)
class ProductOption:
    """One row of the product choice: a product, or one price of a legacy product that
    carries a price per interval (then `product_price_id` is sent with `product_id`)."""

    product: Product
    price: Price
    legacy_price: bool
    currency: str | None
    locale: str | None = None
    """The locale its price is written in (`--locale`, else the session's)."""

    @property
    def key(self) -> str:
        product = self.product.id or ""
        return f"{product}{KEY_SEPARATOR}{self.price.id}" if self.legacy_price else product

    @property
    def name(self) -> str:
        return self.product.name

    @property
    def billing(self) -> str:
        """ "Billed monthly", "Every 3 months", "One-time purchase"."""
        recurring = self.price.type == "recurring" or self.product.is_recurring
        interval = self.price.recurring_interval or self.product.recurring_interval
        if not recurring or interval is None:
            return "One-time purchase"
        count = self.product.recurring_interval_count or 1
        if count > 1:
            return f"Every {count} {interval}s"
        return f"Billed {_PERIODS.get(interval, f'every {interval}')}"

    @property
    def price_label(self) -> str:
        return describe_price(self.price, self.product, currency=self.currency, locale=self.locale)

    def body(self) -> dict[str, str | None]:
        """What choosing it sends."""
        chosen: dict[str, str | None] = {"product_id": self.product.id}
        if self.legacy_price:
            chosen["product_price_id"] = self.price.id
        return chosen


def _prices(session: CheckoutPublic, product: Product) -> list[Price]:
    """The product's prices a customer can pick in the session's currency."""
    listed = (session.prices or {}).get(product.id or "", product.prices)
    currency = (session.currency or "").lower()
    return [
        price
        for price in listed
        if not price.is_archived
        and (not currency or (price.price_currency or currency).lower() == currency)
    ]


def product_options(session: CheckoutPublic, locale: str | None = None) -> list[ProductOption]:
    """Every choice, in the session's order, prices written in `locale`; products without a
    price in its currency are left out."""
    options: list[ProductOption] = []
    products = session.products or ([session.product] if session.product else [])
    for product in products:
        prices = _prices(session, product)
        legacy = len(prices) > 1 and all(price.type == "recurring" for price in prices)
        chosen = prices if legacy else prices[:1]
        options.extend(
            ProductOption(product, price, legacy, session.currency, locale) for price in chosen
        )
    return options


def current_key(session: CheckoutPublic) -> str:
    """The option the server has selected."""
    for option in product_options(session):
        if option.product.id == session.product_id and (
            not option.legacy_price or option.price.id == session.product_price_id
        ):
            return option.key
    return session.product_id or ""


def option_for(session: CheckoutPublic, key: str) -> ProductOption | None:
    return next((option for option in product_options(session) if option.key == key), None)


class NoSuchProduct(ValueError):
    """The text names no product of the session, or more than one; the message is for
    people and names the choices."""


def option_named(session: CheckoutPublic, text: str) -> ProductOption:
    """The choice a person names: by its key (as the form's chooser picks it), by its
    product's id, or by the product's exact name, case aside.

    Raises NoSuchProduct when the text names none of the session's choices, or several (a
    legacy product's prices, or two products of one name): then it lists the candidates.
    """
    options = product_options(session)
    wanted = text.strip()
    keyed = next((option for option in options if option.key == wanted), None)
    if keyed is not None:
        return keyed
    folded = wanted.casefold()
    matches = [
        option
        for option in options
        if wanted == option.product.id or folded == option.name.casefold()
    ]
    if len(matches) == 1:
        return matches[0]
    if matches:
        raise NoSuchProduct(f"{wanted!r} names more than one choice: {_listed(matches)}.")
    if not wanted:
        raise NoSuchProduct(f"A checkout always has a product: give one of {_listed(options)}.")
    raise NoSuchProduct(
        f"This checkout offers no product {wanted!r}: give one of {_listed(options)}."
    )


def _listed(options: list[ProductOption]) -> str:
    """Each choice by its name, its billing and the key that picks it alone."""
    return "; ".join(f"{option.name} · {option.billing} ({option.key})" for option in options)
