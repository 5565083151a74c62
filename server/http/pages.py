"""Validating a page of items: each item's JSON text, once found valid, is remembered.

A list answer is an envelope (``code``, ``info``) around ``data``, an array of 50 posts; a
frontend's next page, or the same page in another order, shows mostly posts an earlier answer
showed. Validating a page costs ~10 µs per post. When a schema's ``data``-like property is a
plain array (``type`` and ``items`` only, nothing that constrains the array as a whole) of an
object schema, the page is valid exactly when each item is valid against ``items`` and the
envelope is valid with an empty array there. An item found valid against the same schema before
(the very same object: rendered posts are remembered per store version and instant, and never
changed once rendered) is valid now; any other item is validated.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from typing import Any

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


class ValidItems:
    """The items found valid against a schema, by identity, bounded.

    A rendered post is a new object at each store version and clock instant (``Views.shown``)
    and is never changed once rendered: the same object is the same JSON. Each entry keeps its
    item and schema alive, so their ids are never another object's.
    """

    def __init__(self, size: int = 4096) -> None:  # the posts of ~80 pages
        self.size = size
        self._known: OrderedDict[tuple[int, int], tuple[Any, Any]] = OrderedDict()

    def known(self, schema: Any, item: Any) -> bool:
        found = self._known.get((id(schema), id(item)))
        return found is not None and found[0] is schema and found[1] is item

    def keep(self, schema: Any, item: Any) -> None:
        self._known[(id(schema), id(item))] = (schema, item)
        while len(self._known) > self.size:
            self._known.popitem(last=False)


def first_error(schema: Any, body: Any, texts: ValidItems,
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
        if texts.known(items, item):
            continue
        item_validator = item_validator or compile(items)
        found = _first(item_validator, item, f"{name}/{i}")
        if found is not None:
            return found
        texts.keep(items, item)
    return _first(validator, {**body, name: []}, "")


def _first(validator: Any, value: Any, prefix: str) -> tuple[Any, str] | None:
    error = next(iter(validator.iter_errors(value)), None)
    return None if error is None else (error, prefix)
