"""Validating a page of items: each item's JSON text, once found valid, is remembered.

A list answer is an envelope (``code``, ``info``) around ``data``, an array of 50 posts; a
frontend's next page, or the same page in another order, shows mostly posts an earlier answer
showed. Validating a page costs ~10 µs per post. When a schema's ``data``-like property is a
plain array (``type`` and ``items`` only, nothing that constrains the array as a whole) of an
object schema, the page is valid exactly when each item is valid against ``items`` and the
envelope is valid with an empty array there. Each item is checked by its JSON text: an item
whose bytes were found valid against the same schema before is valid now; nothing is assumed
of objects, only of equal text.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from typing import Any

import orjson

from .jsonify import STRICT

# Keywords that may apply to the array property (or the object) as a whole: not a plain page.
WHOLE = {"allOf", "anyOf", "oneOf", "not", "if", "then", "else", "patternProperties",
         "dependencies", "dependentSchemas", "dependentRequired", "propertyNames",
         "unevaluatedProperties", "$ref", "nullable"}
PLAIN_ARRAY = {"type", "items", "description", "title", "example"}


def paged(schema: Any) -> tuple[str, Any] | None:
    """``(property, items schema)`` if ``schema`` is an envelope around a plain array."""
    if not isinstance(schema, dict) or schema.get("type") != "object" or WHOLE & schema.keys():
        return None
    for name, prop in (schema.get("properties") or {}).items():
        if (isinstance(prop, dict) and prop.get("type") == "array"
                and set(prop) <= PLAIN_ARRAY and isinstance(prop.get("items"), dict)):
            return name, prop["items"]
    return None


class ValidTexts:
    """A memo of a pure function ((item schema, item's JSON text) -> valid), bounded."""

    def __init__(self, size: int = 4096) -> None:  # ~2.5 KiB a post: ~10 MiB at most
        self.size = size
        self._known: OrderedDict[tuple[int, bytes], Any] = OrderedDict()

    def known(self, schema: Any, text: bytes) -> bool:
        found = self._known.get((id(schema), text))
        return found is schema

    def keep(self, schema: Any, text: bytes) -> None:
        # The value keeps the schema alive: its id is never another schema's.
        self._known[(id(schema), text)] = schema
        while len(self._known) > self.size:
            self._known.popitem(last=False)


def first_error(schema: Any, body: Any, texts: ValidTexts,
                compile: Callable[[Any], Any]) -> tuple[Any, str] | None:
    """The first error of ``body`` against ``schema`` (``compile`` gives a schema's compiled
    validator), a page's items checked one by one: ``(error, prefix of its path)`` or None."""
    validator = compile(schema)
    name, items = paged(schema) or ("", None)
    data = body.get(name) if isinstance(body, dict) else None
    if items is None or not isinstance(data, list):
        return _first(validator, body, "")
    item_validator = None
    for i, item in enumerate(data):
        try:
            text = orjson.dumps(item, option=STRICT)
        except TypeError:
            return _first(validator, body, "")
        if texts.known(items, text):
            continue
        item_validator = item_validator or compile(items)
        found = _first(item_validator, item, f"{name}/{i}")
        if found is not None:
            return found
        texts.keep(items, text)
    return _first(validator, {**body, name: []}, "")


def _first(validator: Any, value: Any, prefix: str) -> tuple[Any, str] | None:
    error = next(iter(validator.iter_errors(value)), None)
    return None if error is None else (error, prefix)
