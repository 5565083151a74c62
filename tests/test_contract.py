"""The contract (openapi.yaml) is faithful to the document and strict enough to catch defects."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from jsonschema.exceptions import ValidationError
from openapi_schema_validator import OAS30ReadValidator, OAS30WriteValidator
from openapi_spec_validator import validate

from socialpost.server import paths

# A copy of ../shared/seed/examples.json: the six exchanges of the API document.
EXAMPLES_PATH = Path(__file__).parent / "data" / "document-examples.json"
BRAND_PATH = "/brands/{brand}/social-posts"
POST_PATH = "/brands/{brand}/social-posts/{socialPostId}"
STATS_PATH = "/brands/{brand}/social-posts/stats"

Validate = Callable[[str, Any], None]


@pytest.fixture(scope="module")
def spec() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load(paths.SPEC_PATH.read_text())
    return loaded


@pytest.fixture(scope="module")
def exchanges() -> dict[str, dict[str, Any]]:
    return {e["name"]: e for e in json.loads(Path(EXAMPLES_PATH).read_text())}


def _validator(spec: dict[str, Any], write: bool) -> Validate:
    cls = OAS30WriteValidator if write else OAS30ReadValidator

    def check(schema_name: str, instance: Any) -> None:
        schema = {"$ref": f"#/components/schemas/{schema_name}", "components": spec["components"]}
        cls(schema).validate(instance)

    return check


@pytest.fixture(scope="module")
def response_schema(spec: dict[str, Any]) -> Validate:
    return _validator(spec, write=False)


@pytest.fixture(scope="module")
def request_schema(spec: dict[str, Any]) -> Validate:
    return _validator(spec, write=True)


def _parameter(spec: dict[str, Any], path: str, method: str, name: str) -> dict[str, Any]:
    item = spec["paths"][path]
    for param in item.get("parameters", []) + item[method].get("parameters", []):
        if "$ref" in param:
            param = spec["components"]["parameters"][param["$ref"].rsplit("/", 1)[1]]
        if param["name"] == name:
            return dict(param)
    raise KeyError(name)


def _param_validate(spec: dict[str, Any], path: str, method: str, name: str, value: Any) -> None:
    param = _parameter(spec, path, method, name)
    schema = {**param["schema"], "components": spec["components"]}
    OAS30WriteValidator(schema).validate(value)


def test_spec_passes_openapi_spec_validator(spec: dict[str, Any]) -> None:
    validate(spec)


def test_spec_has_the_five_documented_operations(spec: dict[str, Any]) -> None:
    operations = {(path, method) for path, item in spec["paths"].items() for method in item
                  if method in {"get", "post", "put", "delete", "patch"}}
    assert operations == {
        (BRAND_PATH, "get"), (BRAND_PATH, "post"), (STATS_PATH, "get"),
        (POST_PATH, "put"), (POST_PATH, "delete"),
    }


@pytest.mark.parametrize(
    ("path", "method", "names"),
    [
        (BRAND_PATH, "get", ["brand", "user", "status", "start", "limit", "video", "mediums",
                             "order", "associations"]),
        (STATS_PATH, "get", ["brand", "user", "status"]),
        (BRAND_PATH, "post", ["brand", "associations"]),
        (POST_PATH, "put", ["brand", "socialPostId", "associations"]),
        (POST_PATH, "delete", ["brand", "socialPostId"]),
    ],
)
def test_every_documented_parameter_is_declared(
    spec: dict[str, Any], path: str, method: str, names: list[str]
) -> None:
    for name in names:
        assert _parameter(spec, path, method, name)["name"] == name


def test_operation_ids_are_the_names_client_generators_use(spec: dict[str, Any]) -> None:
    ids = {op["operationId"] for item in spec["paths"].values()
           for method, op in item.items() if method != "parameters"}
    assert ids == {"listSocialPosts", "createSocialPost", "getSocialPostStats",
                   "updateSocialPost", "deleteSocialPost"}


def test_document_list_example_validates(
    spec: dict[str, Any], exchanges: dict[str, dict[str, Any]], response_schema: Validate
) -> None:
    exchange = exchanges["list-executed"]
    response_schema("SocialPostList", exchange["response"])
    _param_validate(spec, BRAND_PATH, "get", "status", exchange["query"]["status"])
    _param_validate(spec, BRAND_PATH, "get", "associations",
                    exchange["query"]["associations"].split(","))


def test_document_stats_example_validates(
    spec: dict[str, Any], exchanges: dict[str, dict[str, Any]], response_schema: Validate
) -> None:
    exchange = exchanges["stats-executed"]
    response_schema("SocialPostStats", exchange["response"])
    _param_validate(spec, STATS_PATH, "get", "status", exchange["query"]["status"])


@pytest.mark.parametrize("name", ["create-with-template-instance", "create-with-asset"])
def test_document_create_examples_validate(
    exchanges: dict[str, dict[str, Any]], request_schema: Validate, response_schema: Validate,
    name: str,
) -> None:
    request_schema("SocialPostCreate", exchanges[name]["request"])
    response_schema("SocialPostEnvelope", exchanges[name]["response"])
    assert exchanges[name]["status"] == 200


def test_document_update_example_validates(
    exchanges: dict[str, dict[str, Any]], request_schema: Validate, response_schema: Validate
) -> None:
    request_schema("SocialPostUpdate", exchanges["update"]["request"])
    response_schema("SocialPostEnvelope", exchanges["update"]["response"])


def test_document_delete_example_is_a_declared_204_without_body(
    spec: dict[str, Any], exchanges: dict[str, dict[str, Any]]
) -> None:
    responses = spec["paths"][POST_PATH]["delete"]["responses"]
    assert exchanges["delete"]["status"] == 204
    assert "content" not in responses["204"]


def test_spec_embeds_the_six_document_exchanges(
    spec: dict[str, Any], exchanges: dict[str, dict[str, Any]]
) -> None:
    embedded = spec["components"]["examples"]
    assert embedded["list-executed"]["value"] == exchanges["list-executed"]["response"]
    assert embedded["stats-executed"]["value"] == exchanges["stats-executed"]["response"]
    for name in ("create-with-template-instance", "create-with-asset", "update"):
        assert embedded[f"{name}-request"]["value"] == exchanges[name]["request"]
        assert embedded[f"{name}-response"]["value"] == exchanges[name]["response"]
    assert "delete" in _parameter(spec, POST_PATH, "delete", "socialPostId")["examples"]


def test_create_links_to_update_and_delete(spec: dict[str, Any]) -> None:
    links = spec["paths"][BRAND_PATH]["post"]["responses"]["200"]["links"]
    targets = {link["operationId"] for link in links.values()}
    assert targets == {"updateSocialPost", "deleteSocialPost"}
    for link in links.values():
        assert link["parameters"]["socialPostId"] == "$response.body#/data/id"


# --- teeth: each corruption is rejected -------------------------------------------------------


@pytest.fixture
def listed(exchanges: dict[str, dict[str, Any]]) -> dict[str, Any]:
    return copy.deepcopy(exchanges["list-executed"]["response"])


def test_rejects_post_id_that_is_not_a_string(listed: dict[str, Any],
                                              response_schema: Validate) -> None:
    listed["data"][0]["id"] = 7
    with pytest.raises(ValidationError):
        response_schema("SocialPostList", listed)


def test_rejects_due_at_as_text(listed: dict[str, Any], response_schema: Validate) -> None:
    listed["data"][0]["due_at"] = "1769132000.291"
    with pytest.raises(ValidationError):
        response_schema("SocialPostList", listed)


def test_rejects_post_without_id(listed: dict[str, Any], response_schema: Validate) -> None:
    del listed["data"][1]["id"]
    with pytest.raises(ValidationError, match="'id' is a required property"):
        response_schema("SocialPostList", listed)


def test_rejects_type_other_than_social_post(listed: dict[str, Any],
                                            response_schema: Validate) -> None:
    listed["data"][2]["type"] = "post"
    with pytest.raises(ValidationError):
        response_schema("SocialPostList", listed)


def test_rejects_info_total_as_text(listed: dict[str, Any], response_schema: Validate) -> None:
    listed["info"]["total"] = "3"
    with pytest.raises(ValidationError):
        response_schema("SocialPostList", listed)


def test_rejects_medium_outside_the_eleven_in_stats(response_schema: Validate) -> None:
    with pytest.raises(ValidationError):
        response_schema("SocialPostStats", {"type": "social_post_stats", "Fax": "1"})


def test_rejects_medium_outside_the_eleven_in_an_asset(listed: dict[str, Any],
                                                       response_schema: Validate) -> None:
    listed["data"][1]["asset"]["medium"] = "Fax"
    with pytest.raises(ValidationError):
        response_schema("SocialPostList", listed)


def test_rejects_medium_outside_the_eleven_in_the_mediums_filter(spec: dict[str, Any]) -> None:
    _param_validate(spec, BRAND_PATH, "get", "mediums", ["Social", "Email"])
    with pytest.raises(ValidationError):
        _param_validate(spec, BRAND_PATH, "get", "mediums", ["Social", "Fax"])


def test_rejects_stats_count_that_is_a_number(response_schema: Validate) -> None:
    with pytest.raises(ValidationError):
        response_schema("SocialPostStats", {"type": "social_post_stats", "Email": 1})


def test_rejects_create_body_without_facebook_page(
    exchanges: dict[str, dict[str, Any]], request_schema: Validate
) -> None:
    body = dict(exchanges["create-with-asset"]["request"])
    del body["facebook_page"]
    with pytest.raises(ValidationError, match="'facebook_page' is a required property"):
        request_schema("SocialPostCreate", body)


@pytest.mark.parametrize("schema_name", ["SocialPostCreate", "SocialPostUpdate"])
def test_rejects_caption_that_is_not_a_string(
    exchanges: dict[str, dict[str, Any]], request_schema: Validate, schema_name: str
) -> None:
    body = {**exchanges["create-with-asset"]["request"], "caption": 42}
    with pytest.raises(ValidationError):
        request_schema(schema_name, body)


@pytest.mark.parametrize("schema_name", ["SocialPostCreate", "SocialPostUpdate"])
def test_request_bodies_reject_unknown_fields(
    exchanges: dict[str, dict[str, Any]], request_schema: Validate, schema_name: str
) -> None:
    body = {**exchanges["create-with-asset"]["request"], "pinned": True}
    with pytest.raises(ValidationError):
        request_schema(schema_name, body)


def test_create_rejects_both_template_instance_and_asset(
    exchanges: dict[str, dict[str, Any]], request_schema: Validate
) -> None:
    body = {**exchanges["create-with-asset"]["request"],
            "template_instance": "8e6b780b-ae31-4277-bdbd-42f0663ac8ff"}
    with pytest.raises(ValidationError):
        request_schema("SocialPostCreate", body)


def test_create_rejects_neither_template_instance_nor_asset(
    exchanges: dict[str, dict[str, Any]], request_schema: Validate
) -> None:
    body = dict(exchanges["create-with-asset"]["request"])
    del body["asset"]
    with pytest.raises(ValidationError):
        request_schema("SocialPostCreate", body)


def test_update_rejects_both_template_instance_and_asset(request_schema: Validate) -> None:
    body = {"template_instance": "8e6b780b-ae31-4277-bdbd-42f0663ac8ff",
            "asset": "55f4cb8e-f8fc-414e-bffa-6dbcc8d919a4"}
    with pytest.raises(ValidationError):
        request_schema("SocialPostUpdate", body)


def test_post_association_keys_are_optional_and_nullable(
    exchanges: dict[str, dict[str, Any]], response_schema: Validate
) -> None:
    post = copy.deepcopy(exchanges["create-with-asset"]["response"])
    response_schema("SocialPostEnvelope", post)
    post["data"].update(template_instance=None, asset=None, owner=None)
    response_schema("SocialPostEnvelope", post)


# --- what issue 10 added: fair to real servers, read alike by third-party tools ---------------

OPERATIONS = [(BRAND_PATH, "get"), (BRAND_PATH, "post"), (STATS_PATH, "get"), (POST_PATH, "put"),
              (POST_PATH, "delete")]
ALL_ASSOCIATIONS = ["social_post.template_instance", "social_post.asset", "social_post.owner",
                    "template_instance.template"]
TEMPLATE = {"id": "0c682472-44d8-4e4f-bd33-38a48cd72ff5", "name": "Just Listed",
            "medium": "Social", "video": False, "type": "template"}


@pytest.fixture(scope="module")
def control_spec() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load(paths.CONTROL_SPEC_PATH.read_text())
    return loaded


def _responses(spec: dict[str, Any], path: str, method: str) -> dict[str, dict[str, Any]]:
    """The operation's responses with component $refs followed."""
    found = {}
    for code, response in spec["paths"][path][method]["responses"].items():
        if "$ref" in response:
            response = spec["components"]["responses"][response["$ref"].rsplit("/", 1)[1]]
        found[str(code)] = response
    return found


