"""The control API is not open to every web page: only the mock's own and allowed origins."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from httpx2 import Response
from starlette.testclient import TestClient

from socialpost.server.app import create_app
from socialpost.server.config import Settings
from socialpost.server.http.control_cors import parse_origin
from tests.conftest import AUTH, POSTS

ALLOWED = "http://localhost:5173"
FOREIGN = "https://stray.example"
OWN = "http://testserver"  # the TestClient's Host: the mock's own pages
ADVANCE = {"advance": 60}


def mock(*origins: str, token: str | None = None, client: str = "127.0.0.1") -> TestClient:
    settings = Settings(db_path=None, control_origins=origins, control_token=token)
    test_client: TestClient = create_app(settings).test_client(client=(client, 50000))
    return test_client


@pytest.fixture(scope="module")
def control() -> Iterator[TestClient]:
    """A loopback client of a mock that allows one other origin to drive it."""
    with mock(ALLOWED) as client:
        yield client


def now(client: TestClient) -> float:
    instant: float = client.get("/_mock/clock").json()["now"]
    return instant


def assert_refused(response: Response, origin: str) -> None:
    assert response.status_code == 403, response.text
    assert response.headers["content-type"] == "application/problem+json"
    detail = response.json()["detail"]
    assert f"--control-origin {origin}" in detail, detail


def test_a_page_of_another_origin_cannot_move_the_clock_or_reset(control: TestClient) -> None:
    before = now(control)

    moved = control.post("/_mock/clock", json=ADVANCE, headers={"Origin": FOREIGN})
    reset = control.post("/_mock/reset", headers={"Origin": FOREIGN})

    assert_refused(moved, FOREIGN)
    assert_refused(reset, FOREIGN)
    assert FOREIGN in moved.json()["detail"]
    assert now(control) == before


def test_a_page_of_another_origin_cannot_read_the_control_api(control: TestClient) -> None:
    assert_refused(control.get("/_mock/clock", headers={"Origin": FOREIGN}), FOREIGN)


@pytest.mark.parametrize("site", ["cross-site", "same-site"])
def test_a_request_without_origin_from_another_site_is_refused(
    control: TestClient, site: str
) -> None:
    # An <img>, <script> or frame: no Origin, but Sec-Fetch-Site tells, and Referer names the page.
    named = control.get("/_mock/clock", headers={
        "Sec-Fetch-Site": site, "Sec-Fetch-Mode": "no-cors", "Sec-Fetch-Dest": "image",
        "Referer": f"{FOREIGN}/some/page?x=1",
    })
    unnamed = control.get("/_mock/clock", headers={
        "Sec-Fetch-Site": site, "Sec-Fetch-Mode": "navigate", "Sec-Fetch-Dest": "iframe",
    })

    assert_refused(named, FOREIGN)
    assert_refused(unnamed, "null")


def test_following_a_link_from_another_site_opens_the_control_pages(control: TestClient) -> None:
    response = control.get("/_mock/clock", headers={
        "Sec-Fetch-Site": "cross-site", "Sec-Fetch-Mode": "navigate", "Sec-Fetch-Dest": "document",
    })

    assert response.status_code == 200, response.text


def test_the_mocks_own_pages_drive_the_control_api(control: TestClient) -> None:
    before = now(control)

    moved = control.post("/_mock/clock", json=ADVANCE,
                         headers={"Origin": OWN, "Sec-Fetch-Site": "same-origin"})

    assert moved.status_code == 200, moved.text
    assert now(control) == before + 60


@pytest.mark.parametrize(
    ("host", "origin", "allowed"),
    [
        ("127.0.0.1:4010", "http://127.0.0.1:4010", True),
        ("[::1]:4010", "http://[::1]:4010", True),
        ("mock.example", "http://mock.example:80", True),
        ("127.0.0.1:4010", "http://127.0.0.1:4011", False),  # another port: another origin
        ("127.0.0.1:4010", "https://127.0.0.1:4010", False),  # another scheme
        ("127.0.0.1:4010", "http://localhost:4010", False),  # another host name
    ],
)
def test_same_origin_is_the_scheme_and_host_the_request_was_sent_to(
    control: TestClient, host: str, origin: str, allowed: bool
) -> None:
    response = control.get("/_mock/clock", headers={"Host": host, "Origin": origin})

    if allowed:
        assert response.status_code == 200, response.text
    else:
        assert_refused(response, origin)


def test_an_allowed_origin_drives_the_control_api(control: TestClient) -> None:
    before = now(control)

    moved = control.post("/_mock/clock", json=ADVANCE,
                         headers={"Origin": ALLOWED, "Sec-Fetch-Site": "same-site"})

    assert moved.status_code == 200, moved.text
    assert moved.headers["access-control-allow-origin"] in ("*", ALLOWED)
    assert now(control) == before + 60


def test_clients_that_are_not_browsers_are_not_concerned(control: TestClient) -> None:
    assert control.post("/_mock/clock", json=ADVANCE).status_code == 200


def test_a_page_with_an_opaque_origin_is_foreign_unless_null_is_allowed() -> None:
    with mock() as strict, mock("null") as lenient:
        assert_refused(strict.get("/_mock/clock", headers={"Origin": "null"}), "null")
        assert lenient.get("/_mock/clock", headers={"Origin": "null"}).status_code == 200
        assert_refused(lenient.get("/_mock/clock", headers={"Origin": FOREIGN}), FOREIGN)


def test_control_origin_star_allows_every_origin() -> None:
    with mock("*") as open_to_all:
        assert open_to_all.get("/_mock/clock", headers={"Origin": FOREIGN}).status_code == 200


def test_allowed_origins_are_compared_as_browsers_write_them() -> None:
    with mock("HTTP://LocalHost:80/") as client:
        assert client.get("/_mock/clock", headers={"Origin": "http://localhost"}).status_code == 200


@pytest.mark.parametrize("value", ["localhost:5173", "http://localhost:5173/app", "ftp://x", ""])
def test_a_control_origin_that_is_no_origin_is_refused_naming_it(value: str) -> None:
    with pytest.raises(ValueError, match="is not an origin") as raised:
        parse_origin(value)

    assert repr(value) in str(raised.value)


def test_health_stays_open_to_every_page(control: TestClient) -> None:
    response = control.get("/_mock/health", headers={"Origin": FOREIGN})

    assert response.status_code == 200


def test_the_api_answers_pages_of_any_origin(control: TestClient) -> None:
    response = control.get(POSTS, headers={**AUTH, "Origin": FOREIGN,
                                           "Sec-Fetch-Site": "cross-site"})

    assert response.status_code == 200
    assert response.headers["access-control-allow-origin"] in ("*", FOREIGN)


def test_both_rules_apply_the_origin_and_the_control_token() -> None:
    token = {"Authorization": "Bearer s3cret"}
    with mock(ALLOWED, token="s3cret", client="192.0.2.10") as remote:
        assert remote.get("/_mock/clock", headers=token).status_code == 200
        assert remote.get("/_mock/clock", headers={**token, "Origin": ALLOWED}).status_code == 200
        assert_refused(remote.get("/_mock/clock", headers={**token, "Origin": FOREIGN}), FOREIGN)
        assert remote.get("/_mock/clock", headers={"Origin": ALLOWED}).status_code == 403
    with mock(ALLOWED, client="192.0.2.10") as remote:
        refused = remote.get("/_mock/clock", headers={"Origin": ALLOWED})
        assert refused.status_code == 403 and "loopback" in refused.json()["detail"]


def preflight(client: TestClient, path: str, origin: str) -> Response:
    return client.options(path, headers={
        "Origin": origin, "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type",
    })


def test_a_preflight_from_another_origin_grants_no_access_to_the_control_api(
    control: TestClient,
) -> None:
    response = preflight(control, "/_mock/clock", FOREIGN)

    assert_refused(response, FOREIGN)
    assert "access-control-allow-origin" not in response.headers


def test_a_preflight_from_an_allowed_origin_is_granted(control: TestClient) -> None:
    response = preflight(control, "/_mock/clock", ALLOWED)

    assert response.status_code == 200
    assert response.headers["access-control-allow-origin"] in ("*", ALLOWED)
    assert "POST" in response.headers["access-control-allow-methods"]


@pytest.mark.parametrize("path", ["/_mock/health", POSTS])
def test_preflights_outside_the_control_api_are_granted_to_any_origin(
    control: TestClient, path: str
) -> None:
    response = preflight(control, path, FOREIGN)

    assert response.status_code == 200
    assert response.headers["access-control-allow-origin"] in ("*", FOREIGN)
