"""The test checkout page at each session's `url`: what the customer pays, and two buttons.

Polar hosts its web checkout at `/checkout/{client_secret}`; the emulator serves a small
stand-in at the same path of its own address (the `url` its sessions report, see
`rules.wire`), so that the demo's hand-off (its QR code, its URL) can be finished in a
browser on the same machine:

- `GET /checkout/{secret}`, also `.../confirmation` (Polar's success page) and with any
  query string: 200, an HTML page with the seller, the product, the price and the amounts
  worded as the app's summary words them (`tui.domain.summary`, read from the session's
  JSON), the session's status, and the buttons that status allows; an unknown secret
  answers a 404 page.
- `POST /checkout/{secret}/pay`: what the admin `pay` does (confirmed now, succeeded
  shortly after); `POST /checkout/{secret}/decline`: what the admin `decline` does (the
  payment failed: open again). Each answers 303 back to the page (a decline with
  `?payment=declined`, which the page of an open session reports), a 404 page for an
  unknown secret, or 409 with the page when the status no longer allows it.

The page is plain HTML with inline CSS: no script, no form field, no external asset, and
every string from the store or a scenario file escaped. Every answer forbids anything
else (`Content-Security-Policy`), framing, caching, and sending the secret-bearing URL on
as a referrer. It is no part of Polar's API: the `Polar-Version` check, the rate limiter
and fault injection leave it alone (see `server` and `faults`).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from html import escape
from string import Template
from typing import Final
from urllib.parse import quote

from fastapi import APIRouter
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from tui.domain.summary import SummaryRow, amount_rows, purchase_rows
from tui.emulator.model.session import Session
from tui.emulator.rules import lifecycle, wire
from tui.emulator.store import Store
from tui.polar.models import CheckoutPublic

PAGE_PREFIX: Final = "/checkout"
DECLINED: Final = "declined"
"""The `payment` query value a decline redirects with."""
REFRESH_SECONDS: Final = 2
"""While a payment runs (confirmed), the page reloads this often until it has succeeded."""
NOTICE: Final = (
    "Test page of the polar-checkout emulator: this is not Polar, and no real payment is made."
)
SECURITY_HEADERS: Final = {
    "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
    "Cache-Control": "no-store",
}

_STATES: Final = {
    "open": ("Open: waiting for payment", "Pay, or decline as a refused card would."),
    DECLINED: ("Payment declined: you can try again", "The checkout is open again."),
    "confirmed": (
        "Paid: confirmed",
        "The order is being fulfilled; the page reloads until it is done.",
    ),
    "succeeded": ("Succeeded", "The order is fulfilled. Nothing more to do here."),
    "expired": ("Expired", "This checkout session has expired; it can no longer be paid."),
    "failed": ("Failed", "The payment failed."),
}
"""Per status (or a decline just made): the page's headline and the line under it."""

_STYLE: Final = (
    "body{font:16px/1.5 system-ui,sans-serif;margin:0;background:#f4f4f5;color:#18181b}"
    "main{max-width:30rem;margin:2rem auto;padding:1.5rem;background:#fff;"
    "border-radius:.75rem;box-shadow:0 1px 3px #0003}"
    ".notice{margin:0 0 1rem;padding:.5rem .75rem;background:#fef3c7;"
    "border:1px solid #d97706;border-radius:.5rem;font-size:.875rem}"
    "h1{font-size:1.375rem;margin:0 0 1rem}"
    "table{width:100%;border-collapse:collapse}"
    "th{text-align:left;font-weight:normal;color:#52525b}th,td{padding:.25rem 0}"
    "td{text-align:right}tr.text td{text-align:left;color:#52525b}"
    "tr.total th,tr.total td{font-weight:bold;color:inherit;border-top:1px solid #d4d4d8}"
    ".status{margin:1.25rem 0 0;font-size:1.125rem;font-weight:bold}"
    ".detail,.refused{margin:0;color:#52525b}.refused{color:#b91c1c}"
    ".actions{display:flex;gap:.5rem;margin-top:1.25rem}.actions form{flex:1}"
    "button{width:100%;padding:.625rem;font:inherit;border-radius:.5rem;cursor:pointer;"
    "border:1px solid #2563eb;background:#2563eb;color:#fff}"
    "button.secondary{background:#fff;color:#18181b;border-color:#71717a}"
)
_DOCUMENT: Final = Template(
    "<!DOCTYPE html>\n"
    '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
    '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
    '<meta name="robots" content="noindex">\n'
    "${head}<title>${title}</title>\n<style>${style}</style>\n</head>\n"
    '<body>\n<main>\n<p class="notice">${notice}</p>\n${body}</main>\n</body>\n</html>\n'
)


def is_page_path(path: str) -> bool:
    """Whether a request's path is one of the page's (none of Polar's API)."""
    return path.startswith(f"{PAGE_PREFIX}/")


