"""The emulator's listening socket, made so that every connection sends at once.

asyncio turns Nagle's algorithm off (`TCP_NODELAY`) only on sockets whose protocol is
TCP by number; a socket made as `socket(AF_INET, SOCK_STREAM)` has protocol 0, and the
connections it accepts inherit that. Their answers then go out in two writes (headers,
body), and the second waits for the client's delayed ACK: about 40 ms a request.
"""

from __future__ import annotations

import socket
from typing import Final

BACKLOG: Final = 128


def tcp_listener(host: str, port: int) -> socket.socket:
    """A listening TCP socket on the host's first address (0 picks a free port).
    Raises OSError when the address cannot be had."""
    family, kind, _, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
    listener = socket.socket(family, kind, socket.IPPROTO_TCP)
    try:
        if family == socket.AF_INET6:
            listener.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(address[:2])
        listener.listen(BACKLOG)
    except OSError:
        listener.close()
        raise
    return listener
