"""A client for a plain-http server (the emulator) starts without loading certificates (the
CA bundle, or the system's store); one for https still verifies against them."""

from __future__ import annotations

import ssl
from typing import Any

import pytest

from tui.polar.client import CheckoutClient
from tui.settings import API_VERSION, TIMEOUT


class CertificatesLoaded(Exception):
    pass


@pytest.fixture
def certificates_watched(monkeypatch: pytest.MonkeyPatch) -> None:
    def create_default_context(*args: Any, **kwargs: Any) -> ssl.SSLContext:
        raise CertificatesLoaded

    monkeypatch.setattr(ssl, "create_default_context", create_default_context)


async def test_an_http_client_loads_no_certificates(certificates_watched: None) -> None:
    client = CheckoutClient("http://127.0.0.1:8000", api_version=API_VERSION, timeout=TIMEOUT)
    await client.aclose()


def test_an_https_client_verifies_with_the_certificates(certificates_watched: None) -> None:
    with pytest.raises(CertificatesLoaded):
        CheckoutClient("https://sandbox-api.polar.sh", api_version=API_VERSION, timeout=TIMEOUT)
