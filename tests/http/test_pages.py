"""Pages of items validated item by item, each item remembered (by identity) once valid."""

from __future__ import annotations

import datetime
import gc
from typing import Any

import orjson

from socialpost.server.http.jsonify import BODY
from socialpost.server.http.pages import ValidItems, first_error, paged, split, write_page
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


def test_a_remembered_item_is_kept_alive_so_its_id_is_no_other_objects() -> None:
    texts = ValidItems()
    assert _write({"code": "OK", "data": [{"id": "a"}]}, texts) is not None
    gc.collect()
    # Freed, the item's memory would be the next dict's (CPython reuses it at once), and a
    # lookup by id would take that dict for the item found valid.
    newcomers = [{"id": str(i)} for i in range(100)]
    assert not any(texts.known(ITEM, item) for item in newcomers)
    assert [texts.text(ITEM, item) for item in newcomers] == [None] * 100


def _write(body: Any, texts: ValidItems, schema: Any = PAGE) -> bytes | None:
    pieces = write_page(schema, body, texts, compiled, BODY)
    return None if pieces is None else b"".join(pieces)


def test_a_written_page_is_exactly_the_page_written_whole() -> None:
    texts = ValidItems()
    schema = {**PAGE, "properties": {**PAGE["properties"], "info": {"type": "object"}}}
    items = [{"id": "a"}, {"id": "é \" \u2028"}]
    body = {"code": "OK", "data": items, "info": {"count": 2}}
    assert _write(body, texts, schema) == orjson.dumps(body, option=BODY)
    # Again with the items' texts remembered, and in another order around them
    again = {"info": {"count": 3}, "data": [items[1], {"id": "c"}, items[0]], "code": "OK"}
    assert _write(again, texts, schema) == orjson.dumps(again, option=BODY)
    assert texts.text(ITEM, items[0]) is not None
    empty = {"code": "OK", "data": [], "info": {"count": 0}}
    assert _write(empty, texts, schema) == orjson.dumps(empty, option=BODY)


def test_a_page_is_given_as_its_items_texts_between_the_envelopes_head_and_tail() -> None:
    texts = ValidItems()
    items = [{"id": "a"}, {"id": "b"}]
    pieces = write_page(PAGE, {"code": "OK", "data": items}, texts, compiled, BODY)
    assert pieces == [b'{"code":"OK","data":[', b'{"id":"a"}', b",", b'{"id":"b"}', b"]}\n"]
    # The items' pieces are the remembered texts themselves, shared by every page showing them
    again = write_page(PAGE, {"code": "OK", "data": items[::-1]}, texts, compiled, BODY)
    assert again is not None and again[1] is texts.text(ITEM, items[1])


def test_a_string_holding_a_nul_is_written_escaped_and_splits_nothing() -> None:
    texts = ValidItems()
    body = {"code": "OK\u0000", "data": [{"id": "\u0000"}]}
    schema = {**PAGE, "properties": {**PAGE["properties"], "code": {"type": "string"}}}
    assert _write(body, texts, schema) == orjson.dumps(body, option=BODY)


def test_an_indented_page_is_written_whole() -> None:
    texts = ValidItems()
    body = {"code": "OK", "data": [{"id": "a"}, {"id": "b"}]}
    option = orjson.OPT_INDENT_2
    pieces = write_page(PAGE, body, texts, compiled, option)
    assert pieces == [orjson.dumps(body, option=option)]


def test_a_page_that_is_not_valid_is_left_to_the_long_way() -> None:
    texts = ValidItems()
    good = {"id": "a"}
    assert _write({"code": "OK", "data": [good, {"id": 3}]}, texts) is None
    assert _write({"code": "NO", "data": [good]}, texts) is None
    assert _write({"code": "OK", "data": "not a list"}, texts) is None
    # A valid item of a refused page may be remembered; a refused one never is
    assert texts.text(ITEM, {"id": 3}) is None


def test_a_value_orjson_would_convert_is_left_to_the_long_way() -> None:
    texts = ValidItems()
    loose = {"type": "object", "properties": {"data": {"type": "array", "items": {}}}}
    body = {"data": [datetime.datetime(2026, 1, 1)]}
    assert write_page(loose, body, texts, compiled, BODY) is None


def test_an_answer_that_is_no_page_is_left_to_the_long_way() -> None:
    assert _write({"code": "OK", "data": [{"id": "a"}]}, ValidItems(),
                  schema={"type": "object"}) is None


OWNER: dict[str, Any] = {"type": "object", "nullable": True, "required": ["name"],
                         "properties": {"name": {"type": "string"}}}
OWNED: dict[str, Any] = {"type": "object", "required": ["id", "owner"],
                         "additionalProperties": False,
                         "properties": {"id": {"type": "string"}, "owner": OWNER}}
OWNED_PAGE: dict[str, Any] = {**PAGE, "properties": {**PAGE["properties"],
                                                     "data": {"type": "array", "items": OWNED}}}


class Counting:
    """``compiled``, counting the values each schema's validator was asked about."""

    def __init__(self) -> None:
        self.asked: list[tuple[int, Any]] = []

    def __call__(self, schema: Any) -> Any:
        validator, asked = compiled(schema), self.asked

        class Validator:
            def is_valid(self, value: Any) -> bool:
                asked.append((id(schema), value))
                return bool(validator.is_valid(value))

        return Validator()


def test_an_object_items_share_is_validated_once_for_them_all() -> None:
    owner = {"name": "Ada"}
    items = [{"id": "a", "owner": owner}, {"id": "b", "owner": owner}, {"id": "c", "owner": None}]
    body = {"code": "OK", "data": items}
    counting = Counting()

    pieces = write_page(OWNED_PAGE, body, ValidItems(), counting, BODY)

    assert pieces is not None and b"".join(pieces) == orjson.dumps(body, option=BODY)
    assert [value for schema, value in counting.asked if schema == id(OWNER)] == [owner, None]


def test_an_item_with_an_invalid_shared_object_is_refused_every_time() -> None:
    texts, wrong = ValidItems(), {"name": 7}
    good = {"id": "a", "owner": {"name": "Ada"}}
    for _ in range(2):
        assert _write({"code": "OK", "data": [good, {"id": "b", "owner": wrong}]}, texts,
                      OWNED_PAGE) is None
    assert not texts.known(OWNER, wrong)
    assert _write({"code": "OK", "data": [{"id": "c"}]}, texts, OWNED_PAGE) is None  # required


def test_only_an_item_constrained_property_by_property_is_validated_in_parts() -> None:
    shallow, parts = split(OWNED) or ({}, {})
    assert parts == {"owner": OWNER} and shallow["properties"]["owner"] == {}
    assert shallow["required"] == ["id", "owner"]
    assert split({**OWNED, "anyOf": [{"required": ["id"]}]}) is None
    assert split(ITEM) is None  # no object-valued property: nothing to share
