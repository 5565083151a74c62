"""``socialpost lint``: each check catches its problem, at the right pointer and line, under its
rule, in plain words."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from socialpost.server import paths
from socialpost.server.cli import main
from socialpost.server.http.resolver import HANDLER_MODULES
from socialpost.server.spec.lint import LintProblem, lint_spec, load_spec

BASE_SPEC = Path(__file__).parent.parent / "lint_specs" / "base.yaml"
POSTS = "/paths/~1brands~1{brand}~1posts"
JSON = "content/application~1json"
# The fixture's handlers, for operationIds resolved as the mock resolves its own.
HANDLERS = "tests.lint_specs.handlers"

Spec = dict[str, Any]


def broken_copy(
    tmp_path: Path, break_it: Callable[[Spec], object], source: Path = BASE_SPEC
) -> Path:
    """Write a copy of ``source`` changed by ``break_it`` and return its path."""
    spec = load_spec(source)
    break_it(spec)
    copy = tmp_path / "openapi.json"
    copy.write_text(json.dumps(spec), encoding="utf-8")
    return copy


def posts(spec: Spec) -> Spec:
    """The path item of the base spec's only path."""
    item: Spec = spec["paths"]["/brands/{brand}/posts"]
    return item


def only(problems: list[LintProblem]) -> LintProblem:
    """The single problem reported, failing with the whole list otherwise."""
    assert len(problems) == 1, problems
    return problems[0]


def test_lint_accepts_a_valid_spec() -> None:
    assert lint_spec(BASE_SPEC) == []


def test_lint_reports_a_file_that_does_not_parse(tmp_path: Path) -> None:
    spec = tmp_path / "openapi.yaml"
    spec.write_text("openapi: 3.0.3\npaths: {unclosed\n", encoding="utf-8")
    problem = only(lint_spec(spec))
    assert problem.pointer == ""
    assert "cannot be read as YAML or JSON" in problem.message


def test_lint_reports_a_document_that_is_not_a_mapping(tmp_path: Path) -> None:
    spec = tmp_path / "openapi.yaml"
    spec.write_text("- just\n- a list\n", encoding="utf-8")
    problem = only(lint_spec(spec))
    assert problem.pointer == ""
    assert "not a mapping" in problem.message


def test_lint_reports_what_openapi_spec_validator_rejects(tmp_path: Path) -> None:
    spec = broken_copy(tmp_path, lambda s: posts(s)["post"]["responses"]["201"].pop("description"))
    problem = only(lint_spec(spec))
    assert problem.pointer == f"{POSTS}/post/responses/201"
    assert "'description' is a required property" in problem.message


def test_lint_keeps_checking_examples_when_the_structure_is_invalid(tmp_path: Path) -> None:
    def break_it(spec: Spec) -> None:
        posts(spec)["post"]["responses"]["201"].pop("description")
        posts(spec)["get"]["parameters"][1]["examples"]["small"]["value"] = 1000

    pointers = [problem.pointer for problem in lint_spec(broken_copy(tmp_path, break_it))]
    assert pointers == [
        f"{POSTS}/post/responses/201",
        f"{POSTS}/get/parameters/1/examples/small/value",
    ]


def test_lint_reports_instead_of_crashing_when_the_validator_cannot_go_on(tmp_path: Path) -> None:
    spec = broken_copy(tmp_path, lambda s: posts(s)["get"]["parameters"][1].pop("name"))
    problems = lint_spec(spec)
    assert (problems[0].pointer, problems[0].message) == (
        f"{POSTS}/get/parameters/1", "Not valid OpenAPI 3.0: 'name' is a required property."
    )
    assert "openapi-spec-validator stopped early" in problems[1].message


def test_lint_reports_parameter_example_that_contradicts_schema(tmp_path: Path) -> None:
    spec = broken_copy(
        tmp_path, lambda s: posts(s)["get"]["parameters"][1]["examples"]["small"].update(value=1000)
    )
    problem = only(lint_spec(spec))
    assert problem.pointer == f"{POSTS}/get/parameters/1/examples/small/value"
    assert problem.message == (
        "Example 'small' of parameter 'limit' does not match its schema: "
        "1000 is greater than the maximum of 100."
    )


