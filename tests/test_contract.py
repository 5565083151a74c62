"""The contract (openapi.yaml) is faithful to the document and strict enough to catch defects."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from jsonschema.exceptions import ValidationError
from openapi_schema_validator import OAS30ReadValidator, OAS30WriteValidator
from openapi_spec_validator import validate

from server import paths

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
