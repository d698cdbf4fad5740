"""Client secrets: recognising them in what people paste; and the one redactor that masks
every credential a session carries, wherever text or data leaves the app (screens, errors,
logs, crash reports, tapes, apply)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from tui.polar.server_url import HostNotAccepted, server_of_url

SECRET_PATTERN = re.compile(r"polar_c_[A-Za-z0-9]{43}")
ANY_SECRET = re.compile(
    r"polar_c_[A-Za-z0-9]{43}"  # a session's client secret (also inside `url`, `success_url`)
    r"|polar_cst_[A-Za-z0-9]+"  # a customer session token, in confirm's answer
    r"|\b(?:pi|seti)_[A-Za-z0-9]+_secret_[A-Za-z0-9]+"  # Stripe intent client secrets
    r"|\bcuss_secret_[A-Za-z0-9]+"  # a Stripe customer session's client secret
)
"""Every credential a checkout session can carry, as text."""
_SECRET_KEY = re.compile(r"secret|token", re.IGNORECASE)
"""A key whose value is a credential whatever it looks like (`payment_processor_metadata`'s
`intent_client_secret`, `customer_session_token`)."""
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
    """Mask every credential (`ANY_SECRET`) anywhere in a text: a client secret keeps its
    last four characters to tell sessions apart, the others only their kind."""
    return ANY_SECRET.sub(lambda match: _mask_any(match.group(0)), text)


def _mask_any(found: str) -> str:
    if found.startswith("polar_c_"):
        return mask_secret(found)
    kind, _, rest = found.partition("_")
    if kind == "polar":
        return "polar_cst_…"
    return f"{kind}_…_secret_…" if "_secret_" in rest else f"{kind}_secret_…"


def redact_data(data: Any, secret: str = "") -> Any:
    """JSON data with every credential masked: inside any string (`url`, `success_url`,
    error details, a key), and the whole value of any key that names a secret or token."""
    if isinstance(data, dict):
        return {
            redact_data(key, secret): _mask_value(value)
            if _SECRET_KEY.search(str(key)) and isinstance(value, str)
            else redact_data(value, secret)
            for key, value in data.items()
        }
    if isinstance(data, list):
        return [redact_data(item, secret) for item in data]
    if isinstance(data, str):
        return redact_secrets(redact(data, secret))
    return data


def _mask_value(value: str) -> str:
    masked_value = redact_secrets(value)
    if masked_value != value:
        return masked_value
    return f"…{value[-4:]}" if len(value) > 12 else "…"
