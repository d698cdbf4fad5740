"""The choices a customer makes about what they buy: product, amount, seats, units, discount
code, skipping the trial. What each shows, whether it applies, what Polar would store for
it, and Polar's checks, as the form state needs them. No Textual, no HTTP.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from tui import keys
from tui.domain import quantities
from tui.domain.amount_input import AmountError, parse_amount
from tui.domain.money import amount_input_text, format_money
from tui.domain.price_text import billing_interval
from tui.domain.products import ProductOption, current_key, option_for, product_options
from tui.domain.terms import discount_terms, trial_terms
from tui.domain.tiers import breakdown
from tui.domain.validation import FieldMode, RuleError, clean_text
from tui.polar.models import CheckoutPublic, Price

CHOICE_FIELDS = ("product", "amount", "seats", "units", "discount_code", "skip_trial")
Value = str | int | bool | None

NOT_A_WHOLE_NUMBER = "Type a whole number."
AMOUNT_NEEDED = "Type an amount: an empty one is not sent."
TRIAL_SKIPPED = "Trial skipped: Polar cannot turn it back on for this checkout."


@dataclass(frozen=True, slots=True)
class Choice:
    """The session and the product option the form has chosen (stored or picked)."""

    session: CheckoutPublic
    option: ProductOption | None
    locale: str | None

    @classmethod
    def of(cls, session: CheckoutPublic, key: str, locale: str | None) -> Choice:
        return cls(session, option_for(session, key), locale)

    @property
    def is_stored(self) -> bool:
        return self.option is None or self.option.key == current_key(self.session)

    @property
    def price(self) -> Price | None:
        return self.option.price if self.option else self.session.price

    @property
    def currency(self) -> str:
        return (
            self.session.currency or (self.price.price_currency if self.price else None) or "usd"
        ).lower()

    def kind(self) -> str | None:
        return self.price.amount_type if self.price else None

    # What each field shows when the customer has not typed in it -------------------------

    def start_texts(self) -> dict[str, str | bool]:
        """Each choice as the server has it, or, for a product picked but not saved, as
        Polar starts it: seats and units at their minimum, an amount at its preset."""
        session, price = self.session, self.price
        texts: dict[str, str | bool] = {
            "product": self.option.key if self.option else current_key(session),
            "amount": "",
            "seats": "",
            "units": "",
            "discount_code": session.discount.code or "" if session.discount else "",
            "skip_trial": session.allow_trial is False,
        }
        if price is None:
            return texts
        if self.kind() == "custom":
            amount = (
                session.amount if self.is_stored else price.preset_amount or price.minimum_amount
            )
            if amount is not None:
                texts["amount"] = amount_input_text(amount, self.currency, self.locale)
        seats = session.seats if self.is_stored else self.seat_bounds()[0]
        units = session.units if self.is_stored else self.unit_bounds()[0]
        if self.kind() == "seat_based" and seats is not None:
            texts["seats"] = str(seats)
        if self.kind() == "unit_based" and units is not None:
            texts["units"] = str(units)
        return texts

    # Bounds and modes --------------------------------------------------------------------

    def seat_bounds(self) -> tuple[int, int | None]:
        tiers: Mapping[str, Any] = (self.price.seat_tiers if self.price else None) or {}
        price_bounds = (
            int(tiers.get("minimum_seats") or 1),
            _int_or_none(tiers.get("maximum_seats")),
        )
        session = (
            (self.session.min_seats, self.session.max_seats) if self.is_stored else (None, None)
        )
        return quantities.quantity_bounds(price_bounds, session)

    def unit_bounds(self) -> tuple[int, int | None]:
        price = self.price
        price_bounds = (
            (price.minimum_units or 1) if price else 1,
            price.maximum_units if price else None,
        )
        session = (
            (self.session.min_units, self.session.max_units) if self.is_stored else (None, None)
        )
        return quantities.quantity_bounds(price_bounds, session)

    def modes(self) -> dict[str, FieldMode]:
        session = self.session
        shown = FieldMode.OPTIONAL
        hidden = FieldMode.DISABLED
        trial = bool(session.active_trial_interval) and session.allow_trial is not False
        return {
            "product": shown if len(product_options(session)) > 1 else hidden,
            "amount": shown if self.kind() == "custom" else hidden,
            "seats": shown if self.kind() == "seat_based" else hidden,
            "units": shown if self.kind() == "unit_based" else hidden,
            "discount_code": shown
            if session.allow_discount_codes and (session.is_discount_applicable or session.discount)
            else hidden,
            "skip_trial": shown if trial and self.is_stored else hidden,
        }

    # Values as Polar would store them ----------------------------------------------------

    def check(self, texts: Mapping[str, str | bool]) -> tuple[dict[str, Value], dict[str, str]]:
        """Each choice's value as it would be sent, and Polar's message for any it refuses."""
        values: dict[str, Value] = {
            "product": str(texts["product"]),
            "amount": clean_text(str(texts["amount"])),
            "seats": clean_text(str(texts["seats"])),
            "units": clean_text(str(texts["units"])),
            "discount_code": _code(str(texts["discount_code"])),
            "skip_trial": bool(texts["skip_trial"]),
        }
        invalid: dict[str, str] = {}
        price = self.price
        amount = values["amount"]
        if amount is None and self.kind() == "custom":
            invalid["amount"] = AMOUNT_NEEDED
        if isinstance(amount, str) and self.kind() == "custom" and price is not None:
            try:
                minor = parse_amount(amount, self.currency, self.locale)
                values["amount"] = minor
                quantities.check_custom_amount(
                    minor,
                    minimum=price.minimum_amount or 0,
                    maximum=price.maximum_amount,
                    currency=self.currency,
                )
            except AmountError as error:
                invalid["amount"] = str(error)
            except RuleError as error:
                invalid["amount"] = error.error.message
        for key, bounds in (("seats", self.seat_bounds), ("units", self.unit_bounds)):
            text = values[key]
            if text is None and self.kind() == _QUANTITY_KINDS[key]:
                invalid[key] = NOT_A_WHOLE_NUMBER
            if not isinstance(text, str):
                continue
            if not text.isdigit():
                invalid[key] = NOT_A_WHOLE_NUMBER
                continue
            values[key] = int(text)
            try:
                quantities.check_quantity(key, int(text), bounds())
            except RuleError as error:
                invalid[key] = error.error.message
        return values, invalid

    def locked(self) -> frozenset[str]:
        """Choices shown read-only: a skipped trial (Polar's update cannot turn it back on)."""
        return frozenset({"skip_trial"} if self.session.allow_trial is False else set())

    def hints(self, values: Mapping[str, Value], today: date | None = None) -> dict[str, str]:
        """A line under each choice saying what it allows and what it costs now."""
        session, price, locale = self.session, self.price, self.locale

        def money(amount: int) -> str:
            return format_money(amount, self.currency, locale)

        hints: dict[str, str] = {}
        if price is not None and self.kind() == "custom":
            low, high = price.minimum_amount or 0, price.maximum_amount
            span = f"From {money(low)}" + (f" to {money(high)}" if high is not None else "")
            preset = f", suggested {money(price.preset_amount)}" if price.preset_amount else ""
            hints["amount"] = f"{span}{preset}."
        if self.kind() == "seat_based":
            hints["seats"] = self._seat_hint(values.get("seats"), money)
        if self.kind() == "unit_based":
            low, high = self.unit_bounds()
            label = (price.unit_label if price else None) or "units"
            hints["units"] = f"{low:,} – {high:,} {label}" if high else f"at least {low:,} {label}"
        if session.discount is not None and values.get("discount_code") == _code(
            session.discount.code or ""
        ):
            recurring = billing_interval(price, session.product) is not None
            terms = discount_terms(
                session.discount, self.currency, locale, today, recurring=recurring
            )
            hints["discount_code"] = f"Applied: {terms}. {keys.REMOVE_CODE_KEY} removes it."
        elif session.allow_discount_codes:
            hints["discount_code"] = "Enter applies the code."
        trial = trial_terms(session, locale)
        if session.allow_trial is False:
            hints["skip_trial"] = TRIAL_SKIPPED
        elif trial:
            hints["skip_trial"] = trial
        return hints

    def _seat_hint(self, seats: Value, money: Callable[[int], str]) -> str:
        low, high = self.seat_bounds()
        span = f"{low} – {high} seats" if high is not None else f"at least {low} seats"
        cost = (
            breakdown(self.price, seats, money, self.locale)
            if isinstance(seats, int) and self.price is not None
            else None
        )
        return f"{span} · {cost}" if cost else span

    def body(self, changed: set[str], values: Mapping[str, Value]) -> dict[str, Any]:
        """The update keys for the changed choices."""
        body: dict[str, Any] = {}
        if "product" in changed and self.option is not None:
            body.update(self.option.body())
        for key in ("amount", "seats", "units", "discount_code"):
            if key in changed:
                body[key] = values[key]
        if "skip_trial" in changed:
            body["allow_trial"] = False if values["skip_trial"] else None
        return body


_QUANTITY_KINDS = {"seats": "seat_based", "units": "unit_based"}


def _code(text: str) -> str | None:
    """Polar trims a discount code and compares it without regard to case."""
    code = clean_text(text)
    return code.upper() if code else None


def _int_or_none(value: object) -> int | None:
    return int(value) if isinstance(value, int | str) and str(value).isdigit() else None


class Choices:
    """The choice for a product key (None: the stored product) and what its fields start at,
    worked out once while the session and the locale stay the same: the form asks for them
    many times a key."""

    def __init__(self) -> None:
        self._for: tuple[CheckoutPublic | None, str | None] = (None, None)
        self._made: dict[str | None, tuple[Choice, dict[str, str | bool]]] = {}

    def get(
        self, session: CheckoutPublic, key: str | None, locale: str | None
    ) -> tuple[Choice, Mapping[str, str | bool]]:
        if self._for[0] is not session or self._for[1] != locale:
            self._for, self._made = (session, locale), {}
        if key not in self._made:
            choice = Choice.of(session, key, locale) if key else Choice(session, None, locale)
            self._made[key] = (choice, choice.start_texts())
        return self._made[key]