def test_lint_splits_a_comma_separated_example_of_an_array_parameter(tmp_path: Path) -> None:
    spec = broken_copy(
        tmp_path, lambda s: posts(s)["get"]["parameters"][0].update(example="media,x")
    )
    problem = only(lint_spec(spec))
    assert problem.pointer == f"{POSTS}/get/parameters/0/example"
    assert problem.message == (
        "The example of parameter 'associations' does not match its schema: "
        "'x' is not one of ['media', 'stats'] at 1."
    )


def test_lint_reports_example_of_referenced_parameter_once_at_the_component(tmp_path: Path) -> None:
    spec = broken_copy(
        tmp_path, lambda s: s["components"]["parameters"]["Brand"].update(example="A!")
    )
    problem = only(lint_spec(spec))
    assert problem.pointer == "/components/parameters/Brand/example"
    assert "parameter 'brand' does not match its schema" in problem.message


def test_lint_reports_request_example_that_contradicts_schema(tmp_path: Path) -> None:
    spec = broken_copy(
        tmp_path,
        lambda s: posts(s)["post"]["requestBody"]["content"]["application/json"]["example"].update(
            text=42
        ),
    )
    problem = only(lint_spec(spec))
    assert problem.pointer == f"{POSTS}/post/requestBody/{JSON}/example"
    assert (
        problem.message
        == "The example does not match its schema: 42 is not of type 'string' at text."
    )


def test_lint_reports_read_only_property_in_request_example(tmp_path: Path) -> None:
    def break_it(spec: Spec) -> None:
        posts(spec)["post"]["requestBody"]["content"]["application/json"]["example"]["status"] = (
            "scheduled"
        )

    problem = only(lint_spec(broken_copy(tmp_path, break_it)))
    assert problem.pointer == f"{POSTS}/post/requestBody/{JSON}/example"
    assert "read-only" in problem.message and "at status" in problem.message


def test_lint_reports_response_example_that_contradicts_schema(tmp_path: Path) -> None:
    def break_it(spec: Spec) -> None:
        posts(spec)["post"]["responses"]["201"]["content"]["application/json"]["example"][
            "status"
        ] = "draft"

    problem = only(lint_spec(broken_copy(tmp_path, break_it)))
    assert problem.pointer == f"{POSTS}/post/responses/201/{JSON}/example"
    assert problem.message == (
        "The example does not match its schema: "
        "'draft' is not one of ['scheduled', 'published'] at status."
    )


def test_lint_reports_referenced_response_example_where_it_is_used(tmp_path: Path) -> None:
    spec = broken_copy(
        tmp_path, lambda s: s["components"]["examples"]["OnePost"]["value"]["data"][0].pop("text")
    )
    problem = only(lint_spec(spec))
    assert problem.pointer == f"{POSTS}/get/responses/200/{JSON}/examples/one-post"
    assert problem.message == (
        "Example 'one-post' (#/components/examples/OnePost) does not match its schema: "
        "'text' is a required property at data/0."
    )


def test_lint_reports_example_of_referenced_response_at_the_component(tmp_path: Path) -> None:
    def break_it(spec: Spec) -> None:
        spec["components"]["responses"]["NotFound"]["content"]["application/json"]["example"] = {}

    problem = only(lint_spec(broken_copy(tmp_path, break_it)))
    assert problem.pointer == f"/components/responses/NotFound/{JSON}/example"
    assert "'message' is a required property" in problem.message


def test_lint_reports_an_example_ref_that_points_nowhere(tmp_path: Path) -> None:
    def break_it(spec: Spec) -> None:
        examples = posts(spec)["get"]["responses"]["200"]["content"]["application/json"]["examples"]
        examples["one-post"]["$ref"] = "#/components/examples/Missing"

    problems = lint_spec(broken_copy(tmp_path, break_it))
    assert (
        f"{POSTS}/get/responses/200",
        "The examples here could not be checked: "
        "LookupError: $ref '#/components/examples/Missing' points to nothing.",
    ) in [(problem.pointer, problem.message) for problem in problems]


def set_operation_ids(get: str, post: str) -> Callable[[Spec], None]:
    """A change that gives the base spec's two operations these operationIds."""

    def change(spec: Spec) -> None:
        posts(spec)["get"]["operationId"] = get
        posts(spec)["post"]["operationId"] = post

    return change


