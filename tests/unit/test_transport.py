"""A client for a plain-http server (the emulator) starts without loading certificates (the
CA bundle, or the system's store); one for https still verifies against them, loaded in a
thread while the app starts when `open` asked for that."""

from __future__ import annotations

import ssl
from collections.abc import Iterator
from typing import Any

import pytest

from tui.polar import transport
from tui.polar.client import CheckoutClient
from tui.polar.transport import prepare_tls
from tui.settings import API_VERSION, TIMEOUT

SANDBOX = "https://sandbox-api.polar.sh"


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
        CheckoutClient(SANDBOX, api_version=API_VERSION, timeout=TIMEOUT)


@pytest.fixture
def tls_prepared() -> Iterator[ssl.SSLContext]:
    prepare_tls(SANDBOX)
    assert transport._Tls.context is not None
    yield transport._Tls.context.result(timeout=10)  # built in its thread meanwhile
    transport._Tls.context = None


async def test_an_https_client_takes_the_certificates_loaded_while_the_app_started(
    tls_prepared: ssl.SSLContext, certificates_watched: None
) -> None:
    """Built after `prepare_tls`, the client loads no certificates of its own (that would
    raise here), and the context it takes verifies the server."""
    client = CheckoutClient(SANDBOX, api_version=API_VERSION, timeout=TIMEOUT)
    await client.aclose()
    assert tls_prepared.verify_mode == ssl.CERT_REQUIRED
    assert tls_prepared.check_hostname
    assert tls_prepared.cert_store_stats()["x509_ca"] > 0
