"""JSON out through orjson; response validation reads back the value a body was made from,
never trusting bytes it cannot tell apart from the jsonifier's own."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from connexion.exceptions import NonConformingResponseBody

from socialpost.server.http.jsonify import Encoded, OrjsonJsonifier, encoded
from socialpost.server.http.validation import CompiledResponseValidator

SCHEMA: dict[str, Any] = {"type": "object", "required": ["id"],
                          "properties": {"id": {"type": "string"}}}


def _validate(body: bytes, schema: dict[str, Any] = SCHEMA) -> None:
    """Run the response validator over one response, as Connexion does (start, then body)."""
    validator = CompiledResponseValidator({}, schema=schema, nullable=False, encoding="utf-8")
    stream = (m.get("body", b"") for m in ({"type": "http.response.start"},
                                            {"type": "http.response.body", "body": body}))
    validator._validate(validator._parse(stream))


def test_a_body_is_the_compact_json_of_the_value_with_a_newline() -> None:
    assert OrjsonJsonifier().dumps({"id": "a", "n": [1, 2.5, None]}) == \
        b'{"id":"a","n":[1,2.5,null]}\n'


def test_only_the_very_bytes_object_made_is_recognised() -> None:
    memo = Encoded()
    body = b'{"id":"a"}\n'
    memo.keep(body, {"id": "a"})
    # An equal copy is not the object made: it is not taken for it
    assert memo.take(bytes(bytearray(body))) == (False, None)
    assert memo.take(body) == (True, {"id": "a"})
    assert memo.take(body) == (False, None)  # taken once


def test_the_memo_is_bounded() -> None:
    memo = Encoded(size=2)
    bodies = [f"[{i}]".encode() for i in range(3)]
    for i, body in enumerate(bodies):
        memo.keep(body, [i])
    assert memo.take(bodies[0]) == (False, None)
    assert memo.take(bodies[2]) == (True, [2])


def test_values_beyond_json_are_encoded_but_not_remembered() -> None:
    body = OrjsonJsonifier().dumps({"at": datetime.datetime(2026, 1, 1)})
    assert body == b'{"at":"2026-01-01T00:00:00"}\n'
    assert encoded.take(body) == (False, None)


def test_the_jsonifiers_bytes_are_validated_by_their_value() -> None:
    good = OrjsonJsonifier().dumps({"id": "a"})
    _validate(good)
    bad = OrjsonJsonifier().dumps({"id": 42})
    with pytest.raises(NonConformingResponseBody, match="42 is not of type"):
        _validate(bad)


def test_bytes_from_elsewhere_are_parsed_and_a_wrong_shape_refused() -> None:
    _validate(b'{"id": "a"}')
    with pytest.raises(NonConformingResponseBody, match="is a required property"):
        _validate(b'{"name": "a"}')
    with pytest.raises(NonConformingResponseBody):
        _validate(b'{"id": "a"')  # not JSON at all
