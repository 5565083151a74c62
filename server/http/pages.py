"""Validating and writing a page of items: each item, once found valid and written, is remembered.

A list answer is an envelope (``code``, ``info``) around ``data``, an array of 50 posts; a
frontend's next page, or the same page in another order, shows mostly posts an earlier answer
showed. Validating a page costs ~10 µs per post. When a schema's ``data``-like property is a
plain array (``type`` and ``items`` only, nothing that constrains the array as a whole) of an
object schema, the page is valid exactly when each item is valid against ``items`` and the
envelope is valid with an empty array there. An item found valid against the same schema before
(the very same object: rendered posts are remembered per store version and instant, and never
changed once rendered) is valid now; any other item is validated.

An item is an object whose object-valued properties (a post's associations: its template
instance, asset, owner) are mostly objects other items show too: one template instance in many
posts, rendered once. An item not seen before is then validated shallowly, its object-valued
properties accepting anything (``split``), and each of their values against its own schema,
once per value (the same identity rule): a new post costs the validation of its own fields, not
of its owner's and template's again. This holds when nothing else in the item's schema looks
into those values (no keyword of ``WHOLE``); otherwise the item is validated whole.

Writing the page works the same way (``write_page``): an item's JSON text is written once, when
it is found valid, and a page is its envelope's text around those texts, joined by commas: the
same bytes as writing the whole page at once, for a fraction of the work. The page is given as
those pieces (``pieced``): a layer that keeps answers keeps the shared texts, not a copy.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from typing import Any

import orjson

# Keywords that may apply to the array property (or the object) as a whole: not a plain page.
WHOLE = {"allOf", "anyOf", "oneOf", "not", "if", "then", "else", "patternProperties",
         "dependencies", "dependentSchemas", "dependentRequired", "propertyNames",
         "unevaluatedProperties", "$ref", "nullable"}
PLAIN_ARRAY = {"type", "items", "description", "title", "example"}
# Where a page's items stand in its envelope's text (``write_page``): the one raw NUL orjson
# writes.
_MARK = orjson.Fragment(b"\0")


def split(schema: Any) -> tuple[dict[str, Any], dict[str, Any]] | None:
    """``(shallow, parts)``: ``schema`` with its object-valued properties accepting anything,
    and those properties' schemas by name; None if it has none, or constrains more than its
    properties one by one (``WHOLE``)."""
    if not isinstance(schema, dict) or schema.get("type") != "object" or WHOLE & schema.keys():
        return None
    properties = schema.get("properties") or {}
    parts = {name: prop for name, prop in properties.items()
             if isinstance(prop, dict) and prop.get("type") == "object"}
    if not parts:
        return None
    shallow = {**schema, "properties": {**properties, **{name: {} for name in parts}}}
    return shallow, parts


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
    """The items found valid against a schema, by identity, bounded; with their JSON text once
    it was written.

    A rendered post is a new object at each store version and clock instant (``Views.shown``)
    and is never changed once rendered: the same object is the same JSON. Each entry keeps its
    item (and each schema's tables its schema) alive, so while an entry is held, its id is no
    other object's: a lookup by ``id`` alone is a lookup by identity.
    """

    def __init__(self, size: int = 4096) -> None:  # the posts of ~80 pages
        self.size = size
        # schema id -> (schema, item id -> text (b"" until written), item id -> item): the
        # oldest first, forgotten in O(1) (a dict's first key after deletions at its front is
        # found by skipping every deleted slot: ~2 us per item forgotten at 4,096 items).
        self._tables: dict[int, tuple[Any, dict[int, bytes], OrderedDict[int, Any]]] = {}
        self._paged: dict[int, tuple[Any, tuple[str, Any] | None]] = {}  # schema id -> paged()
        self._split: dict[int, tuple[Any, tuple[dict[str, Any], dict[str, Any]] | None]] = {}

    def paged(self, schema: Any) -> tuple[str, Any] | None:
        """``paged(schema)``, worked out once per schema."""
        found = self._paged.get(id(schema))
        if found is None or found[0] is not schema:
            found = self._paged[id(schema)] = (schema, paged(schema))
        return found[1]

    def valid(self, schema: Any, item: Any, compile: Callable[[Any], Any]) -> bool:
        """Whether ``item`` (not known) is valid against ``schema``: shallowly, and each of its
        object-valued properties' values once (``split``), else whole."""
        found = self._split.get(id(schema))
        if found is None or found[0] is not schema:
            found = self._split[id(schema)] = (schema, split(schema))
        if found[1] is None or not isinstance(item, dict):
            return bool(compile(schema).is_valid(item))
        shallow, parts = found[1]
        if not compile(shallow).is_valid(item):
            return False
        for name, part in parts.items():
            if name in item and not self.known(part, value := item[name]):
                if not compile(part).is_valid(value):
                    return False
                self.keep(part, value)
        return True

    def _table(self, schema: Any) -> tuple[Any, dict[int, bytes], OrderedDict[int, Any]]:
        found = self._tables.get(id(schema))
        if found is None or found[0] is not schema:
            found = self._tables[id(schema)] = (schema, {}, OrderedDict())
        return found

    def texts(self, schema: Any) -> dict[int, bytes]:
        """The items of ``schema`` found valid: item id -> their text, ``b""`` if not written."""
        return self._table(schema)[1]

    def known(self, schema: Any, item: Any) -> bool:
        return id(item) in self.texts(schema)

    def text(self, schema: Any, item: Any) -> bytes | None:
        """The item's JSON text if it was found valid and written."""
        return self.texts(schema).get(id(item)) or None

    def keep(self, schema: Any, item: Any, text: bytes = b"") -> None:
        _, texts, alive = self._table(schema)
        texts[id(item)], alive[id(item)] = text, item
        while len(alive) > self.size:  # the oldest first
            oldest, _ = alive.popitem(last=False)
            del texts[oldest]

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


def write_page(schema: Any, body: Any, texts: ValidItems, compile: Callable[[Any], Any],
               option: int) -> list[bytes] | None:
    """The pieces of ``orjson.dumps(body, option=option)`` if ``body`` is a valid page of
    ``schema``, its items' texts written once (and remembered); None if it is not a page, not
    valid, or holds a value ``orjson`` (or the validator) refuses: the caller then validates and
    writes it the long way.

    ``b"".join(pieces)`` is exactly ``orjson.dumps(body, option=option)``: each item's text is
    written with the same options (less the envelope's trailing newline), and the envelope is
    written with one raw NUL byte (an ``orjson.Fragment``) where its items stand; orjson writes
    every other NUL escaped, so the envelope's text splits there in two, the head and the tail
    around the items and the commas between them. Indented output (``OPT_INDENT_2``) indents
    each item by its depth: the page is then written whole, in one piece.
    """
    name, items = texts.paged(schema) or ("", None)
    data = body.get(name) if isinstance(body, dict) else None
    if items is None or not isinstance(data, list):
        return None
    item_option = option & ~orjson.OPT_APPEND_NEWLINE
    # Each item's text, looked up by identity (see ValidItems) without a Python loop.
    spliced: list[bytes | None] = list(map(texts.texts(items).get, map(id, data)))
    try:
        if not all(spliced):  # an item not yet found valid, or not yet written
            for i, item in enumerate(data):
                if not spliced[i]:  # None: not found valid yet; b"": valid, not written
                    if spliced[i] is None and not texts.valid(items, item, compile):
                        return None
                    text = spliced[i] = orjson.dumps(item, option=item_option)
                    texts.keep(items, item, text)
        envelope = {**body, name: []}
        if not compile(schema).is_valid(envelope):
            return None
        if option & orjson.OPT_INDENT_2:  # items indented by their depth: written in place
            return [orjson.dumps(body, option=option)]
        envelope[name] = [_MARK]
        head, tail = orjson.dumps(envelope, option=option).split(b"\0")
    except (TypeError, ValueError):  # a value orjson (or the validator) refuses
        return None
    if not spliced:
        return [head, tail]
    pieces: list[bytes] = [b","] * (2 * len(spliced) + 1)  # head, item, comma, ..., item, tail
    pieces[1::2] = spliced  # type: ignore[assignment]  # every one written above
    pieces[0], pieces[-1] = head, tail
    return pieces

