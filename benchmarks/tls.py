"""The emulator over https with a local CA (trustme): for the launch-over-https figure.
A client trusts the CA through `SSL_CERT_FILE`, as httpx reads it."""

from __future__ import annotations

from pathlib import Path

import trustme

from tui.emulator.model.clock import SystemClock
from tui.emulator.run.background import RunningEmulator
from tui.emulator.store import Store

from .emulator import CA_FILE


def start_https(folder: Path) -> tuple[RunningEmulator, str]:
    """An emulator serving https on a free loopback port, its CA written to
    `folder/ca.pem`; the emulator (to stop) and its https URL."""
    authority = trustme.CA()
    authority.cert_pem.write_to_path(str(folder / CA_FILE))
    issued = authority.issue_cert("127.0.0.1", "localhost")
    chain, key = folder / "chain.pem", folder / "key.pem"
    issued.private_key_pem.write_to_path(str(key))
    for index, blob in enumerate(issued.cert_chain_pems):
        blob.write_to_path(str(chain), append=index > 0)
    emulator = RunningEmulator(Store(SystemClock()))
    # The emulator serves plain http; uvicorn's own TLS is switched on before it starts.
    config = emulator._server.config
    config.ssl_certfile, config.ssl_keyfile = str(chain), str(key)
    emulator.start()
    return emulator, emulator.base_url.replace("http://", "https://", 1)
