"""Polar's contract as schemathesis reads it, and the checks a schemathesis run holds answers to.

The document is the vendored one with each `oneOf` union picking its branch by its
discriminator (`contract_schemas.rewritten_document`: plain JSON Schema ignores
discriminators). To each operation it adds the answers `polar-api.md` section 5 allows and the
document does not declare (`contract_errors.SECTION_5`: 403 `NotPermitted` on a read, 409
`CheckoutLocked`, ...; FastAPI's plain 400 for a write's body it cannot parse; the rate
limiter's 429, empty, on every route), each pinned to its error name and detail.

`CHECKS` are schemathesis's own (no 5xx, a documented status, content type and schema) plus
`polar_contract`, the verdict of the contract hook every emulator test runs
(`contract_responses.response_problems`: exact details, the echoed `Polar-Version`, ...).
`Tally` counts the examples sent and the checks run, for the report.

Only `test_schemathesis.py` imports this module, and only inside its test: schemathesis takes
a second to import, which every worker would pay collecting the suite.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Final

import httpx
import schemathesis
from hypothesis import strategies as st
from schemathesis import Case, CheckContext, GenerationMode, Response
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from .contract_errors import SECTION_5, WRITES, NamedError
from .contract_responses import OPERATIONS, PLAIN_BODY_NOT_PARSED, response_problems
from .contract_schemas import rewritten_document

Check = Callable[[CheckContext, Response, Case[Any]], bool | None]


def _named_error_schema(name: str, error: NamedError) -> dict[str, Any]:
    detail: dict[str, Any] = {"type": "string"}
    if isinstance(error.detail, str):
        detail = {"const": error.detail}
    elif isinstance(error.detail, re.Pattern):
        detail = {"type": "string", "pattern": f"^(?:{error.detail.pattern})$"}
    return {
        "type": "object",
        "required": ["error", "detail"],
        "properties": {"error": {"const": name}, "detail": detail},
    }


def _allow(responses: dict[str, Any], status: int, schema: dict[str, Any]) -> None:
    """Let `status` answer `schema` too (as well as what the document declares for it)."""
    entry = responses.setdefault(
        str(status),
        {"description": "polar-api.md section 5", "content": {"application/json": {}}},
    )
    media = entry["content"]["application/json"]
    declared = media.get("schema")
    media["schema"] = schema if declared is None else {"anyOf": [declared, schema]}


def schemathesis_document() -> dict[str, Any]:
    """The document, unions resolved, with the answers section 5 adds to each operation."""
    document = rewritten_document()
    for operation in OPERATIONS:
        if operation.document_path is None or operation.document_method is not None:
            continue  # the stream and the `opened` ping are not operations of the document
        method = operation.method.lower()
        responses = document["paths"][operation.document_path][method]["responses"]
        for name, error in SECTION_5.items():
            if operation.key in error.operations:
                _allow(responses, error.status, _named_error_schema(name, error))
        if operation.key in WRITES:
            plain = {"const": PLAIN_BODY_NOT_PARSED["detail"]}
            _allow(responses, 400, {"type": "object", "properties": {"detail": plain}})
        responses["429"] = {"description": "rate limited: an empty body and Retry-After"}
    return document


def cases(method: str, path: str, mode: str) -> st.SearchStrategy[Case[Any]]:
    """Requests schemathesis makes for the operation: "positive" (valid) or "negative"."""
    operation = schemathesis.openapi.from_dict(schemathesis_document())[path][method]
    return operation.as_strategy(generation_mode=GenerationMode(mode))


def _as_httpx(response: Response) -> httpx.Response:
    sent = response.request
    sent_headers = {
        name: value if isinstance(value, str) else value.decode("latin-1")
        for name, value in sent.headers.items()
    }
    request = httpx.Request(str(sent.method), str(sent.url), headers=sent_headers)
    headers = [(name, value) for name, values in response.headers.items() for value in values]
    return httpx.Response(
        response.status_code, headers=headers, content=response.content, request=request
    )


def polar_contract(ctx: CheckContext, response: Response, case: Case[Any]) -> bool | None:
    """The contract hook's verdict on the answer (`contract_responses.response_problems`)."""
    problems = response_problems(_as_httpx(response))
    assert not problems, "\n".join(problems)
    return None


CHECKS: Final[tuple[Check, ...]] = (
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    polar_contract,
)


@dataclass
class Tally:
    """What a run did: examples sent, statuses answered, checks that ran (not skipped)."""

    examples: int = 0
    statuses: Counter[int] = field(default_factory=Counter)
    checks: Counter[str] = field(default_factory=Counter)

    def counted(self, check: Check) -> Check:
        @functools.wraps(check)
        def run(ctx: CheckContext, response: Response, case: Case[Any]) -> bool | None:
            skipped = check(ctx, response, case)
            if not skipped:
                self.checks[check.__name__] += 1
            return skipped

        return run