@pytest.mark.parametrize(("path", "method"), OPERATIONS)
def test_every_error_admits_problem_json_and_the_real_servers_json_object(
    spec: dict[str, Any], path: str, method: str
) -> None:
    errors = {code: r for code, r in _responses(spec, path, method).items() if code >= "400"}
    assert {"400", "401", "403", "404", "503"} <= set(errors)
    for code, response in errors.items():
        schemas = {media: body["schema"]["$ref"] for media, body in response["content"].items()}
        assert schemas == {"application/problem+json": "#/components/schemas/Problem",
                           "application/json": "#/components/schemas/ErrorObject"}, code


def test_problem_lists_rfc_9457_and_the_real_servers_members(response_schema: Validate) -> None:
    response_schema("Problem", {
        "type": "about:blank", "title": "Forbidden", "status": 403,
        "detail": "This post is executed", "code": "AccessForbidden", "http": 403,
        "message": "This post is executed", "field": "facebook_page", "instance": "/x",
    })
    response_schema("Problem", {"title": "Not Found", "status": 404})  # any RFC 9457 problem
    with pytest.raises(ValidationError):
        response_schema("Problem", {"title": "Forbidden", "status": 403, "code": "Nope"})
    with pytest.raises(ValidationError):
        response_schema("Problem", {"title": "Forbidden", "status": 403, "http": "403"})


