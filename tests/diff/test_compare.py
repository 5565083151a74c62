"""The comparison beyond the gallery: references, recursion, spellings that mean the same."""

from __future__ import annotations

import datetime
import json
from pathlib import Path
from typing import Any

import pytest

from socialpost.server.spec.diff import DiffError, diff_specs, load_spec
from tests.diff.gallery import TODAY, pair

CONTRACT = Path(__file__).parents[2] / "openapi.yaml"


def spec(schema: dict[str, Any], **components: Any) -> dict[str, Any]:
    """A one-operation spec whose 200 answers ``schema``."""
    return {
        "openapi": "3.0.3",
        "info": {"title": "T", "version": "1.0.0"},
        "paths": {
            "/things": {
                "get": {
                    "operationId": "listThings",
                    "responses": {
                        "200": {
                            "description": "Things.",
                            "content": {"application/json": {"schema": schema}},
                        }
                    },
                }
            }
        },
        "components": {"schemas": components},
    }


def write(tmp_path: Path, name: str, document: dict[str, Any]) -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def rules(base: Path, head: Path, today: datetime.date = TODAY) -> list[str]:
    return [change.rule for change in diff_specs(load_spec(base), load_spec(head), today=today)]


def test_the_project_contract_compared_with_itself_reports_nothing() -> None:
    assert rules(CONTRACT, CONTRACT) == []


@pytest.mark.parametrize(
    ("reference", "reason"),
    [
        ("other.yaml#/components/schemas/Thing", "names another document"),
        ("#/components/schemas/Missing", "resolves to nothing"),
    ],
)
def test_a_reference_that_cannot_be_followed_stops_the_comparison(
    tmp_path: Path, reference: str, reason: str
) -> None:
    base = write(tmp_path, "base.json", spec({"type": "object"}))
    head = write(tmp_path, "head.json", spec({"$ref": reference}))

    with pytest.raises(DiffError, match=reason):
        rules(base, head)


def test_a_reference_loop_stops_the_comparison(tmp_path: Path) -> None:
    looping = spec(
        {"$ref": "#/components/schemas/A"},
        A={"$ref": "#/components/schemas/B"},
        B={"$ref": "#/components/schemas/A"},
    )
    base = write(tmp_path, "base.json", spec({"type": "object"}))

    with pytest.raises(DiffError, match="loop"):
        rules(base, write(tmp_path, "head.json", looping))


def test_mutually_recursive_schemas_are_compared_to_the_end(tmp_path: Path) -> None:
    def tree(leaf_type: str) -> dict[str, Any]:
        return spec(
            {"$ref": "#/components/schemas/Node"},
            Node={
                "type": "object",
                "properties": {
                    "leaf": {"type": leaf_type},
                    "children": {"type": "array", "items": {"$ref": "#/components/schemas/Edge"}},
                },
            },
            Edge={"type": "object", "properties": {"to": {"$ref": "#/components/schemas/Node"}}},
        )

    base = write(tmp_path, "base.json", tree("integer"))
    head = write(tmp_path, "head.json", tree("string"))

    assert rules(base, head) == [
        "response-type-changed",
        "breaking-change-without-major-version-bump",
    ]


def test_a_status_code_written_as_a_number_or_a_string_is_the_same(tmp_path: Path) -> None:
    quoted = pair("response-property-added").base
    numeric = tmp_path / "numeric.yaml"
    numeric.write_text(quoted.read_text("utf-8").replace("'200':", "200:"), encoding="utf-8")

    assert rules(quoted, numeric) == []


def test_the_same_spec_as_json_and_as_yaml_compares_equal(tmp_path: Path) -> None:
    yaml_spec = pair("response-property-added").base
    json_spec = write(tmp_path, "spec.json", load_spec(yaml_spec).document)

    assert rules(yaml_spec, json_spec) == []


def test_an_operation_removed_after_its_sunset_is_only_info() -> None:
    before_sunset = pair("api-removed-before-sunset")

    assert rules(before_sunset.base, before_sunset.head) == ["api-removed-before-sunset"]
    later = datetime.date(3000, 1, 1)
    assert rules(before_sunset.base, before_sunset.head, later) == ["api-removed-with-deprecation"]


def test_an_openapi_3_1_null_type_is_nullable(tmp_path: Path) -> None:
    base = spec({"type": "object", "properties": {"at": {"type": "number"}}})
    head = spec({"type": "object", "properties": {"at": {"type": ["number", "null"]}}})
    for document in (base, head):
        document["openapi"] = "3.1.0"

    assert rules(write(tmp_path, "b.json", base), write(tmp_path, "h.json", head)) == [
        "response-type-changed",
        "breaking-change-without-major-version-bump",
    ]


def test_a_removed_response_property_is_located_in_base_an_added_one_in_head() -> None:
    removed, added = pair("response-property-removed"), pair("response-property-added")

    [gone] = diff_specs(load_spec(removed.base), load_spec(removed.head), today=TODAY)
    [new] = diff_specs(load_spec(added.base), load_spec(added.head), today=TODAY)

    assert (gone.side, gone.file, gone.line) == ("base", str(removed.base), 37)
    assert (new.side, new.file, new.line) == ("head", str(added.head), 40)
    assert new.pointer == "/components/schemas/Post/properties/title"
