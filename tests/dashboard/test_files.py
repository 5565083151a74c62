"""The dashboard's files: the page at ``/_mock/`` and its assets, for any session."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from starlette.testclient import TestClient

from socialpost.server.app import create_app
from socialpost.server.config import Settings
from socialpost.server.dashboard.files import STATIC_DIR
from socialpost.server.paths import SPEC_PATH

ASSETS = sorted(p.relative_to(STATIC_DIR).as_posix() for p in STATIC_DIR.rglob("*")
                if p.is_file() and p.name != "index.html")


def test_the_page_is_served_with_a_policy_that_keeps_it_to_this_server(
    client: TestClient,
) -> None:
    response = client.get("/_mock/")

    assert response.status_code == 200
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    assert response.text == (STATIC_DIR / "index.html").read_text(encoding="utf-8")
    policy = response.headers["content-security-policy"]
    assert "default-src 'self'" in policy and "connect-src 'self'" in policy
    assert response.headers["x-content-type-options"] == "nosniff"


@pytest.mark.parametrize("asset", ASSETS)
def test_every_asset_is_served_with_its_type(client: TestClient, asset: str) -> None:
    response = client.get(f"/_mock/dashboard/{asset}")

    assert response.status_code == 200
    assert response.content == (STATIC_DIR / asset).read_bytes()
    kind = {"js": "text/javascript", "css": "text/css", "svg": "image/svg+xml"}
    assert response.headers["content-type"].startswith(kind[asset.rsplit(".", 1)[1]])


def test_the_page_links_only_assets_that_exist() -> None:
    page = (STATIC_DIR / "index.html").read_text(encoding="utf-8")

    linked = [a for a in ASSETS if f'"dashboard/{a}"' in page]
    assert linked, "the page links no asset relatively (dashboard/…)"
    assert "http://" not in page and "https://" not in page  # nothing from elsewhere


def test_an_unchanged_file_answers_304(client: TestClient) -> None:
    etag = client.get("/_mock/").headers["etag"]

    assert client.get("/_mock/", headers={"If-None-Match": etag}).status_code == 304


def test_without_the_slash_the_page_redirects_keeping_the_session_prefix(
    client: TestClient,
) -> None:
    for path in ("/_mock", "/_sessions/files-demo/_mock"):
        response = client.get(path, follow_redirects=False)
        assert response.status_code == 308
        assert response.headers["location"] == "_mock/"  # relative: resolves under the prefix
    client.delete("/_mock/sessions/files-demo")


def test_a_sessions_dashboard_is_the_same_page_under_its_prefix(client: TestClient) -> None:
    page = client.get("/_sessions/files-demo/_mock/")

    assert page.status_code == 200 and page.headers["x-mock-session"] == "files-demo"
    assert page.content == client.get("/_mock/").content
    assert client.get("/_sessions/files-demo/_mock/dashboard/nope.js").status_code == 404
    client.delete("/_mock/sessions/files-demo")


def test_a_missing_file_is_a_404_problem_and_nothing_outside_is_reachable(
    client: TestClient,
) -> None:
    for path in ("/_mock/dashboard/nope.js", "/_mock/dashboard/../files.py",
                 "/_mock/dashboard/%2e%2e/files.py", "/_mock/dashboard/"):
        response = client.get(path)
        assert response.status_code == 404, path
        assert response.headers["content-type"] == "application/problem+json"


def test_other_methods_answer_405_with_allow(client: TestClient) -> None:
    response = client.post("/_mock/")

    assert response.status_code == 405
    assert response.headers["allow"] == "GET, HEAD"


def test_the_files_are_served_where_the_control_api_is_refused(tmp_path: Path) -> None:
    """The page holds no data: a remote browser gets it, then signs in with the control token."""
    app = create_app(Settings(db_path=tmp_path / "db.json", control_token="s3cret"))
    with TestClient(app, client=("203.0.113.9", 5000)) as remote:
        assert remote.get("/_mock/").status_code == 200
        assert remote.get("/_mock/clock").status_code == 403
        assert remote.get("/_mock/clock",
                          headers={"Authorization": "Bearer s3cret"}).status_code == 200


def test_the_pages_operation_choices_are_the_contracts_operations() -> None:
    contract = yaml.safe_load(SPEC_PATH.read_text(encoding="utf-8"))
    documented = {operation["operationId"] for item in contract["paths"].values()
                  for operation in item.values() if isinstance(operation, dict)
                  and "operationId" in operation}
    script = (STATIC_DIR / "js" / "api.js").read_text(encoding="utf-8")
    listed = re.search(r"export const OPERATIONS = \[(.*?)\];", script, re.S)

    assert listed is not None
    assert set(re.findall(r"'(\w+)'", listed.group(1))) == documented
