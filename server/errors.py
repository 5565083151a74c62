"""The mock's error hierarchy. Each error is answered as ``application/problem+json``.

    ApiError                  any error the mock answers on purpose (an RFC 9457 problem)
    ├── BadRequest            400: a parameter or body field breaks a rule (names the field)
    ├── Unauthorized          401: no, empty or unknown bearer token
    ├── Forbidden             403: the user is not a member of the brand
    ├── NotFound              404: unknown brand, or post (of this brand, not deleted)
    ├── Conflict              409: the request contradicts the resource's state
    ├── PayloadTooLarge       413: the body is over the configured limit
    └── UnsupportedMediaType  415: the body is not JSON

Handlers raise these by name. They are Connexion ``ProblemException``s, so Connexion's
exception middleware renders them, in the same place and shape as its own validation and
security problems: one translation for every error the mock gives.
"""

from __future__ import annotations

from typing import Any, ClassVar

from connexion.exceptions import ProblemException

PROBLEM_JSON = "application/problem+json"


class ApiError(ProblemException):  # type: ignore[misc]  # connexion ships no type hints
    """An error answered as a problem document."""

    status_code_: ClassVar[int] = 500
    title_: ClassVar[str] = "Internal Server Error"

    def __init__(self, detail: str, **ext: Any) -> None:
        super().__init__(
            status=self.status_code_, title=self.title_, detail=detail, ext=ext or None
        )


class BadRequest(ApiError):
    status_code_ = 400
    title_ = "Bad Request"

    def __init__(self, detail: str, *, field: str | None = None) -> None:
        if field is None:
            super().__init__(detail)
        else:
            super().__init__(detail, field=field)


class Unauthorized(ApiError):
    status_code_ = 401
    title_ = "Unauthorized"


class Forbidden(ApiError):
    status_code_ = 403
    title_ = "Forbidden"


class NotFound(ApiError):
    status_code_ = 404
    title_ = "Not Found"


class Conflict(ApiError):
    status_code_ = 409
    title_ = "Conflict"


class PayloadTooLarge(ApiError):
    status_code_ = 413
    title_ = "Payload Too Large"


class UnsupportedMediaType(ApiError):
    status_code_ = 415
    title_ = "Unsupported Media Type"