def test_lint_accepts_operation_ids_that_import_as_callables(tmp_path: Path) -> None:
    spec = broken_copy(tmp_path, set_operation_ids("json.dumps", "json.JSONDecoder.decode"))
    assert lint_spec(spec, check_operation_ids=True) == []


def test_lint_reports_operation_id_whose_module_does_not_import(tmp_path: Path) -> None:
    spec = broken_copy(tmp_path, set_operation_ids("json.dumps", "socialpost_nowhere.posts.create"))
    problem = only(lint_spec(spec, check_operation_ids=True))
    assert problem.pointer == f"{POSTS}/post/operationId"
    assert problem.message == (
        "operationId 'socialpost_nowhere.posts.create' does not resolve: "
        "No module named 'socialpost_nowhere'."
    )


def test_lint_reports_operation_id_naming_a_missing_function(tmp_path: Path) -> None:
    spec = broken_copy(tmp_path, set_operation_ids("json.no_such_function", "json.loads"))
    problem = only(lint_spec(spec, check_operation_ids=True))
    assert problem.pointer == f"{POSTS}/get/operationId"
    assert problem.message == (
        "operationId 'json.no_such_function' does not resolve: "
        "module 'json' has no attribute 'no_such_function'."
    )


def test_lint_reports_operation_id_naming_something_not_callable(tmp_path: Path) -> None:
    spec = broken_copy(tmp_path, set_operation_ids("json.dumps", "string.ascii_letters"))
    problem = only(lint_spec(spec, check_operation_ids=True))
    assert problem.pointer == f"{POSTS}/post/operationId"
    assert problem.message == (
        "operationId 'string.ascii_letters' does not resolve: it names a str, not a callable."
    )


def test_lint_reports_missing_operation_id_when_checking_handlers(tmp_path: Path) -> None:
    def break_it(spec: Spec) -> None:
        set_operation_ids("json.dumps", "json.loads")(spec)
        del posts(spec)["get"]["operationId"]

    problem = only(lint_spec(broken_copy(tmp_path, break_it), check_operation_ids=True))
    assert problem.pointer == f"{POSTS}/get"
    assert "has no operationId" in problem.message


def test_lint_resolves_camel_case_operation_ids_in_the_handler_module(tmp_path: Path) -> None:
    spec = broken_copy(tmp_path, set_operation_ids("listPosts", "createPost"))
    assert lint_spec(spec, handler_module=HANDLERS) == []


def test_lint_reports_camel_case_operation_id_without_a_handler(tmp_path: Path) -> None:
    spec = broken_copy(tmp_path, set_operation_ids("listPosts", "schedulePost"))
    problem = only(lint_spec(spec, handler_module=HANDLERS))
    assert problem.pointer == f"{POSTS}/post/operationId"
    assert problem.message == (
        "operationId 'schedulePost' does not resolve: "
        f"{HANDLERS} has no function schedule_post() for 'schedulePost'."
    )


def test_lint_reports_operation_id_naming_a_handler_module_value_that_is_not_callable(
    tmp_path: Path,
) -> None:
    spec = broken_copy(tmp_path, set_operation_ids("listPosts", "postLimit"))
    problem = only(lint_spec(spec, handler_module=HANDLERS))
    assert problem.pointer == f"{POSTS}/post/operationId"
    assert "has no function post_limit()" in problem.message


def test_lint_reports_a_dotted_operation_id_where_handlers_are_camel_case(tmp_path: Path) -> None:
    spec = broken_copy(tmp_path, set_operation_ids("listPosts", "tests.lint_specs.handlers.x"))
    problem = only(lint_spec(spec, handler_module=HANDLERS))
    assert problem.pointer == f"{POSTS}/post/operationId"
    assert problem.message == (
        "operationId 'tests.lint_specs.handlers.x' does not resolve: "
        "operationId 'tests.lint_specs.handlers.x' is not a camelCase name."
    )


def test_lint_reports_a_handler_module_that_does_not_import(tmp_path: Path) -> None:
    spec = broken_copy(tmp_path, set_operation_ids("listPosts", "createPost"))
    problems = lint_spec(spec, handler_module="socialpost_nowhere")
    assert [problem.pointer for problem in problems] == [
        f"{POSTS}/get/operationId", f"{POSTS}/post/operationId"
    ]
    assert problems[0].message == (
        "operationId 'listPosts' does not resolve: module 'socialpost_nowhere' does not import: "
        "No module named 'socialpost_nowhere'."
    )


