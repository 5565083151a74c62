"""Every error the mock answers, rendered in one place as ``application/problem+json``.

The body carries RFC 9457's members (``type``, ``title``, ``status``, ``detail``) and the real
server's (``http``, ``message``, ``code``), so that a web app written against the real server
reads the mock's errors as it reads the real ones (it tests ``body.code === 'ResourceNotFound'``).
``field`` names the offending parameter or body field when there is one.

Connexion raises ``ProblemException``s (ours, and its own 400/401/415), Starlette raises
``HTTPException`` (an unknown path), anything else is a 500 without a trace. ``install`` points
all three at ``problem_response``.
"""

from __future__ import annotations

import logging
import re
from typing import Any

import connexion
import orjson
from connexion.exceptions import ProblemException
from connexion.http_facts import HTTP_STATUS_CODES
from connexion.lifecycle import ConnexionRequest, ConnexionResponse
from starlette.exceptions import HTTPException

logger = logging.getLogger(__name__)

# Connexion's parameter errors come as a sentence (``http.validation`` names the parameter in it).
_PARAMETER = re.compile(r"^(?:Query|Path|Header|Cookie|Formdata) parameter '([^']+)'")

PROBLEM_JSON = "application/problem+json"

# The real server's `code` per status (Validation, UnauthorizedAccess, AccessForbidden and
# ResourceNotFound are the ones it is seen to send); the others follow the same style.
CODES: dict[int, str] = {
    400: "Validation",
    401: "UnauthorizedAccess",
    403: "AccessForbidden",
    404: "ResourceNotFound",
    405: "MethodNotAllowed",
    409: "Conflict",
    413: "PayloadTooLarge",
    415: "UnsupportedMediaType",
    500: "Internal",
    503: "Unavailable",
}


def code_for(status: int) -> str:
    return CODES.get(status, "Validation" if 400 <= status < 500 else "Internal")


def problem_body(
    status: int, detail: str, *, title: str | None = None, ext: dict[str, Any] | None = None
) -> dict[str, Any]:
    """A problem document with the real server's members beside RFC 9457's."""
    body: dict[str, Any] = {
        "type": "about:blank",
        "title": title or HTTP_STATUS_CODES.get(status, "Error"),
        "status": status,
        "detail": detail,
        "code": code_for(status),
        "http": status,
        "message": detail,
    }
    if ext:
        body.update({k: v for k, v in ext.items() if k not in body})
    return body


def problem_response(
    status: int,
    detail: str,
    *,
    title: str | None = None,
    headers: dict[str, str] | None = None,
    ext: dict[str, Any] | None = None,
) -> ConnexionResponse:
    return ConnexionResponse(
        status_code=status,
        mimetype=PROBLEM_JSON,
        content_type=PROBLEM_JSON,
        body=orjson.dumps(problem_body(status, detail, title=title, ext=ext)),
        headers=headers or {},
    )


def _from_problem(_request: ConnexionRequest, exc: ProblemException) -> ConnexionResponse:
    (logger.warning if 400 <= exc.status < 500 else logger.error)("%r", exc)
    detail = exc.detail if isinstance(exc.detail, str) else str(exc.detail or exc.title)
    ext = dict(exc.ext or {})
    named = _PARAMETER.match(detail)
    if named and "field" not in ext:
        ext["field"] = named.group(1)
    return problem_response(exc.status, detail, title=exc.title, headers=exc.headers, ext=ext)


def _from_http_exception(_request: ConnexionRequest, exc: HTTPException) -> ConnexionResponse:
    detail = exc.detail if exc.detail else HTTP_STATUS_CODES.get(exc.status_code, "Error")
    return problem_response(exc.status_code, str(detail), headers=dict(exc.headers or {}))


def _from_anything(_request: ConnexionRequest, exc: Exception) -> ConnexionResponse:
    logger.error("%r", exc, exc_info=exc)
    return problem_response(
        500, "The mock failed to answer this request; its log has the details."
    )


def install(app: connexion.AsyncApp) -> None:
    """Render every error of ``app`` as a problem document (this module's one translation)."""
    app.add_error_handler(ProblemException, _from_problem)
    app.add_error_handler(HTTPException, _from_http_exception)
    app.add_error_handler(Exception, _from_anything)
