"""The checkout form's state in one place, and everything the screen shows, derived from it.

`FormState` holds the last session the server sent, the values as typed, which fields were
touched, the server's messages, the save in flight, and the fields whose unsaved typing
conflicts with a change on the server. `view()` derives, in one place, which fields show and
which are required, each field's message, what is unsaved, and the PATCH body: "unsaved"
means exactly "Submit would send it". No Textual, no HTTP.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from tui.domain import regions
from tui.domain.answer_order import AnswerOrder
from tui.domain.choices import CHOICE_FIELDS, Choice, Choices
from tui.domain.custom_field_form import CustomAnswers
from tui.domain.draft import Checked, Draft, check, field_modes, update_body
from tui.domain.fields import CUSTOMER_FIELDS, FORM_FIELDS, place_errors, readable
from tui.domain.form_view import Blocked, FieldView, FormView, NothingToSave, Sending, field_message
from tui.domain.server_changes import Refreshed, changed_fields, report, server_values, shown_value
from tui.domain.tax_id_hints import tax_id_hint
from tui.domain.typed_regions import country_code, region_problems, state_code
from tui.domain.validation import ADDRESS_PARTS, FIELD_REQUIRED, FieldMode
from tui.polar.models import CheckoutPublic, FieldError

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
        self._choices = Choices()
        self._to_show: set[str] = set()
        self._view: FormView | None = None
        self._answers_form = CustomAnswers(_EMPTY)
        self._conflicts: set[str] = set()

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
        return self.refreshed(session, request) is not None

    def refreshed(self, session: CheckoutPublic, request: int) -> Refreshed | None:
        """A read's answer, None if a newer one is on screen; else what changed on the server.
        Typing equal to the old value gives way to the change; unsaved typing stays, and
        where it differs from the new value, the field is in conflict."""
        if not self._answers.accept(request, session.modified_at):
            return None
        before, unsaved = server_values(self._session or session, self.locale), self.view().unsaved
        changed = changed_fields(self.names, before, server_values(session, self.locale))
        for name in set(changed) & self._typed.keys() - unsaved:
            self.take_server(name)
        self._conflicts |= set(changed) & unsaved  # those still unsaved once adopted
        self._adopt(session)
        return report(self.names, changed, self.view(), self._answers_form)

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

    def _choice(self, *, stored: bool = False) -> tuple[Choice, Mapping[str, str | bool]]:
        """The product chosen (`stored`: the server's) and what its fields start at."""
        key = None if stored else self._typed.get("product")
        picked = key if isinstance(key, str) else None
        return self._choices.get(self._session or _EMPTY, picked, self.locale)

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
        """What the field shows: the typed value, else the stored one (for a product picked
        but not saved, as Polar starts its choices)."""
        if self._shows_typed(name):
            return self._typed[name]
        return self._choice()[1][name] if name in CHOICE_FIELDS else self._stored(name)

    def _stored(self, name: str) -> str | bool:
        """The server's value as the field shows it (regions by name)."""
        if name in CHOICE_FIELDS:
            return self._choice(stored=True)[1][name]
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

    def take_server(self, name: str) -> None:
        """The field shows the stored value again, the typing gone (a typed country takes
        its states along); a conflict there is settled."""
        self._conflicts.discard(name)
        self._typed.pop(name, None)
        self._to_show.add(name)
        if name == "country":
            self._country = self._saved.country
            self._to_show.add("state")
        self._changed()

    def keep_mine(self, name: str) -> None:
        """Settle a conflict with the typed value: it stays, unsaved."""
        self._conflicts.discard(name)
        self._changed()

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
        self._conflicts.clear()
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
        shown = {name for name, field in self.view().fields.items() if field.shown}
        self._server_errors, general = place_errors(errors, shown)
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
            values["country"] = country_code(values["country"])
        values["state"] = state_code(self._country, str(self.text("state")))
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
        (choice, start_texts), answers = self._choice(), self._answers_form
        modes.update({**choice.modes(), **answers.modes()})
        shown = {name for name in self.names if modes[name] != FieldMode.DISABLED}
        chosen, choice_invalid = choice.check({n: self.text(n) for n in CHOICE_FIELDS})
        answered, answer_invalid = answers.check({n: self.text(n) for n in answers.names})
        start = {**choice.check(start_texts)[0], **answers.check(answers.start_texts())[0]}
        values = {**checked.values, **chosen, **answered}
        unsaved = {name for name in shown if values[name] != {**saved, **start}[name]}
        if choice.option is not None and not choice.is_stored:
            unsaved.add("product")
        self._conflicts &= unsaved
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
                server_value=shown_value(name, self._stored(name), session, answers)
                if name in self._conflicts
                else None,
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
        country = str(self.text("country"))
        invalid = {**checked.invalid, **region_problems(country, self._country, draft.state)}
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
        notice, cut_value = self._notices.get(name, ("", None))
        message, severity = field_message(
            self._server_errors.get(name) or invalid.get(name, ""),
            notice if cut_value == self.text(name) else "",
            needed=mode == FieldMode.REQUIRED
            and value in (None, "")
            and (self._submit_tried or name in self._touched),
        )
        return FieldView(self.text(name), mode, message, severity, name in unsaved)