def test_lint_checks_operation_ids_of_a_document_the_mock_serves_by_default(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    spec = broken_copy(tmp_path, set_operation_ids("listPosts", "publishPost"))
    assert lint_spec(spec) == []  # no module serves it: nothing to resolve against
    monkeypatch.setitem(HANDLER_MODULES, spec.resolve(), HANDLERS)
    assert only(lint_spec(spec)).pointer == f"{POSTS}/post/operationId"
    assert lint_spec(spec, check_operation_ids=False) == []


def rename_path(new: str) -> Callable[[Spec], None]:
    """A change that moves the base spec's path item to the template ``new``."""

    def change(spec: Spec) -> None:
        spec["paths"] = {new: spec["paths"].pop("/brands/{brand}/posts")}

    return change


def test_lint_reports_path_template_variable_that_is_not_declared(tmp_path: Path) -> None:
    spec = broken_copy(tmp_path, rename_path("/brands/{brand}/posts/{post}"))
    problem = only(lint_spec(spec))
    assert problem.pointer == "/paths/~1brands~1{brand}~1posts~1{post}"
    assert problem.message == (
        "Path template variable '{post}' in '/brands/{brand}/posts/{post}' "
        "is not declared as an 'in: path' parameter."
    )


def test_lint_reports_path_template_variable_missing_from_one_operation(tmp_path: Path) -> None:
    def break_it(spec: Spec) -> None:
        rename_path("/brands/{brand}/posts/{post}")(spec)
        item = spec["paths"]["/brands/{brand}/posts/{post}"]
        item["get"]["parameters"].append(
            {"name": "post", "in": "path", "required": True, "schema": {"type": "string"}}
        )

    problem = only(lint_spec(broken_copy(tmp_path, break_it)))
    assert problem.pointer == "/paths/~1brands~1{brand}~1posts~1{post}/post"
    assert "'{post}'" in problem.message and "of this operation" in problem.message


def test_lint_reports_path_parameter_missing_from_the_template(tmp_path: Path) -> None:
    spec = broken_copy(tmp_path, rename_path("/brands/posts"))
    problem = only(lint_spec(spec))
    assert problem.pointer == "/paths/~1brands~1posts/parameters/0"
    assert problem.message == (
        "Path parameter 'brand' is declared but '/brands/posts' has no '{brand}' in it."
    )


def test_lint_command_fails_and_prints_the_line_and_pointer_of_each_problem(
    tmp_path: Path,
) -> None:
    spec = broken_copy(tmp_path, rename_path("/brands/posts"))  # JSON on one line
    result = CliRunner().invoke(main, ["lint", str(spec)])
    assert result.exit_code == 1
    assert result.stdout.startswith(
        f"{spec}:1: /paths/~1brands~1posts/parameters/0: Path parameter 'brand'"
    )


def test_lint_command_passes_a_clean_spec() -> None:
    result = CliRunner().invoke(main, ["lint", str(BASE_SPEC)])
    assert result.exit_code == 0, result.output
    assert "clean" in result.stdout


def test_project_spec_lints_clean() -> None:
    assert lint_spec(paths.SPEC_PATH) == []


def test_control_spec_lints_clean() -> None:
    assert lint_spec(paths.CONTROL_SPEC_PATH) == []


@pytest.mark.parametrize("spec_path", [paths.SPEC_PATH, paths.CONTROL_SPEC_PATH],
                         ids=["openapi.yaml", "control.yaml"])
def test_lint_command_passes_the_project_specs(spec_path: Path) -> None:
    result = CliRunner().invoke(main, ["lint", str(spec_path)])
    assert result.exit_code == 0, result.output


def post_schema(spec: Spec) -> Spec:
    """The base spec's Post schema."""
    schema: Spec = spec["components"]["schemas"]["Post"]
    return schema


def test_lint_reports_nullable_without_type(tmp_path: Path) -> None:
    spec = broken_copy(
        tmp_path, lambda s: post_schema(s)["properties"]["scheduledAt"].pop("type")
    )
    problem = only(lint_spec(spec))
    assert problem.pointer == "/components/schemas/Post/properties/scheduledAt/nullable"
    assert problem.message.startswith(
        "'nullable: true' has no sibling 'type': OpenAPI 3.0 defines 'nullable' only beside 'type'"
    )


def test_lint_reports_nullable_without_type_inside_a_combinator(tmp_path: Path) -> None:
    def break_it(spec: Spec) -> None:
        post_schema(spec)["anyOf"] = [
            {"required": ["text"]},
            {"properties": {"text": {"nullable": True, "minLength": 2}}},
        ]

    problem = only(lint_spec(broken_copy(tmp_path, break_it)))
    assert problem.pointer == "/components/schemas/Post/anyOf/1/properties/text/nullable"


def test_lint_accepts_nullable_false_without_type_and_nullable_as_a_property_name(
    tmp_path: Path,
) -> None:
    def change(spec: Spec) -> None:
        post_schema(spec)["properties"]["text"]["nullable"] = False
        post_schema(spec)["properties"]["nullable"] = {"type": "boolean"}
        post_schema(spec)["properties"]["text"] = {"nullable": False, "minLength": 1}

    assert lint_spec(broken_copy(tmp_path, change)) == []


def test_lint_reports_null_listed_in_a_nullable_enum(tmp_path: Path) -> None:
    def break_it(spec: Spec) -> None:
        post_schema(spec)["properties"]["status"].update(nullable=True,
                                                          enum=["scheduled", "published", None])

    problem = only(lint_spec(broken_copy(tmp_path, break_it)))
    assert problem.pointer == "/components/schemas/Post/properties/status/enum"
    assert problem.message.startswith("'enum' lists null beside 'nullable: true': Prism adds")


def test_lint_reports_keys_beside_a_ref(tmp_path: Path) -> None:
    def break_it(spec: Spec) -> None:
        post_schema(spec)["properties"]["author"] = {
            "$ref": "#/components/schemas/Error", "description": "Who wrote it.",
        }

    problem = only(lint_spec(broken_copy(tmp_path, break_it)))
    assert problem.pointer == "/components/schemas/Post/properties/author"
    assert problem.message.startswith(
        "'description' beside '$ref' is ignored: in OpenAPI 3.0 a reference replaces its whole "
        "object"
    )
    assert "allOf: [{$ref: ...}]" in problem.message


def test_lint_reports_keys_beside_a_ref_outside_schemas(tmp_path: Path) -> None:
    def break_it(spec: Spec) -> None:
        posts(spec)["get"]["responses"]["404"]["description"] = "No such brand here."
        posts(spec)["get"]["responses"]["404"]["x-note"] = "extensions are keys too"

    problem = only(lint_spec(broken_copy(tmp_path, break_it)))
    assert problem.pointer == f"{POSTS}/get/responses/404"
    assert problem.message.startswith("'description', 'x-note' beside '$ref' are ignored")


def test_lint_leaves_ref_and_nullable_inside_example_values_alone(tmp_path: Path) -> None:
    def change(spec: Spec) -> None:
        spec["components"]["schemas"]["Error"]["properties"]["detail"] = {
            "type": "object", "example": {"$ref": "#/x", "nullable": True},
        }
        spec["components"]["examples"]["OnePost"]["value"]["data"][0]["text"] = "$ref"
        spec["components"]["examples"]["Raw"] = {"value": {"$ref": "#/y", "a": 1}}

    assert lint_spec(broken_copy(tmp_path, change)) == []


def test_lint_leaves_ref_siblings_of_openapi_3_1_alone(tmp_path: Path) -> None:
    def change(spec: Spec) -> None:
        spec["openapi"] = "3.1.0"
        post_schema(spec)["properties"]["author"] = {
            "$ref": "#/components/schemas/Error", "description": "Who wrote it.",
        }
        post_schema(spec)["properties"]["scheduledAt"].pop("type")  # 3.1 has no nullable

    problems = lint_spec(broken_copy(tmp_path, change))
    assert not [p for p in problems if "'$ref'" in p.message or "nullable" in p.pointer]


def first_response_example(spec: Spec) -> tuple[Spec, str]:
    """Find the first response example that is an object: (its holder, its key in the holder).

    Local $refs are followed, so a change through the result lands where the example is defined.
    """

    def resolve(node: Any) -> Any:
        while isinstance(node, dict) and isinstance(node.get("$ref"), str):
            target: Any = spec
            for token in node["$ref"].removeprefix("#/").split("/"):
                target = target[token.replace("~1", "/").replace("~0", "~")]
            node = target
        return node

    for item in spec["paths"].values():
        for operation in resolve(item).values():
            if not isinstance(operation, dict):
                continue
            for response in operation.get("responses", {}).values():
                for media in resolve(response).get("content", {}).values():
                    if isinstance(media.get("example"), dict):
                        return media, "example"
                    for example in media.get("examples", {}).values():
                        example = resolve(example)
                        if isinstance(example.get("value"), dict):
                            return example, "value"
    raise AssertionError("the project spec has no object-valued response example")


def test_project_spec_with_a_response_example_contradicting_its_schema_fails_lint(
    tmp_path: Path,
) -> None:
    def break_it(spec: Spec) -> None:
        holder, key = first_response_example(spec)
        if "data" in holder[key]:
            holder[key]["data"] = "not what the schema says"
        else:
            holder[key] = "not what the schema says"

    spec = broken_copy(tmp_path, break_it, source=paths.SPEC_PATH)
    result = CliRunner().invoke(main, ["lint", str(spec)])
    assert result.exit_code == 1
    assert "does not match its schema" in result.stdout


def edited_copy(tmp_path: Path, old: str, new: str) -> Path:
    """Write a YAML copy of the base spec with ``old`` replaced by ``new``: lines as written."""
    text = BASE_SPEC.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    copy = tmp_path / "openapi.yaml"
    copy.write_text(text.replace(old, new), encoding="utf-8")
    return copy


@pytest.mark.parametrize(
    ("old", "new", "handler_module", "rule", "pointer", "line"),
    [
        pytest.param("paths:\n", "paths: {unclosed\n", None, "document-syntax", "", 7,
                     id="document-syntax: where the parser gave up"),
        pytest.param("          description: The scheduled post.\n", "", None,
                     "openapi-structure", f"{POSTS}/post/responses/201", 61,
                     id="openapi-structure: a missing member, on its parent's line"),
        pytest.param("value: 10\n", "value: 1000\n", None, "example-schema",
                     f"{POSTS}/get/parameters/1/examples/small/value", 31,
                     id="example-schema"),
        pytest.param("operationId: fixture.list_posts", "operationId: listPosts", HANDLERS,
                     "operation-id-handler", f"{POSTS}/post/operationId", 49,
                     id="operation-id-handler"),
        pytest.param("  /brands/{brand}/posts:", "  /brands/posts:", None, "path-parameter",
                     "/paths/~1brands~1posts/parameters/0", 9, id="path-parameter"),
        pytest.param("          type: string\n          format: date-time\n",
                     "          format: date-time\n", None, "ignored-keyword",
                     "/components/schemas/Post/properties/scheduledAt/nullable", 100,
                     id="ignored-keyword"),
    ],
)
def test_each_rule_reports_its_problem_on_the_line_that_holds_it(
    tmp_path: Path,
    old: str,
    new: str,
    handler_module: str | None,
    rule: str,
    pointer: str,
    line: int,
) -> None:
    spec = edited_copy(tmp_path, old, new)
    if handler_module is not None:  # the get's operationId now resolves; the post's cannot
        problem = only(lint_spec(spec, handler_module=handler_module))
    else:
        problem = only(lint_spec(spec))
    assert (problem.rule, problem.pointer, problem.line) == (rule, pointer, line)
    assert problem.file == str(spec)


def test_lint_names_the_file_as_asked(tmp_path: Path) -> None:
    spec = edited_copy(tmp_path, "value: 10\n", "value: 1000\n")
    assert only(lint_spec(spec, name="api/openapi.yaml")).file == "api/openapi.yaml"


def test_lint_reports_a_document_whose_dates_pyyaml_cannot_build(tmp_path: Path) -> None:
    # Given: an unquoted date that is no date (lint reads it as the string it is)
    version = '  version: "1.0"\n'
    spec = edited_copy(tmp_path, version, f"{version}  x-since: 2026-13-01\n")
    spec.write_text(spec.read_text().replace("value: 10\n", "value: 1000\n"))
    # When
    problem = only(lint_spec(spec))
    # Then: the problem is still reported, under its rule and pointer
    assert (problem.rule, problem.pointer) == (
        "example-schema", f"{POSTS}/get/parameters/1/examples/small/value"
    )
    assert problem.line >= 1