def page_router(store: Store) -> APIRouter:
    """The page's routes over `store`'s sessions."""
    router = APIRouter(prefix=PAGE_PREFIX)

    @router.get("/{client_secret}")
    @router.get("/{client_secret}/confirmation")
    async def show(client_secret: str, payment: str | None = None) -> Response:
        try:
            page = _checkout_page(store, client_secret, declined=payment == DECLINED)
        except KeyError:
            return _not_found()
        return _html(page)

    @router.post("/{client_secret}/pay")
    async def pay(client_secret: str) -> Response:
        refusal = "Not paid: this checkout can no longer be paid."
        return _act(store, client_secret, store.pay, "", refusal)

    @router.post("/{client_secret}/decline")
    async def decline(client_secret: str) -> Response:
        refusal = "Nothing declined: this checkout has no payment to decline."
        return _act(store, client_secret, store.decline, f"?payment={DECLINED}", refusal)

    return router


def _act(
    store: Store, client_secret: str, action: Callable[[str], None], query: str, refusal: str
) -> Response:
    """Run a button's action: 303 back to the page (with `query`), 404, or 409 with the
    page saying `refusal` when the session's status refuses the action."""
    try:
        action(client_secret)
    except KeyError:
        return _not_found()
    except lifecycle.NotPayable:
        page = _checkout_page(store, client_secret, declined=False, refused=refusal)
        return _html(page, status_code=409)
    location = f"{_page_path(client_secret)}{query}"
    return RedirectResponse(location, status_code=303, headers=SECURITY_HEADERS)


def _html(document: str, status_code: int = 200) -> Response:
    return HTMLResponse(document, status_code=status_code, headers=SECURITY_HEADERS)


def _page_path(client_secret: str) -> str:
    return f"{PAGE_PREFIX}/{quote(client_secret, safe='')}"


def _document(title: str, body: str, *, refresh: bool = False) -> str:
    """A whole page; `title` is plain text, `body` HTML already escaped."""
    head = f'<meta http-equiv="refresh" content="{REFRESH_SECONDS}">\n' if refresh else ""
    return _DOCUMENT.substitute(
        head=head, title=escape(title), style=_STYLE, notice=escape(NOTICE), body=body
    )


def _not_found() -> Response:
    body = (
        "<h1>Checkout not found</h1>\n"
        "<p>This emulator has no checkout session with that client secret. A session "
        "created before the emulator restarted or was reset is gone.</p>\n"
    )
    return _html(_document("Checkout not found (test)", body), status_code=404)


def _checkout_page(store: Store, client_secret: str, *, declined: bool, refused: str = "") -> str:
    """The page of a session as it stands now; KeyError for an unknown secret."""
    session = store.session(client_secret)
    now = store.clock.now()
    checkout = CheckoutPublic.model_validate(wire.checkout_public(session, store.public_url))
    locale = checkout.locale
    rows = [*purchase_rows(checkout, locale), *amount_rows(checkout, now, locale)]
    state = DECLINED if declined and session.status == "open" else session.status
    headline, detail = _STATES[state]
    product = session.product.name
    parts = [
        f"<h1>{escape(product)}</h1>\n",
        "<table>\n",
        *(_row(row) for row in rows),
        "</table>\n",
        f'<p class="status" role="status">{escape(headline)}</p>\n',
        f'<p class="detail">{escape(detail)}</p>\n',
    ]
    if refused:
        parts.append(f'<p class="refused">{escape(refused)}</p>\n')
    parts.append(_buttons(session, now))
    title = f"{product} (test checkout)"
    return _document(title, "".join(parts), refresh=session.status == "confirmed")


def _row(row: SummaryRow) -> str:
    kind = f' class="{escape(row.kind)}"' if row.kind else ""
    if row.kind == "text":
        return f'<tr{kind}><td colspan="2">{escape(row.value)}</td></tr>\n'
    return f"<tr{kind}><th>{escape(row.label)}</th><td>{escape(row.value)}</td></tr>\n"


def _buttons(session: Session, now: datetime) -> str:
    """A form per action the session's status allows; nothing when it allows none."""
    path = _page_path(session.client_secret)
    forms = []
    if lifecycle.payable(session, now):
        forms.append(_form(f"{path}/pay", "Pay (test)", ""))
    if lifecycle.declinable(session, now):
        forms.append(_form(f"{path}/decline", "Decline (test)", "secondary"))
    return f'<div class="actions">\n{"".join(forms)}</div>\n' if forms else ""


def _form(action: str, label: str, style: str) -> str:
    button_class = f' class="{style}"' if style else ""
    return (
        f'<form method="post" action="{escape(action)}">'
        f'<button type="submit"{button_class}>{escape(label)}</button></form>\n'
    )
