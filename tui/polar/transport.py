"""How a client verifies the server it connects to: certificates only where they are used, and
for https, loaded in a thread while the app starts rather than on its event loop."""

from __future__ import annotations

import ssl
import threading
from concurrent.futures import Future

import httpx


class _Tls:
    """The verifying TLS context `prepare_tls` started building, if it did."""

    context: Future[ssl.SSLContext] | None = None


def prepare_tls(base_url: str) -> None:
    """For an https server, start loading the CA certificates now, in a thread (they take
    tens of milliseconds): the client built later takes them from there."""
    if httpx.URL(base_url).scheme != "https" or _Tls.context is not None:
        return
    context: Future[ssl.SSLContext] = Future()

    def build() -> None:
        try:
            context.set_result(httpx.create_ssl_context())
        except BaseException as error:  # the client raises it when it is built
            context.set_exception(error)

    _Tls.context = context
    threading.Thread(target=build, name="tls-context", daemon=True).start()


def verify_for(base_url: httpx.URL) -> ssl.SSLContext | bool:
    """The client's `verify`. For a plain-http server, an empty TLS context: httpx would
    otherwise read its whole CA bundle for a connection that never uses it, and a context
    with no certificates verifies nothing, so it fails closed should TLS ever be asked of
    it. For https, the context `prepare_tls` built (the same httpx builds); else True:
    httpx builds it. Given as `verify`, not as a transport, so the proxies the environment
    names still apply (httpx ignores them beside an explicit transport)."""
    if base_url.scheme == "http":
        return ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    if _Tls.context is None:
        return True
    return _Tls.context.result()
