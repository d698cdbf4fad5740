"""Client secrets: recognising them in what people paste, and masking them for display."""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from tui.polar.server_url import HostNotAccepted, server_of_url

SECRET_PATTERN = re.compile(r"polar_c_[A-Za-z0-9]{43}")
_LINK_PATTERN = re.compile(r"polar_cl_[A-Za-z0-9]+")
_SECRET_IN_PATH = re.compile(r"/checkout/(polar_c_[A-Za-z0-9]{43})(?:/|$)")


class SecretNotRecognised(ValueError):
    """What was pasted holds no checkout session secret; the message says why."""


@dataclass(frozen=True, slots=True)
class SessionRef:
    """A session to open: its secret and, when a URL named one, the server it came from
    (`production`, `sandbox`, or an emulator's origin such as `http://127.0.0.1:8000`)."""

    secret: str
    server: str | None = None


def parse_session_ref(text: str, *, server_host: str | None = None) -> SessionRef:
    """Accept a bare secret or a checkout URL containing `/checkout/{secret}` on a host the
    secret may go to (`tui.polar.server_url.server_of_url`; `server_host`: the host of an
    explicit `--server`)."""
    value = text.strip()
    if not value:
        raise SecretNotRecognised("Paste a client secret (polar_c_...) or a checkout URL.")
    if _LINK_PATTERN.search(value):
        raise SecretNotRecognised(
            "That is a checkout link (polar_cl_...), not a session. Open the link in a "
            "browser to start a session, then paste the session's URL or secret."
        )
    if SECRET_PATTERN.fullmatch(value):
        return SessionRef(value)
    if "://" in value:
        parts = urlsplit(value)
        match = _SECRET_IN_PATH.search(parts.path)
        if match is None:
            raise SecretNotRecognised("That URL has no /checkout/polar_c_... session in it.")
        try:
            return SessionRef(match.group(1), server_of_url(parts, server_host))
        except HostNotAccepted as error:
            raise SecretNotRecognised(str(error)) from error
    if value.startswith("polar_c_"):
        raise SecretNotRecognised(
            "A client secret is polar_c_ followed by 43 letters and digits; "
            f"this one has {len(value) - len('polar_c_')}."
        )
    raise SecretNotRecognised("Not a client secret (polar_c_...) or a checkout URL.")


def mask_secret(secret: str) -> str:
    """`polar_c_…f3a9`: enough to tell sessions apart, never enough to use one."""
    if len(secret) <= 12:
        return "polar_c_…"
    return f"{secret[:8]}…{secret[-4:]}"


def redact(text: str, secret: str) -> str:
    """Replace every occurrence of a secret in text (a path, a URL, a message) by its mask."""
    return text.replace(secret, mask_secret(secret)) if secret else text


def redact_secrets(text: str) -> str:
    """Mask every client secret anywhere in a text."""
    return SECRET_PATTERN.sub(lambda match: mask_secret(match.group(0)), text)
