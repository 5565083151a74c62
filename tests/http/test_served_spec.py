"""The contracts as the mock serves them to Swagger UI and code generators."""

from __future__ import annotations

from starlette.testclient import TestClient


def test_the_served_contracts_name_a_server_swagger_ui_can_call(client: TestClient) -> None:
    # Connexion rewrites an API at the root to the empty base path: Swagger UI's list was empty.
    assert client.get("/openapi.json").json()["servers"][0]["url"] == "/"
    assert client.get("/_mock/openapi.json").json()["servers"][0]["url"] == "/_mock"


def test_the_served_contract_keeps_the_code_generator_operation_ids(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()

    ids = {op["operationId"] for item in spec["paths"].values() for op in item.values()
           if isinstance(op, dict) and "operationId" in op}
    assert "listSocialPosts" in ids
