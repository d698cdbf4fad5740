"""The test checkout page at each session's `url`: what it shows, its buttons, its safety."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import timedelta
from html.parser import HTMLParser
from pathlib import Path

import httpx
import pytest

from tui.emulator.http.server import create_app
from tui.emulator.model.clock import FrozenClock
from tui.emulator.run.background import RunningEmulator
from tui.emulator.seed.loader import load_scenarios
from tui.emulator.store import Store

from .support import BASE, NOW, get_ok

CSP = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'"
NOTICE = "Test page of the polar-checkout emulator: this is not Polar, and no real payment is made."
UNKNOWN = "polar_c_" + "x" * 43
PAY, DECLINE = "Pay (test)", "Decline (test)"


@dataclass
class Page:
    """What a person sees on a page: its text in reading order, its buttons, its scripts."""

    texts: list[str] = field(default_factory=list)
    buttons: dict[str, str] = field(default_factory=dict)
    """Button label -> the path its form posts to."""
    tags: set[str] = field(default_factory=set)
    refresh: str | None = None

    @property
    def text(self) -> str:
        return " ".join(self.texts)


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = Page()
        self._skip = False
        self._action = ""
        self._in_button = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        self.page.tags.add(tag)
        self._skip = tag in {"style", "title"}
        if tag == "form":
            assert values["method"] == "post"
            self._action = values["action"] or ""
        self._in_button = tag == "button"
        if tag == "meta" and values.get("http-equiv") == "refresh":
            self.page.refresh = values["content"]

    def handle_endtag(self, tag: str) -> None:
        self._skip = False
        self._in_button = False

    def handle_data(self, data: str) -> None:
        if self._skip or not data.strip():
            return
        if self._in_button:
            self.page.buttons[data] = self._action
        else:
            self.page.texts.append(data.strip())


def read_page(response: httpx.Response) -> Page:
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    assert response.headers["Content-Security-Policy"] == CSP
    assert response.headers["X-Frame-Options"] == "DENY"
    reader = _Reader()
    reader.feed(response.text)
    reader.close()
    assert reader.page.texts[0] == NOTICE
    return reader.page


async def page_of(client: httpx.AsyncClient, secret: str, suffix: str = "") -> Page:
    response = await client.get(f"/checkout/{secret}{suffix}")
    assert response.status_code == 200, response.text
    return read_page(response)


async def status_of(client: httpx.AsyncClient, secret: str) -> str:
    status: str = (await get_ok(client, secret))["status"]
    return status


@pytest.mark.parametrize(
    ("scenario", "rows", "status"),
    [
        (
            "one-time",
            "Seller Northwind Labs Product Fieldnotes Pro Price $49.00 one-time "
            "Subtotal $49.00 Tax not calculated yet Total $49.00",
            "Open: waiting for payment",
        ),
        (
            "subscription",
            "Seller Tidewater Audio Product Tidewater Pro (monthly) Price €12.00 / month "
            "Trial 14 days free, then €12.00 / month from May 15, 2026 Subtotal €12.00 "
            "Tax not calculated yet Total €12.00 / month Due today €0.00",
            "Open: waiting for payment",
        ),
        (
            "jpy",
            "Seller Sakura Sound Works Product Koto Sample Library Price ￥4,800 one-time "
            "Subtotal ￥4,800 Tax not calculated yet Total ￥4,800",
            "Open: waiting for payment",
        ),
        (
            "seats",
            "Seller Relay Systems Product Relay Team Workspace Price $15.00 per seat / month "
            "1 seat × $15.00, tier 1–4 Subtotal $15.00 Tax not calculated yet "
            "Total $15.00 / month",
            "Open: waiting for payment",
        ),
        (
            "succeeded",
            "Seller Northwind Labs Product Fieldnotes Pro Price $49.00 one-time "
            "Subtotal $49.00 Tax $8.17 included Total $49.00",
            "Succeeded",
        ),
    ],
)
async def test_the_page_shows_the_product_the_amounts_and_the_status(
    client: httpx.AsyncClient, secrets: dict[str, str], scenario: str, rows: str, status: str
) -> None:
    page = await page_of(client, secrets[scenario])
    assert f" {rows} {status} " in page.text


async def test_an_open_session_offers_both_buttons_posting_to_the_page(
    client: httpx.AsyncClient, secrets: dict[str, str]
) -> None:
    secret = secrets["one-time"]
    page = await page_of(client, secret)
    assert page.buttons == {PAY: f"/checkout/{secret}/pay", DECLINE: f"/checkout/{secret}/decline"}
    assert page.refresh is None
    assert not page.tags & {"script", "link", "img", "iframe", "input"}


async def test_pay_confirms_then_the_clock_makes_it_succeed(
    client: httpx.AsyncClient, secrets: dict[str, str], clock: FrozenClock
) -> None:
    secret = secrets["one-time"]
    response = await client.post(f"/checkout/{secret}/pay")
    assert response.status_code == 303
    assert response.headers["location"] == f"/checkout/{secret}"
    page = await page_of(client, secret)
    assert "Paid: confirmed" in page.text
    assert page.buttons == {DECLINE: f"/checkout/{secret}/decline"}
    assert page.refresh == "2"
    assert await status_of(client, secret) == "confirmed"

    clock.advance(timedelta(seconds=2))
    page = await page_of(client, secret)
    assert "Succeeded" in page.text
    assert page.buttons == {}
    assert page.refresh is None
    assert await status_of(client, secret) == "succeeded"


async def test_decline_opens_the_session_again_and_says_so(
    client: httpx.AsyncClient, secrets: dict[str, str]
) -> None:
    secret = secrets["subscription"]
    response = await client.post(f"/checkout/{secret}/decline", follow_redirects=True)
    assert [r.status_code for r in response.history] == [303]
    assert response.history[0].headers["location"] == f"/checkout/{secret}?payment=declined"
    page = read_page(response)
    assert "Payment declined: you can try again" in page.text
    assert set(page.buttons) == {PAY, DECLINE}
    assert await status_of(client, secret) == "open"

    # A payment still running (confirmed) can fail too.
    await client.post(f"/checkout/{secret}/pay")
    response = await client.post(f"/checkout/{secret}/decline", follow_redirects=True)
    assert "Payment declined: you can try again" in read_page(response).text
    assert await status_of(client, secret) == "open"


async def test_a_session_that_is_not_open_offers_no_pay_button(
    client: httpx.AsyncClient, secrets: dict[str, str]
) -> None:
    secret = secrets["succeeded"]
    # The decline note of an old URL says nothing about a session no longer open.
    page = await page_of(client, secret, "?payment=declined")
    assert "Succeeded" in page.text
    assert "declined" not in page.text
    assert page.buttons == {}
    for action in ("pay", "decline"):
        response = await client.post(f"/checkout/{secret}/{action}")
        assert response.status_code == 409
        page = read_page(response)
        assert "Succeeded" in page.text
        assert "this checkout" in page.text
        assert page.buttons == {}
    assert await status_of(client, secret) == "succeeded"


async def test_an_expired_session_says_so_without_buttons(
    client: httpx.AsyncClient, store: Store, secrets: dict[str, str]
) -> None:
    page = await page_of(client, secrets["expired"])
    assert "Expired This checkout session has expired; it can no longer be paid." in page.text
    assert page.buttons == {}

    secret = secrets["one-time"]
    store.expire(secret)
    page = await page_of(client, secret)
    assert "Expired" in page.text
    assert page.buttons == {}
    response = await client.post(f"/checkout/{secret}/pay")
    assert response.status_code == 409
    assert "Not paid: this checkout can no longer be paid." in read_page(response).text
    assert store.session(secret).status == "expired"


async def test_an_unknown_secret_gets_a_404_page(client: httpx.AsyncClient) -> None:
    for method, path in [
        ("GET", f"/checkout/{UNKNOWN}"),
        ("GET", f"/checkout/{UNKNOWN}/confirmation"),
        ("POST", f"/checkout/{UNKNOWN}/pay"),
        ("POST", f"/checkout/{UNKNOWN}/decline"),
    ]:
        response = await client.request(method, path)
        assert response.status_code == 404, path
        page = read_page(response)
        assert "Checkout not found" in page.text
        assert page.buttons == {}


async def test_polars_variants_of_the_url_serve_the_page(
    client: httpx.AsyncClient, secrets: dict[str, str]
) -> None:
    secret = secrets["jpy"]
    plain = (await client.get(f"/checkout/{secret}")).text
    for suffix in (
        "/confirmation",
        "?theme=dark",
        "/confirmation?theme=dark&customer_session_token=x",
    ):
        response = await client.get(f"/checkout/{secret}{suffix}")
        assert response.status_code == 200, suffix
        assert response.text == plain


async def test_every_answer_carries_the_security_headers(
    client: httpx.AsyncClient, secrets: dict[str, str]
) -> None:
    secret = secrets["one-time"]
    responses = [
        await client.get(f"/checkout/{secret}"),
        await client.get(f"/checkout/{UNKNOWN}"),
        await client.post(f"/checkout/{secret}/pay"),
        await client.post(f"/checkout/{secret}/pay"),
    ]
    assert [r.status_code for r in responses] == [200, 404, 303, 409]
    for response in responses:
        assert response.headers["Content-Security-Policy"] == CSP
        assert response.headers["X-Frame-Options"] == "DENY"
        assert response.headers["Referrer-Policy"] == "no-referrer"


HOSTILE_PRODUCT = '<script>alert("owned")</script>'
HOSTILE_SELLER = "Tom & Jerry's <b>Shop</b>"


async def test_merchant_strings_show_literally(tmp_path: Path) -> None:
    scenarios = {
        "organizations": [{"slug": "acme", "name": HOSTILE_SELLER, "default_currency": "usd"}],
        "products": [
            {
                "key": "widget",
                "organization": "acme",
                "name": HOSTILE_PRODUCT,
                "prices": [{"amount_type": "fixed", "currency": "usd", "amount": 1000}],
            }
        ],
        "sessions": [{"name": "widget", "product": "widget"}],
    }
    path = tmp_path / "hostile.json"
    path.write_text(json.dumps(scenarios), encoding="utf-8")
    store = Store(FrozenClock(NOW), scenarios=load_scenarios(path))
    secret = store.scenarios()[0].client_secret
    transport = httpx.ASGITransport(app=create_app(store))
    async with httpx.AsyncClient(transport=transport, base_url="http://emulator") as http:
        response = await http.get(f"/checkout/{secret}")
    page = read_page(response)
    assert f"Seller {HOSTILE_SELLER} Product {HOSTILE_PRODUCT} Price $10.00 one-time" in page.text
    assert page.tags.isdisjoint({"script", "b"})
    assert "<h1>&lt;script&gt;alert(&quot;owned&quot;)&lt;/script&gt;</h1>" in response.text
    assert "<title>&lt;script&gt;alert(&quot;owned&quot;)&lt;/script&gt; (test" in response.text


async def test_neither_faults_nor_the_api_version_touch_the_page(
    client: httpx.AsyncClient, secrets: dict[str, str]
) -> None:
    secret = secrets["one-time"]
    fault = {"path": "*", "status": 500, "count": 10}
    assert (await client.post("/emulator/faults", json=fault)).status_code == 201
    unknown_version = {"Polar-Version": "2019-01"}
    response = await client.get(f"/checkout/{secret}", headers=unknown_version)
    assert response.status_code == 200
    assert "Polar-Version" not in response.headers
    response = await client.post(f"/checkout/{secret}/pay", headers=unknown_version)
    assert response.status_code == 303
    assert "Paid: confirmed" in (await page_of(client, secret)).text
    # The fault was there all along, for Polar's paths.
    assert (await client.get(f"{BASE}/{secret}")).status_code == 500
    assert (await client.get("/emulator/faults")).json()[0]["count"] == 9


def test_a_browser_follows_the_sessions_url_and_pays() -> None:
    clock = FrozenClock(NOW)
    store = Store(clock)
    secret = next(e.client_secret for e in store.scenarios() if e.name == "one-time")
    with RunningEmulator(store) as emulator, httpx.Client(timeout=5) as browser:
        url = browser.get(f"{emulator.base_url}{BASE}/{secret}").json()["url"]
        assert url == f"{emulator.base_url}/checkout/{secret}"
        page = read_page(browser.get(url))
        assert "Total $49.00 Open: waiting for payment" in page.text
        response = browser.post(f"{emulator.base_url}{page.buttons[PAY]}", follow_redirects=True)
        assert [r.status_code for r in response.history] == [303]
        assert str(response.url) == url
        assert "Paid: confirmed" in read_page(response).text
        clock.advance(timedelta(seconds=2))
        assert "Succeeded" in read_page(browser.get(url)).text
        assert browser.get(f"{emulator.base_url}{BASE}/{secret}").json()["status"] == "succeeded"
