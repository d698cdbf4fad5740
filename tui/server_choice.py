"""Which server a session opens on: the one picked (on the command line, in the settings file
or on the start screen) and what a pasted checkout URL says. No Textual import."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from tui.polar.secret import (
    ANY_SECRET,
    SECRET_PATTERN,
    SecretNotRecognised,
    SessionRef,
    mask_secret,
    parse_session_ref,
    redact_secrets,
)
from tui.polar.server_url import without_credentials
from tui.settings import SERVERS, Server, resolve_server


@dataclass(frozen=True, slots=True)
class ServerChoice:
    """A picked server. `explicit`: it wins over a checkout URL's own server, as `--server`
    does. Its host is trusted either way (a checkout URL on it is accepted), as `open`
    trusts both `--server` and the settings file's server."""

    server: Server
    explicit: bool = False

    @classmethod
    def picked(cls, server: Server) -> ServerChoice:
        """Picked on the start screen: a URL counts as explicit; production and sandbox let
        a checkout URL on Polar's hosts pick its own."""
        return cls(server, explicit=is_url(server))

    def open(self, text: str) -> tuple[SessionRef, Server]:
        """The session that `text` (a secret or a checkout URL) names and the server it goes
        to. Raises `SecretNotRecognised` with a message for people."""
        trusted = self.server.host if is_url(self.server) else None
        ref = parse_session_ref(text, server_host=trusted)
        return ref, self.server_for(ref)

    def server_for(self, ref: SessionRef) -> Server:
        if ref.server is None or self.explicit:
            return self.server
        return resolve_server(ref.server)


def is_url(server: Server) -> bool:
    """A server given by its URL (an emulator, a QA box), not production or sandbox."""
    return server.label not in SERVERS


def url_without_credentials(server: Server) -> str:
    """The server's URL as it may be shown: any `user:password@` left out."""
    return str(without_credentials(server.base_url)[0])


def preview(text: str, choice: ServerChoice) -> str:
    """What was pasted, masked, and where it would go (`polar_c_…f3a9 → production
    (api.polar.sh)`), or why it would not."""
    value = text.strip()
    if not value:
        return "Nothing pasted yet."
    try:
        _ref, server = choice.open(value)
    except SecretNotRecognised as error:
        return f"{shown_paste(value)}: {error}"
    where = server.label if is_url(server) else f"{server.label} ({server.host})"
    return f"{shown_paste(value)} → {where}"


def shown_paste(value: str) -> str:
    """A paste as it may be shown: a secret masked; of a URL only where it points and the
    masked secret (never a `user:password@`, a query or anything else it carries)."""
    if "://" not in value:
        secrets = ANY_SECRET.findall(value)
        if secrets:  # the secrets masked, and of the rest (a password?) only how much
            others = len(ANY_SECRET.sub("", value))
            shown = " ".join(redact_secrets(secret) for secret in secrets)
            return f"{shown} (and {others} more characters)" if others else shown
        if value.startswith("polar_c_") and len(value) > 12:
            return mask_secret(value)  # a secret cut short or too long: shown as one is
        return f"… ({len(value)} characters)"  # a password pasted by mistake shows nothing
    parts = urlsplit(value)
    secret = SECRET_PATTERN.search(parts.path)
    try:
        port = f":{parts.port}" if parts.port is not None else ""
    except ValueError:
        port = ""
    where = redact_secrets(f"{parts.scheme}://{parts.hostname or '?'}{port}")
    return f"{where}/…/{mask_secret(secret.group(0))}" if secret else f"{where}/…"
