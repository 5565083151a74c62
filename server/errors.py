"""The mock's error hierarchy. Each error is answered as ``application/problem+json``.

    ApiError                  any error the mock answers on purpose (an RFC 9457 problem)
    ├── BadRequest            400: a parameter or body field breaks a rule (names the field)
    ├── Unauthorized          401: a token the mock cannot take (says how to send it)
    ├── Forbidden             403: a brand the user may not reach (or that does not exist),
    │                         another brand's page, an executed post, another member's post,
    │                         the control API from afar
    ├── NotFound              404: unknown brand, post, or a reference outside the brand
    ├── MethodNotAllowed      405: a method the path does not have (``Allow`` lists those it has)
    ├── Conflict              409: the request contradicts the resource's state
    ├── PayloadTooLarge       413: the body is over the configured limit
    └── ServiceUnavailable    503: the shared store (PostgreSQL) cannot be reached just now
                              (``Retry-After`` says when to try again)

Handlers and middleware raise these by name. They are Connexion ``ProblemException``s, so they
are rendered by ``http.problems`` in the same place and shape as Connexion's own problems
(401 from security, 415 and request validation's 400): one translation for every error.
"""

from __future__ import annotations

from typing import Any, ClassVar

from connexion.exceptions import ProblemException


class ApiError(ProblemException):  # type: ignore[misc]  # connexion ships no type hints
    """An error answered as a problem document."""

    status_code_: ClassVar[int] = 500
    title_: ClassVar[str] = "Internal Server Error"

    def __init__(
        self, detail: str, *, headers: dict[str, str] | None = None, **ext: Any
    ) -> None:
        members = {k: v for k, v in ext.items() if v is not None}  # e.g. field=None: no field
        super().__init__(
            status=self.status_code_, title=self.title_, detail=detail, headers=headers,
            ext=members or None,
        )


class BadRequest(ApiError):
    status_code_ = 400
    title_ = "Bad Request"


class Unauthorized(ApiError):
    status_code_ = 401
    title_ = "Unauthorized"

    def __init__(self, detail: str) -> None:
        super().__init__(detail, headers={"WWW-Authenticate": "Bearer"})


class Forbidden(ApiError):
    status_code_ = 403
    title_ = "Forbidden"


class NotFound(ApiError):
    status_code_ = 404
    title_ = "Not Found"


class MethodNotAllowed(ApiError):
    status_code_ = 405
    title_ = "Method Not Allowed"

    def __init__(self, method: str, allowed: list[str]) -> None:
        super().__init__(
            f"{method} is not supported here; allowed: {', '.join(allowed)}.",
            headers={"Allow": ", ".join(allowed)},
        )


class Conflict(ApiError):
    status_code_ = 409
    title_ = "Conflict"


class PayloadTooLarge(ApiError):
    status_code_ = 413
    title_ = "Payload Too Large"


class ServiceUnavailable(ApiError):
    status_code_ = 503
    title_ = "Service Unavailable"

    def __init__(self, detail: str, retry_after: int = 1) -> None:
        super().__init__(detail, headers={"Retry-After": str(retry_after)})
