"""Ids and client secrets derived from names, so every run and machine gets the same ones.

Ids are version-4 UUIDs (Polar's inputs insist on version 4) and client
secrets are `polar_c_` + 43 letters and digits, both hashed from names.
"""

from __future__ import annotations

import hashlib
import string
from typing import Final
from uuid import UUID

SECRET_PREFIX: Final = "polar_c_"
SECRET_LENGTH: Final = 43
_ALPHABET: Final = string.ascii_letters + string.digits


def stable_uuid(*parts: str) -> UUID:
    """A version-4 UUID that depends only on `parts`."""
    digest = hashlib.sha256("/".join(("polar-checkout-emulator", *parts)).encode()).digest()
    return UUID(bytes=digest[:16], version=4)


def stable_secret(name: str, *, prefix: str = SECRET_PREFIX, length: int = SECRET_LENGTH) -> str:
    """`polar_c_` + 43 letters and digits derived from `name` (or another prefix and length)."""
    chars: list[str] = []
    block = f"polar-checkout-emulator/secret/{name}".encode()
    while len(chars) < length:
        block = hashlib.sha256(block).digest()
        # Bytes at or above 248 would favour the first letters: skip them.
        chars.extend(_ALPHABET[b % len(_ALPHABET)] for b in block if b < 248)
    return prefix + "".join(chars[:length])
