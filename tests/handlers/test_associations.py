"""`associations` as real clients send it, and the nested `template_instance.template`."""

from __future__ import annotations

from typing import Any

import pytest
from starlette.testclient import TestClient

from tests.conftest import AUTH, FIXTURES, POSTS, TEMPLATE_INSTANCE

INSTANCE = "social_post.template_instance"
ASSET = "social_post.asset"
OWNER = "social_post.owner"
TEMPLATE = "template_instance.template"
TEMPLATES = {t["id"]: t for t in FIXTURES["templates"]}
INSTANCES = {i["id"]: i for i in FIXTURES["template_instances"]}


def listed(client: TestClient, query: str) -> list[dict[str, Any]]:
    response = client.get(f"{POSTS}?status=executed&{query}", headers=AUTH)
    assert response.status_code == 200, response.text
    posts: list[dict[str, Any]] = response.json()["data"]
    return posts


def keys(posts: list[dict[str, Any]]) -> set[str]:
    return {key for post in posts for key in post} & {"template_instance", "asset", "owner"}


@pytest.mark.parametrize(
    "query",
    [
        f"associations={INSTANCE},{ASSET},{OWNER}",
        f"associations={INSTANCE}&associations={ASSET}&associations={OWNER}",
        f"associations[]={INSTANCE}&associations[]={ASSET}&associations[]={OWNER}",
        f"associations%5B%5D={INSTANCE}&associations%5B%5D={ASSET}&associations%5B%5D={OWNER}",
        f"associations={INSTANCE},{ASSET}&associations[]={OWNER}",
        f"associations[]={INSTANCE}&associations={ASSET}&associations={OWNER},{INSTANCE}",
    ],
    ids=["comma", "repeated", "brackets", "encoded-brackets", "comma-and-brackets", "mixed-dup"],
)
def test_every_form_of_associations_combines_all_of_them(client: TestClient, query: str) -> None:
    posts = listed(client, query)

    assert posts
    assert keys(posts) == {"template_instance", "asset", "owner"}
    assert all({"template_instance", "asset", "owner"} <= set(post) for post in posts)


def test_repeated_associations_key_is_not_only_the_last_one(client: TestClient) -> None:
    posts = listed(client, f"associations={INSTANCE}&associations={OWNER}")

    assert all(set(post) >= {"template_instance", "owner"} for post in posts)
    assert all("asset" not in post for post in posts)


@pytest.mark.parametrize(
    "query",
    [f"associations[0]={INSTANCE}", f"associations[x]={OWNER}", "associations=",
     f"associations={INSTANCE},", f"associations={INSTANCE}&associations=social_post.nope"],
    ids=["indexed", "keyed", "empty", "trailing-comma", "unknown-name"],
)
def test_a_form_the_mock_cannot_read_is_a_400_naming_associations(
    client: TestClient, query: str
) -> None:
    response = client.get(f"{POSTS}?{query}", headers=AUTH)

    assert response.status_code == 400, response.text
    problem = response.json()
    assert "associations" in problem["detail"]
    assert problem["field"] == "associations"


def test_nested_template_expands_the_template_inside_the_template_instance(
    client: TestClient,
) -> None:
    posts = listed(client, f"associations[]={INSTANCE}&associations[]={TEMPLATE}")

    instances = [p["template_instance"] for p in posts if p["template_instance"] is not None]
    assert instances
    for instance in instances:
        stored = TEMPLATES[INSTANCES[instance["id"]]["template"]]
        assert instance["template"] == {**stored, "type": "template"}
        assert {"id", "name", "medium", "video", "template_type"} <= set(instance["template"])


def test_nested_template_without_the_template_instance_changes_nothing(
    client: TestClient,
) -> None:
    plain = listed(client, f"associations={ASSET}")
    nested = listed(client, f"associations={ASSET},{TEMPLATE}")

    assert nested == plain


def test_template_instance_without_the_nested_template_has_no_template(
    client: TestClient,
) -> None:
    posts = listed(client, f"associations={INSTANCE}")

    assert all("template" not in p["template_instance"] for p in posts if p["template_instance"])


def test_create_answers_with_the_nested_template_when_asked(client: TestClient) -> None:
    body = {"facebook_page": "5383b70e-bd8f-481f-a605-0664736def2d",
            "template_instance": TEMPLATE_INSTANCE, "due_at": 1769140000.25}

    response = client.post(f"{POSTS}?associations={INSTANCE}&associations={TEMPLATE}",
                           json=body, headers=AUTH)

    assert response.status_code == 200, response.text
    template = response.json()["data"]["template_instance"]["template"]
    assert template["id"] == INSTANCES[TEMPLATE_INSTANCE]["template"]
    assert template["type"] == "template"
