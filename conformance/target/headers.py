"""Headers the suite sends on every request (``--header 'Name: value'``): API, Schemathesis'
and the control API's. Against the mock, ``X-Mock-Session: <name>`` runs the suite in a session
of its own, its publishing layer moving that session's clock only.

The suite sets some headers itself, per request: those are refused here, with what to use instead.
"""

from __future__ import annotations

import re

Headers = tuple[tuple[str, str], ...]

# RFC 9110 field names are tokens; values here are visible ASCII, spaces and tabs (no line breaks).
_NAME = re.compile(r"[!#$%&'*+\-.^_`|~0-9A-Za-z]+")
_VALUE = re.compile(r"[\t\x20-\x7e]*")
RESERVED = {
    "authorization": "the suite sends its own bearer token: use --token (or the profile's token)",
    "content-type": "the suite sets each request's content type (some checks send wrong ones)",
    "content-length": "the HTTP client computes it from each body",
    "host": "the HTTP client derives it from --base-url",
}


class HeaderError(ValueError):
    """A ``--header`` that cannot be sent as given (the suite cannot run: exit 2)."""


def parse_header(text: str) -> tuple[str, str]:
    """``'Name: value'`` as (name, value); the value's surrounding whitespace dropped."""
    name, colon, value = text.partition(":")
    if not colon:
        raise HeaderError(f"{text!r} is not 'Name: value' (no colon)")
    name, value = name.strip(), value.strip()
    if not name:
        raise HeaderError(f"{text!r} has no header name before the colon")
    if not _NAME.fullmatch(name):
        raise HeaderError(f"{name!r} is not a valid header name (letters, digits and "
                          f"!#$%&'*+-.^_`|~ only)")
    if not _VALUE.fullmatch(value):
        raise HeaderError(f"the value of {name} must be printable ASCII on one line")
    reason = RESERVED.get(name.lower())
    if reason is not None:
        raise HeaderError(f"{name} cannot be set with --header: {reason}")
    return name, value


def parse_headers(texts: tuple[str, ...] | list[str]) -> Headers:
    """Every ``--header``, in order; a name given twice (in any case) is refused."""
    headers: list[tuple[str, str]] = []
    seen: set[str] = set()
    for text in texts:
        name, value = parse_header(text)
        if name.lower() in seen:
            raise HeaderError(f"{name} is given twice")
        seen.add(name.lower())
        headers.append((name, value))
    return tuple(headers)
