"""Polar's checkout client contract, the responses: what the contract hook holds each answer to.

Three sources, as `polar-api.md` prescribes:
- the OpenAPI document (`contract_schemas.py`) for every status an operation
  declares; additional keys are allowed (the document omits keys real responses
  carry);
- `polar-api.md` section 5 (`contract_errors.py`) for what the document does not
  declare (403 `NotPermitted`, 409, 429 on any path, FastAPI's plain 404 and
  405; a proxy's 413 for a body over 1 MiB, as issue 10 asks) and for the exact
  `detail` of each named error, and section 1 for the echoed `Polar-Version` header;
- FastAPI itself (`fastapi.routing`, not in either) for its plain 400
  `{"detail": "There was an error parsing the body"}` on a write whose JSON body
  it cannot parse for another reason than a JSONDecodeError.

`response_problems(response)` lists what is wrong with one response (empty when
it conforms); `check_response` raises `ContractViolation` with all of them.
Only Polar's routes (`/v1/checkouts/...`) are checked; the emulator's own
helpers (`/emulator/...`) and 5xx answers (Polar documents none; faults may
inject them) are exempt. Event streams are checked for their content type only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Final

import httpx
from polar.base import PolarDeserializationError, deserialize
from polar.v2027_01 import outputs as outputs_2027_01

from .contract_errors import (
    SECTION_5,
    WRITES,
    rate_limited_problems,
    too_large_problems,
    validation_problems,
)
from .contract_schemas import SCHEMAS, contract_document, schema_problems

POLAR_PREFIX: Final = "/v1/checkouts/"
CLIENT_PREFIXES: Final = ("/v1/checkouts/client/", "/v1/checkouts/custom/client/")
SUPPORTED_VERSIONS: Final = frozenset({"2026-04", "2026-10", "2027-01"})
DEFAULT_VERSION: Final = "2026-04"
NEWER_THAN_DOCUMENT: Final = "2027-01"
"""A version the OpenAPI document predates: its successes are held to the official SDK's
`polar.v2027_01` models instead (seat-based prices carry `tiers` there, not `seat_tiers`)."""
PLAIN_NOT_FOUND: Final = {"detail": "Not Found"}
PLAIN_METHOD_NOT_ALLOWED: Final = {"detail": "Method Not Allowed"}
PLAIN_BODY_NOT_PARSED: Final = {"detail": "There was an error parsing the body"}


@dataclass(frozen=True, slots=True)
class Operation:
    key: str
    """"get", "update", "confirm", "stream" or "opened"."""
    method: str
    suffix: str
    """What follows the client secret in the path: "", "/confirm" or "/stream"."""
    document_path: str | None
    """The operation's path in the OpenAPI document (the stream is not in it)."""
    document_method: str | None = None
    """The method whose answers the document declares for it, when not its own: the analytics
    ping `opened`, private in Polar's schema, answers as GET does (`CheckoutPublic`, 404, 410)."""


OPERATIONS: Final = (
    Operation("get", "GET", "", "/v1/checkouts/client/{client_secret}"),
    Operation("update", "PATCH", "", "/v1/checkouts/client/{client_secret}"),
    Operation("confirm", "POST", "/confirm", "/v1/checkouts/client/{client_secret}/confirm"),
    Operation("stream", "GET", "/stream", None),
    Operation("opened", "POST", "/opened", "/v1/checkouts/client/{client_secret}", "GET"),
)


class ContractViolation(AssertionError):
    """A response (or request body) that Polar's contract does not allow."""


# -- responses ---------------------------------------------------------------------------


def match_operation(method: str, path: str) -> tuple[Operation | None, bool]:
    """The operation a request addresses, and whether its path is a client route at all.

    (None, True): a client route with another method (FastAPI answers 405);
    (None, False): no client route (FastAPI's plain 404).
    """
    rest = next((path[len(p) :] for p in CLIENT_PREFIXES if path.startswith(p)), None)
    if rest is None:
        return None, False
    secret, _, tail = rest.partition("/")
    if not secret:
        return None, False
    suffix = f"/{tail}" if tail else ""
    on_path = [op for op in OPERATIONS if op.suffix == suffix]
    if not on_path:
        return None, False
    return next((op for op in on_path if op.method == method.upper()), None), True


def _declared(operation: Operation, status: int) -> str | None:
    """The schema the document declares for `status`, or None."""
    if operation.document_path is None:
        return None
    paths = contract_document()["paths"]
    method = operation.document_method or operation.method
    responses = paths[operation.document_path][method.lower()]["responses"]
    entry = responses.get(str(status))
    if entry is None:
        return None
    ref: str = entry["content"]["application/json"]["schema"]["$ref"]
    return ref.removeprefix(SCHEMAS)


def _json_body(response: httpx.Response, problems: list[str]) -> Any:
    content_type = response.headers.get("content-type", "")
    if not content_type.startswith("application/json"):
        problems.append(f"content-type {content_type!r}, expected application/json")
    try:
        return response.json()
    except ValueError:
        problems.append(f"the body is not JSON: {response.text[:200]!r}")
        return None


def _requested_version(request: httpx.Request) -> str | None:
    """The API version the request selects; None when Polar would not know it."""
    raw = request.headers.get("Polar-Version")
    if not raw:
        return DEFAULT_VERSION
    return raw if raw in SUPPORTED_VERSIONS else None