def test_problem_codes_are_the_real_servers_and_the_mocks(spec: dict[str, Any]) -> None:
    codes = spec["components"]["schemas"]["Problem"]["properties"]["code"]["enum"]
    assert {"Validation", "UnauthorizedAccess", "AccessForbidden", "ResourceNotFound",
            "MethodNotAllowed", "Conflict", "PayloadTooLarge", "UnsupportedMediaType"} <= set(codes)


@pytest.mark.parametrize("body", [
    {"http": 404, "message": "Social post not found", "code": "ResourceNotFound"},
    {"message": "Internal Error"},
])
def test_the_real_servers_error_objects_validate(response_schema: Validate,
                                                 body: dict[str, Any]) -> None:
    response_schema("ErrorObject", body)


def test_an_error_object_without_a_message_is_rejected(response_schema: Validate) -> None:
    with pytest.raises(ValidationError, match="'message' is a required property"):
        response_schema("ErrorObject", {"http": 404, "code": "ResourceNotFound"})


def test_update_documents_403_for_an_executed_post_and_keeps_409(spec: dict[str, Any]) -> None:
    responses = _responses(spec, POST_PATH, "put")
    assert "This post is executed" in responses["403"]["description"]
    assert "409" in responses and "403" in spec["paths"][POST_PATH]["put"]["description"]


