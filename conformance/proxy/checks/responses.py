"""An answer against its operation, by Schemathesis' own response checks.

``conform`` runs the same checks on the answers to the requests it makes; here they run on the
answers to the requests a client made. Each is run on its own, so a violation is named by the
check that found it:

    status_code_conformance        a status the operation does not document
    content_type_conformance       a Content-Type not documented for that status
    response_headers_conformance   a documented response header missing or invalid
    response_schema_conformance    a body that is not JSON or that its schema refuses
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import orjson
import requests
import schemathesis
from schemathesis.core.failures import Failure, FailureGroup
from schemathesis.core.transport import Response
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from ..findings import Violation, excerpt
from ..observed import Observed
from .requests import Operation

CHECKS = (status_code_conformance, content_type_conformance, response_headers_conformance,
          response_schema_conformance)


class _Answer(Response):
    """An observed answer, its JSON parsed once for every check, by orjson (its decode error
    is a ``json.JSONDecodeError``, which the checks report as malformed JSON)."""

    def json(self) -> Any:
        if not hasattr(self, "_parsed"):
            self._parsed = orjson.loads(self.content)
        return self._parsed


class ResponseChecks:
    """Schemathesis' view of the contract at ``spec``, asked about observed answers."""

    def __init__(self, spec: Path) -> None:
        self.schema = schemathesis.openapi.from_path(spec)

    def check(self, operation: Operation, exchange: Observed, base_url: str) -> list[Violation]:
        if exchange.response_headers is None:
            return []
        api = self.schema[operation.template][operation.method.lower()]
        case = api.Case(path_parameters=operation.path_values(exchange.path),
                        query=_query(exchange), headers=dict(exchange.request_headers))
        request = requests.Request(exchange.method, base_url + exchange.target,
                                   headers=dict(exchange.request_headers)).prepare()
        headers: dict[str, list[str]] = {}
        for name, value in exchange.response_headers:
            headers.setdefault(name, []).append(value)
        body = exchange.response_body
        response = _Answer(exchange.status, headers, body or b"", request, elapsed=0.0,
                            verify=True)
        found = []
        for check in CHECKS:
            if body is None and check is response_schema_conformance:
                continue  # streamed past, unchecked
            try:
                case.validate_response(response, checks=[check])
            except (FailureGroup, Failure) as exc:
                failures = exc.exceptions if isinstance(exc, FailureGroup) else (exc,)
                for failure in failures:
                    found.append(Violation(check.__name__, "failure",
                                           _message(failure), "response", excerpt(body)))
        return found


def _message(failure: Any) -> str:
    """The failure's title and what went wrong, without the schema Schemathesis prints."""
    title = getattr(failure, "title", "") or type(failure).__name__
    paragraphs = [p.strip() for p in (getattr(failure, "message", "") or "").split("\n\n")]
    kept = [p for p in paragraphs[:1] if p]
    kept += [p.splitlines()[0].rstrip(":") for p in paragraphs[1:] if p.startswith("Schema at")]
    message = " ".join(" ".join(p.split()) for p in kept)
    return f"{title}: {message}" if message else title


def _query(exchange: Observed) -> dict[str, Any]:
    return {k: v[0] if len(v) == 1 else v for k, v in exchange.query_values().items()}