def sdk_problems(schema_name: str, body: Any) -> list[str]:
    """What keeps the official SDK's 2027-01 models from reading `body` as `schema_name`."""
    try:
        deserialize(body, getattr(outputs_2027_01, schema_name))
    except PolarDeserializationError as error:
        return [f"polar.v2027_01 cannot read it as {schema_name}: {error.__cause__ or error}"]
    return []


def _named_error_problems(operation: Operation, status: int, body: Any) -> list[str]:
    """Section 5: `{"error": <Name>, "detail": <text>}`, the name allowed here, its exact detail."""
    if not isinstance(body, dict) or set(body) != {"error", "detail"}:
        return [f'expected exactly {{"error", "detail"}} (polar-api.md section 5), got {body!r}']
    name, detail = body["error"], body["detail"]
    known = SECTION_5.get(name)
    if known is None or known.status != status or operation.key not in known.operations:
        allowed = sorted(n for n, e in SECTION_5.items() if e.status == status)
        return [
            f"{operation.method} {operation.key} may not answer {status} {name!r} "
            f"(section 5 names for {status}: {allowed})"
        ]
    if not isinstance(detail, str):
        return [f"detail {detail!r} is not a string"]
    expected = known.detail
    if isinstance(expected, re.Pattern):
        if not expected.fullmatch(detail):
            return [f"{name} detail {detail!r} does not read {expected.pattern!r}"]
    elif expected is not None and detail != expected:
        return [f"{name} detail {detail!r}, Polar says {expected!r}"]
    return []


def _operation_problems(operation: Operation, response: httpx.Response, version: str) -> list[str]:
    status = response.status_code
    problems: list[str] = []
    echoed = response.headers.get("Polar-Version")
    if echoed != version:
        problems.append(f"Polar-Version header {echoed!r}, expected the version in use {version!r}")
    if operation.key == "stream" and status == 200:
        content_type = response.headers.get("content-type", "")
        if not content_type.startswith("text/event-stream"):
            problems.append(f"stream content-type {content_type!r}, expected text/event-stream")
        return problems
    body = _json_body(response, problems)
    if problems and body is None:
        return problems
    declared = _declared(operation, status)
    if status == 200:
        if declared is None:  # pragma: no cover - every documented operation declares 200
            return [*problems, f"no 200 schema for {operation.key}"]
        if version == NEWER_THAN_DOCUMENT:
            return problems + sdk_problems(declared, body)
        return problems + schema_problems(declared, body)
    if status == 422:
        if declared is not None:
            problems += schema_problems(declared, body)
        return problems + validation_problems(body)
    if 200 <= status < 300:
        return [*problems, f"unexpected success status {status} for {operation.key}"]
    if status == 400 and operation.key in WRITES and body == PLAIN_BODY_NOT_PARSED:
        return problems
    named = _named_error_problems(operation, status, body)
    if declared is not None and not (
        status == 403 and isinstance(body, dict) and body.get("error") == "NotPermitted"
    ):
        problems += schema_problems(declared, body)
    return problems + named


def response_problems(response: httpx.Response) -> list[str]:
    """Everything wrong with one response by Polar's contract; [] when it conforms or is exempt.

    The body must have been read (not needed for event streams).
    """
    request = response.request
    path = request.url.path
    status = response.status_code
    if not is_polar_route(response) or status >= 500:
        return []
    if status == 429:
        # Polar's rate limiter sits in front of every route, known or not.
        return rate_limited_problems(response)
    if status == 413:
        return too_large_problems(response)  # the proxy in front of Polar, for a body over 1 MiB
    if status in (307, 308) and path.endswith("/") and "location" in response.headers:
        return []  # FastAPI's redirect of a trailing slash, as on api.polar.sh
    operation, on_client_route = match_operation(request.method, path)
    version = _requested_version(request)
    problems: list[str] = []
    if version is None or not on_client_route:
        # An unknown Polar-Version or path: FastAPI's plain 404, whatever the method.
        if (status, _json_body(response, problems)) != (404, PLAIN_NOT_FOUND):
            reason = "unknown Polar-Version" if version is None else "no such route"
            problems.append(f"{reason}: expected 404 {PLAIN_NOT_FOUND}, got {status}")
        return problems
    if operation is None:
        if (status, _json_body(response, problems)) != (405, PLAIN_METHOD_NOT_ALLOWED):
            problems.append(f"expected 405 {PLAIN_METHOD_NOT_ALLOWED}, got {status}")
        return problems
    return _operation_problems(operation, response, version)


def violation_message(response: httpx.Response, problems: list[str]) -> str:
    request = response.request
    lines = "\n".join(f"  - {problem}" for problem in problems)
    try:
        body = repr(response.text[:500])
    except httpx.ResponseNotRead:
        body = "(an event stream, not read)"
    return (
        f"{request.method} {request.url.path} answered {response.status_code}, "
        f"which Polar's contract does not allow:\n{lines}\n  body: {body}"
    )


def is_polar_route(response: httpx.Response) -> bool:
    """Whether the response is one this module checks: a path of Polar's API."""
    return response.request.url.path.startswith(POLAR_PREFIX)


def is_event_stream(response: httpx.Response) -> bool:
    content_type: str = response.headers.get("content-type", "")
    return content_type.startswith("text/event-stream")


def check_response(response: httpx.Response) -> None:
    """Raise ContractViolation listing every problem with `response` (its body read)."""
    problems = response_problems(response)
    if problems:
        raise ContractViolation(violation_message(response, problems))
