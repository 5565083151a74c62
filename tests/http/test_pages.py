"""Pages of items validated item by item, each item remembered (by identity) once valid."""

from __future__ import annotations

from typing import Any

from socialpost.server.http.pages import ValidItems, first_error, paged
from socialpost.server.http.validation import compiled

ITEM: dict[str, Any] = {"type": "object", "required": ["id"], "additionalProperties": False,
                        "properties": {"id": {"type": "string"}}}
PAGE: dict[str, Any] = {
    "type": "object", "required": ["code", "data"], "additionalProperties": False,
    "properties": {"code": {"type": "string", "enum": ["OK"]},
                   "data": {"type": "array", "items": ITEM}},
}


def _error(body: Any, texts: ValidItems, schema: Any = PAGE) -> str | None:
    found = first_error(schema, body, texts, compiled)
    if found is None:
        return None
    error, prefix = found
    return "/".join([prefix] * bool(prefix) + [str(p) for p in error.instance_path])


def test_an_envelope_around_a_plain_array_is_a_page() -> None:
    assert paged(PAGE) == ("data", ITEM)
    # An array constrained as a whole is validated whole
    bounded = {**PAGE, "properties": {**PAGE["properties"],
                                      "data": {"type": "array", "items": ITEM, "maxItems": 2}}}
    assert paged(bounded) is None
    assert paged({**PAGE, "oneOf": [{}]}) is None


def test_a_bad_item_is_refused_and_named_even_among_known_ones() -> None:
    texts = ValidItems()
    assert _error({"code": "OK", "data": [{"id": "a"}, {"id": "b"}]}, texts) is None
    # When a page repeats those items and adds a broken one, the broken one is named
    assert _error({"code": "OK", "data": [{"id": "a"}, {"id": "b"}, {"id": 3}]},
                  texts) == "data/2/id"
    assert _error({"code": "OK", "data": [{"id": "a"}, {"name": "x"}]}, texts) == "data/1"


def test_the_envelope_is_still_validated_when_every_item_is_known() -> None:
    texts = ValidItems()
    assert _error({"code": "OK", "data": [{"id": "a"}]}, texts) is None
    assert _error({"code": "NO", "data": [{"id": "a"}]}, texts) == "code"
    assert _error({"code": "OK", "data": [{"id": "a"}], "more": 1}, texts) == ""
    assert _error({"code": "OK", "data": "not a list"}, texts) == "data"


def test_only_items_once_found_valid_are_remembered() -> None:
    texts = ValidItems(size=2)
    bad = {"id": 1}
    _error({"code": "OK", "data": [bad]}, texts)
    assert not texts.known(ITEM, bad)
    a, b, c = {"id": "a"}, {"id": "b"}, {"id": "c"}
    _error({"code": "OK", "data": [a, b, c]}, texts)
    assert [texts.known(ITEM, item) for item in (a, c)] == [False, True]


def test_an_equal_item_that_is_another_object_is_validated_again() -> None:
    texts = ValidItems()
    shown = {"id": "a"}
    assert _error({"code": "OK", "data": [shown]}, texts) is None
    assert texts.known(ITEM, shown)
    assert not texts.known(ITEM, {"id": "a"})
