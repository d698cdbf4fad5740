"""The checkout form's state in one place, and everything the screen shows, derived from it.

`FormState` holds the last session the server sent, the values as typed, which fields were
touched, the server's messages, and the save in flight. `view()` derives, in one place,
which fields show and which are required, each field's message, what is unsaved, and the
PATCH body: "unsaved" means exactly "Submit would send it". No Textual, no HTTP.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from tui.domain import regions
from tui.domain.answer_order import AnswerOrder
from tui.domain.choices import CHOICE_FIELDS, Choice
from tui.domain.custom_field_form import CustomAnswers
from tui.domain.draft import Checked, Draft, check, field_modes, update_body
from tui.domain.fields import CUSTOMER_FIELDS, FORM_FIELDS, GENERAL, field_for, readable
from tui.domain.form_view import Blocked, FieldView, FormView, NothingToSave, Sending, Severity
from tui.domain.tax_id_hints import tax_id_hint
from tui.domain.validation import ADDRESS_PARTS, FIELD_REQUIRED, FieldMode
from tui.polar.models import CheckoutPublic, FieldError

COUNTRY_UNKNOWN = "No country by that name or code: pick one from the list."
NOT_SOLD_TO = "Polar can't sell to {}."
STATE_UNKNOWN = "No state or province by that name or code: pick one from the list."
NEEDED_TO_CONFIRM = "Needed to confirm the checkout."
KEPT_HINT = "Saved earlier; this checkout does not ask for it."
_REGION_FIELDS = frozenset({"country", "state", "is_business_customer"})
_EMPTY = CheckoutPublic()
FIELD_ORDER = (*FORM_FIELDS, "skip_trial")
"""Every field the form edits, in the order it shows them."""


@dataclass
class _Save:
    """A save in flight: what was typed when it started."""

    typed: dict[str, str | bool] = field(default_factory=dict)


class FormState:
    """`locale` overrides the session's own for reading and writing amounts; `today` dates
    the end of a repeating discount."""

    def __init__(self, locale: str | None = None, today: date | None = None) -> None:
        self._locale = locale
        self._today = today
        self._session: CheckoutPublic | None = None
        self._saved = Draft()
        self._saved_check = check(self._saved)
        self._typed: dict[str, str | bool] = {}
        self._country = ""
        self._state_for = ""
        """The country the typed state was typed for: a state belongs to its country."""
        self._touched: set[str] = set()
        self._submit_tried = False
        self._server_errors: dict[str, str] = {}
        self._notices: dict[str, tuple[str, str]] = {}
        """A field's notice, and the value it is about: it shows while the field has it."""
        self._save: _Save | None = None
        self._answers = AnswerOrder()
        self._to_show: set[str] = set()
        self._view: FormView | None = None
        self._answers_form = CustomAnswers(_EMPTY)

    # The server's answers ----------------------------------------------------------------

    @property
    def session(self) -> CheckoutPublic | None:
        return self._session

    @property
    def saving(self) -> bool:
        """A save is in flight: from `begin_save` until its outcome is reported."""
        return self._save is not None

    def send(self) -> int:
        """Number a request just before it is sent; its answer comes back with this number."""
        return self._answers.send()

    def loaded(self, session: CheckoutPublic, request: int) -> bool:
        """A read's answer: shown unless a newer answer is already on screen."""
        if not self._answers.accept(request, session.modified_at):
            return False
        self._adopt(session)
        return True

    def _adopt(self, session: CheckoutPublic) -> None:
        """The server's state is the truth; what was typed and not yet saved stays on top."""
        self._session = session
        self._answers_form = CustomAnswers(session)
        self._saved = Draft.from_session(session)
        self._saved_check = check(self._saved)
        self._server_errors = {}
        if "country" not in self._typed:
            self._country = self._saved.country
        self._to_show.update(name for name in self.names if not self._shows_typed(name))
        self._changed()

    @property
    def names(self) -> tuple[str, ...]:
        """Every field of the form, in order: the fixed ones, then the seller's questions."""
        return (*FIELD_ORDER, *self._answers_form.names)

    @property
    def locale(self) -> str | None:
        """The locale amounts are read and written in: the override, else the session's."""
        return self._locale or (self._session.locale if self._session else None)

    def _choice(self) -> Choice:
        session = self._session or _EMPTY
        key = self._typed.get("product")
        if isinstance(key, str):
            return Choice.of(session, key, self.locale)
        return Choice(session, None, self.locale)

    # Typing ------------------------------------------------------------------------------

    def edit(self, name: str, value: str | bool) -> None:
        """The user changed a field (the widget already shows the value)."""
        if name not in self.names:
            raise KeyError(name)
        self._typed[name] = value
        self._touched.add(name)
        self._server_errors.pop(name, None)
        if name in _REGION_FIELDS:
            self._server_errors.pop("country", None)
            self._server_errors.pop("state", None)
        if name == "country" and isinstance(value, str):
            self._follow_country(value)
        if name == "state":
            self._state_for = self._country
        if name == "product":
            for follower in ("amount", "seats", "units"):
                self._typed.pop(follower, None)  # Polar starts them afresh for a product
                self._to_show.add(follower)
        self._changed()

    def _follow_country(self, text: str) -> None:
        """A different valid country moves the address to it; half-typed text changes
        nothing yet. The state shown follows: the one typed for that country, else the
        stored one when it is the stored country, else none."""
        match = regions.find_region(regions.supported_countries(), text)
        if match is not None and match.code != self._country:
            self._country = match.code
            self._to_show.add("state")

    def note_cut(self, name: str, limit: int, value: str) -> None:
        """The widget cut typed or pasted text to the field's maximum, leaving `value`.
        The notice shows for as long as the field holds that value, whichever of the cut
        and the edit is reported first."""
        self._notices[name] = (f"Cut to {limit:,} characters: Polar accepts no more.", value)
        self._changed()

    def touch(self, name: str) -> None:
        """The user left the field: its "needed" message may show from now on."""
        if name in self.names and name not in self._touched:
            self._touched.add(name)
            self._changed()

    def _shows_typed(self, name: str) -> bool:
        return name in self._typed and (name != "state" or self._state_for == self._country)

    def text(self, name: str) -> str | bool:
        """What the field shows: the typed value, else the stored one (regions by name)."""
        if self._shows_typed(name):
            return self._typed[name]
        if name in CHOICE_FIELDS:
            return self._choice().start_texts()[name]
        if name in self._answers_form.names:
            return self._answers_form.start_texts()[name]
        if name == "state" and self._country != self._saved.country:
            return ""
        value: str | bool = getattr(self._saved, name)
        if name == "country" and isinstance(value, str):
            return regions.region_name(regions.supported_countries(), value)
        if name == "state" and isinstance(value, str):
            return regions.region_name(regions.subdivisions(self._saved.country), value)
        return value

    def take_values_to_show(self) -> dict[str, str | bool]:
        """Values the form changed itself (a load, a cleared state): widgets must show them.
        A field's own edits are never echoed back into its widget."""
        names, self._to_show = self._to_show, set()
        return {name: self.text(name) for name in self.names if name in names}

    # Saving ------------------------------------------------------------------------------

    def server_said(self, status: str | None) -> None:
        """An answer told the session's status without a session (a 410, a 403 not open):
        show it at once; the form is read-only from now on."""
        if self._session is not None and status:
            self._session = self._session.model_copy(update={"status": status})
            self._changed()

    def clears_business_details(self) -> bool:
        """Submit would turn business off while a billing name or tax ID is saved: Polar
        clears both, so the user is asked first."""
        session = self._session
        return (
            session is not None
            and self.view().body.get("is_business_customer") is False
            and bool(session.customer_billing_name or session.customer_tax_id)
        )

    def begin_save(self) -> Sending | Blocked | NothingToSave:
        view = self.view()
        self._submit_tried = True
        self._changed()
        if view.blocking:
            return Blocked(tuple(name for name in self.names if name in view.blocking))
        if not view.body:
            return NothingToSave()
        self._save = _Save(dict(self._typed))
        self._changed()
        return Sending(dict(view.body))

    def begin_confirm(self) -> Sending | Blocked:
        """Confirm sends the changes and every answer to the seller's questions: Polar keeps
        exactly the answers confirm sends. Required fields left empty are Polar's to list
        (it names every one in one answer); invalid values block as on a save."""
        outcome = self.begin_save()
        if isinstance(outcome, Blocked):
            return outcome
        body = outcome.body if isinstance(outcome, Sending) else {}
        answers = self._answers_form
        values = answers.check({name: self.text(name) for name in answers.names})[0]
        body.update(answers.body(set(answers.names), values))
        self._save = _Save(dict(self._typed))
        return Sending(body)

    def save_succeeded(self, session: CheckoutPublic, request: int) -> None:
        """Saved: the server's values, plus whatever was typed while the save was under way."""
        sent = self._save.typed if self._save else {}
        self._save = None
        self._typed = {
            name: value
            for name, value in self._typed.items()
            if name not in sent or sent[name] != value
        }
        if self._answers.accept(request, session.modified_at):
            self._adopt(session)
        else:
            self._to_show.update(name for name in self.names if not self._shows_typed(name))
            self._changed()

    def save_rejected(self, errors: list[FieldError]) -> list[str]:
        """422: nothing was applied; messages go under their fields. Returns those that
        belong to no field on screen, for the banner."""
        self._save = None
        view = self.view()
        general: list[str] = []
        server: dict[str, str] = {}
        for error in errors:
            name = field_for(error.path, error.message)
            if name not in view.fields or not view.fields[name].shown:
                name = GENERAL
            if name == GENERAL:
                where = ".".join(str(part) for part in error.path)
                general.append(f"{where}: {readable(error.message)}" if where else error.message)
            else:
                server.setdefault(name, readable(error.message))
        self._server_errors = server
        self._changed()
        return general

    def save_failed(self) -> None:
        """The save did not get an answer that says what happened; the typing stays."""
        self._save = None
        self._changed()

    # Derivation --------------------------------------------------------------------------

    def _changed(self) -> None:
        self._view = None

    def draft(self) -> Draft:
        """The values as typed, regions as codes where the text names one."""
        values: dict[str, Any] = {
            name: value for name, value in self._typed.items() if name in CUSTOMER_FIELDS
        }
        if "country" in values:
            country = regions.find_region(regions.supported_countries(), values["country"])
            values["country"] = country.code if country else values["country"]
        state_text = str(self.text("state"))
        state = regions.find_region(regions.subdivisions(self._country), state_text)
        values["state"] = state.code if state else state_text
        return self._saved.with_values(**values)

    def view(self) -> FormView:
        if self._view is None:
            self._view = self._derive()
        return self._view

    def _derive(self) -> FormView:
        session = self._session or _EMPTY
        draft = self.draft()
        checked = check(draft)
        modes = field_modes(self._country or None, draft.is_business_customer, session)
        saved = self._saved_check.values
        choice, answers = self._choice(), self._answers_form
        modes.update({**choice.modes(), **answers.modes()})
        shown = {name for name in self.names if modes[name] != FieldMode.DISABLED}
        chosen, choice_invalid = choice.check({n: self.text(n) for n in CHOICE_FIELDS})
        answered, answer_invalid = answers.check({n: self.text(n) for n in answers.names})
        start = {**choice.check(choice.start_texts())[0], **answers.check(answers.start_texts())[0]}
        values = {**checked.values, **chosen, **answered}
        unsaved = {name for name in shown if values[name] != {**saved, **start}[name]}
        if choice.option is not None and not choice.is_stored:
            unsaved.add("product")
        invalid = {**self._invalid(checked, draft, unsaved), **choice_invalid, **answer_invalid}
        sent = set(unsaved)
        if sent & set(ADDRESS_PARTS):
            sent |= shown & {*ADDRESS_PARTS, "customer_tax_id"}  # Polar re-checks the tax ID
        if "customer_tax_id" in sent:
            sent.add("country")  # a tax ID is checked against the country
        hints = {**choice.hints(chosen, self._today), **answers.hints()}
        if "customer_tax_id" in shown:
            typed = str(self.text("customer_tax_id"))
            hints["customer_tax_id"] = tax_id_hint(self._country or None, typed)
        same_country = self._country == self._saved.country
        kept = set(choice.locked())
        for part in ADDRESS_PARTS:
            if modes[part] == FieldMode.DISABLED and saved[part] and same_country:
                hints[part] = KEPT_HINT
                kept.add(part)
        fields = {
            name: replace(
                self._field_view(name, modes[name], values[name], invalid, unsaved),
                hint=hints.get(name, ""),
                kept=name in kept,
            )
            for name in self.names
        }
        customer = unsaved & set(CUSTOMER_FIELDS)
        return FormView(
            fields=fields,
            country=self._country,
            unsaved=frozenset(unsaved),
            blocking=frozenset(name for name in invalid if name in sent and name in shown),
            body={
                **update_body(customer, checked.values, modes),
                **choice.body(unsaved, chosen),
                **answers.body(unsaved, answered),
            },
            saving=self.saving,
        )

    def _invalid(self, checked: Checked, draft: Draft, unsaved: set[str]) -> dict[str, str]:
        invalid = dict(checked.invalid)
        country = str(self.text("country"))
        if country.strip() and not regions.find_region(regions.supported_countries(), country):
            embargoed = regions.find_region(regions.embargoed_countries(), country)
            invalid["country"] = (
                NOT_SOLD_TO.format(embargoed.name) if embargoed else COUNTRY_UNKNOWN
            )
        states = regions.subdivisions(self._country)
        if states and draft.state.strip() and not regions.find_region(states, draft.state):
            invalid["state"] = STATE_UNKNOWN
        if unsaved & set(ADDRESS_PARTS) and checked.values["country"] is None:
            invalid.setdefault("country", readable(FIELD_REQUIRED))
        return invalid

    def _field_view(
        self,
        name: str,
        mode: FieldMode,
        value: object,
        invalid: Mapping[str, str],
        unsaved: set[str],
    ) -> FieldView:
        error = self._server_errors.get(name) or invalid.get(name, "")
        notice, cut_value = self._notices.get(name, ("", None))
        if cut_value != self.text(name):
            notice = ""
        message = " ".join(text for text in (error, notice) if text)
        severity = Severity.ERROR if error else Severity.NOTICE if notice else Severity.NONE
        if (
            not message
            and mode == FieldMode.REQUIRED
            and value in (None, "")
            and (self._submit_tried or name in self._touched)
        ):
            message, severity = NEEDED_TO_CONFIRM, Severity.NEEDED
        return FieldView(self.text(name), mode, message, severity, name in unsaved)