@pytest.mark.parametrize(("path", "method"), OPERATIONS)
def test_unknown_brand_may_answer_403_or_404(spec: dict[str, Any], path: str, method: str) -> None:
    assert {"403", "404"} <= set(_responses(spec, path, method))


def test_associations_take_the_nested_template_and_up_to_four_values(spec: dict[str, Any]) -> None:
    param = _parameter(spec, BRAND_PATH, "get", "associations")
    assert (param["style"], param["explode"]) == ("form", False)
    assert param["schema"]["maxItems"] == 4
    _param_validate(spec, BRAND_PATH, "get", "associations", ALL_ASSOCIATIONS)
    with pytest.raises(ValidationError):
        _param_validate(spec, BRAND_PATH, "get", "associations", ["social_post.brand"])
    description = " ".join(param["description"].split())
    for form in ("comma-separated", "repeated keys", "associations[]=", "mixture"):
        assert form in description


def test_a_template_instance_may_carry_its_template(
    listed: dict[str, Any], response_schema: Validate
) -> None:
    listed["data"][0]["template_instance"]["template"] = {**TEMPLATE, "template_type": "JustListed"}
    response_schema("SocialPostList", listed)
    listed["data"][0]["template_instance"]["template"] = None
    response_schema("SocialPostList", listed)


