"""JSON out of the mock through orjson: a page of 50 posts with their associations is ~130 KiB.

Connexion's default (the standard library with a Python encoder class) spends about a
millisecond on such a page; orjson, a third of that. The output is the same JSON, written
compactly; floats keep their shortest round-trip form, so timestamps read back exactly.

The body goes out as the very ``bytes`` object ``dumps`` made, and response validation
(``validation.CompiledResponseValidator``) validates the value it was made from instead of
parsing those bytes again: ``encoded`` remembers, for the last few bodies made, bytes object
(by identity) to value. Only JSON's own types are remembered (a value orjson would convert,
a datetime, a dataclass, a subclass, is encoded without it), so value and bytes say the same
thing; the exceptions orjson writes natively (a UUID or an Enum: the validator refuses those
objects, so never wrongly accepts; a NaN, written as null) the mock never hands it.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Any

import orjson
from connexion.jsonifier import Jsonifier

# Only JSON's own types: anything orjson would convert raises instead (and is not remembered).
STRICT = (orjson.OPT_PASSTHROUGH_DATETIME | orjson.OPT_PASSTHROUGH_DATACLASS
          | orjson.OPT_PASSTHROUGH_SUBCLASS)
# What the jsonifier writes a body with (``pages.write_page`` writes the same bytes with it).
BODY = STRICT | orjson.OPT_APPEND_NEWLINE


class Encoded:
    """A memo of a pure function (these bytes -> the value they encode), not application state.

    Each entry keeps its bytes alive, so an identity match can never be another object that
    reused the id. Bounded: bodies that are never validated fall out.
    """

    def __init__(self, size: int = 16) -> None:
        self.size = size
        self._values: OrderedDict[int, tuple[bytes, Any]] = OrderedDict()

    def keep(self, body: bytes, value: Any) -> None:
        self._values[id(body)] = (body, value)
        while len(self._values) > self.size:
            self._values.popitem(last=False)

    def take(self, body: bytes) -> tuple[bool, Any]:
        """``(True, value)`` if ``body`` is exactly a body ``dumps`` made (then forgotten)."""
        found = self._values.get(id(body))
        if found is None or found[0] is not body:
            return False, None
        del self._values[id(body)]
        return True, found[1]


# Shared by the jsonifier (which Connexion builds the body with) and the response validator
# (which Connexion builds per response): Connexion gives them no common object to hold it.
encoded = Encoded()


class OrjsonJsonifier(Jsonifier):  # type: ignore[misc]  # connexion ships no type hints
    def dumps(self, data: Any, **kwargs: Any) -> bytes:
        try:
            body = orjson.dumps(data, option=BODY)
        except TypeError:
            return orjson.dumps(data, option=orjson.OPT_APPEND_NEWLINE)
        encoded.keep(body, data)
        return body

    def loads(self, data: Any) -> Any:
        try:
            return orjson.loads(data)
        except orjson.JSONDecodeError:
            return data.decode("utf-8") if isinstance(data, bytes) else data