@pytest.mark.parametrize("missing", ["id", "name", "medium", "video", "type"])
def test_a_template_without_one_of_its_five_members_is_rejected(
    response_schema: Validate, missing: str
) -> None:
    template = {k: v for k, v in TEMPLATE.items() if k != missing}
    with pytest.raises(ValidationError, match=f"'{missing}' is a required property"):
        response_schema("Template", template)


@pytest.mark.parametrize("schema_name", ["SocialPostCreate", "SocialPostUpdate"])
def test_captions_are_at_most_2200_characters(
    exchanges: dict[str, dict[str, Any]], request_schema: Validate, schema_name: str
) -> None:
    body = {**exchanges["create-with-asset"]["request"], "caption": "x" * 2200}
    request_schema(schema_name, body)
    with pytest.raises(ValidationError, match="is too long"):
        request_schema(schema_name, {**body, "caption": "x" * 2201})


def test_create_accepts_the_other_source_sent_as_null(request_schema: Validate) -> None:
    page, source = "5383b70e-bd8f-481f-a605-0664736def2d", "8e6b780b-ae31-4277-bdbd-42f0663ac8ff"
    request_schema("SocialPostCreate",
                   {"facebook_page": page, "template_instance": source, "asset": None})
    request_schema("SocialPostCreate",
                   {"facebook_page": page, "asset": source, "template_instance": None})
    with pytest.raises(ValidationError):
        request_schema("SocialPostCreate",
                       {"facebook_page": page, "asset": None, "template_instance": None})


@pytest.mark.parametrize("schema_name", ["TemplateInstance", "BrandAsset", "User", "Template"])
def test_an_association_is_its_object_or_null_and_nothing_else(
    response_schema: Validate, schema_name: str
) -> None:
    response_schema(schema_name, None)
    values: tuple[Any, ...] = ({}, "", 0)
    for value in values:
        with pytest.raises(ValidationError):
            response_schema(schema_name, value)


def _schemas(node: Any) -> Iterator[dict[str, Any]]:
    """Every mapping in a document, skipping example data."""
    if isinstance(node, dict):
        yield node
        for key, value in node.items():
            if key not in ("example", "examples", "default", "enum"):
                yield from _schemas(value)
    elif isinstance(node, list):
        for item in node:
            yield from _schemas(item)


@pytest.mark.parametrize("document", [paths.SPEC_PATH, paths.CONTROL_SPEC_PATH],
                         ids=["openapi.yaml", "control.yaml"])
def test_documents_carry_what_third_party_tools_need(document: Path) -> None:
    loaded = yaml.safe_load(document.read_text())
    assert loaded["servers"] and loaded["info"]["contact"] and loaded["info"]["license"]["url"]
    nodes = list(_schemas(loaded))
    assert not [n for n in nodes if n.get("nullable") is True and "type" not in n]
    assert not [n for n in nodes if isinstance(n.get("$ref"), str) and len(n) > 1]
    for item in loaded["paths"].values():
        for method, operation in item.items():
            if method != "parameters":
                assert operation["tags"] and operation["description"], operation["operationId"]


def test_the_control_api_documents_its_guard_and_its_base_path(
    control_spec: dict[str, Any],
) -> None:
    assert [server["url"] for server in control_spec["servers"]] == ["/_mock"]
    for path, item in control_spec["paths"].items():
        for method, operation in item.items():
            if method == "parameters":
                continue
            responses = _responses(control_spec, path, method)
            guarded = operation["operationId"] != "getHealth"  # health stays open
            assert ("403" in responses) == guarded, operation["operationId"]
