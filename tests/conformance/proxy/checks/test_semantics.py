"""The passive semantic checks: fair to a correct server under concurrent traffic, and the split
between failures and deviations where the document leaves a choice."""

from __future__ import annotations

import uuid
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import httpx

from socialpost.conformance.proxy.app import create_proxy
from socialpost.server.app import create_app
from socialpost.server.config import Settings
from tests.conformance.defects import Answer, Defective, Exchange
from tests.conformance.proxy.session import ASSET, AUTH, LIST, PAGE, TOKEN
from tests.conftest import USER
from tests.live import serve_asgi


def _client_loop(url: str, rounds: int) -> list[int]:
    statuses = []
    with httpx.Client(base_url=url) as client:
        for i in range(rounds):
            created = client.post(LIST, headers=AUTH, json={
                "facebook_page": PAGE, "asset": ASSET, "due_at": 1769132000.5 + i,
                "caption": f"parallel {uuid.uuid4()}"})
            post = f"{LIST}/{created.json()['data']['id']}"
            statuses += [created.status_code,
                         client.put(post, headers=AUTH, json={"caption": "moved"}).status_code,
                         client.get(LIST, params={"status": "any", "order": "-created_at",
                                                  "limit": 20}, headers=AUTH).status_code,
                         client.delete(post, headers=AUTH).status_code]
    return statuses


def test_concurrent_clients_of_a_correct_server_break_nothing() -> None:
    with serve_asgi(create_app(Settings(db_path=None))) as mock, serve_asgi(
            create_proxy(mock, callers={TOKEN: USER})) as url:
        with ThreadPoolExecutor(8) as pool:
            done = [f.result() for f in [pool.submit(_client_loop, url, 6) for _ in range(8)]]
        found = httpx.get(url + "/_proxy/violations").json()
    assert {s for statuses in done for s in statuses} == {200, 204}
    assert (found["exchanges"], found["broken"]) == (8 * 6 * 4, 0), found["violations"][:3]


class DueAtToTheMillisecond(Defective):
    """Keeps ``due_at`` to the millisecond: what the document leaves open beyond it."""

    async def handle(self, request: Exchange) -> Answer:
        answer = await self.forward(request)
        if request.method == "POST" and answer.status == 200:
            def rounded(post: dict[str, Any]) -> None:
                if isinstance(post.get("due_at"), float):
                    post["due_at"] = round(post["due_at"], 3)
            answer.edit_posts(rounded)
        return answer


def test_due_at_kept_to_the_millisecond_only_is_a_deviation() -> None:
    with serve_asgi(DueAtToTheMillisecond()) as upstream, serve_asgi(
            create_proxy(upstream)) as url:
        answer = httpx.post(url + LIST, headers=AUTH, json={
            "facebook_page": PAGE, "asset": ASSET, "due_at": 1769132000.123456})
        found = httpx.get(url + "/_proxy/violations").json()
    assert answer.json()["data"]["due_at"] == 1769132000.123
    assert answer.headers["x-contract-violations"] == "1"
    assert (found["failures"], found["deviations"]) == (0, 1)
    assert found["violations"][0]["check"] == "create_echoes_the_request"


def test_created_by_is_checked_only_for_tokens_whose_user_is_known() -> None:
    with serve_asgi(create_app(Settings(db_path=None))) as mock, serve_asgi(
            create_proxy(mock, callers={TOKEN: str(uuid.uuid4())})) as url:
        httpx.post(url + LIST, headers={"Authorization": "Bearer agent-token"}, json={
            "facebook_page": PAGE, "asset": ASSET})
        assert httpx.get(url + "/_proxy/violations").json()["broken"] == 0
        httpx.post(url + LIST, headers=AUTH, json={"facebook_page": PAGE, "asset": ASSET})
        found = httpx.get(url + "/_proxy/violations").json()["violations"]
    assert [v["check"] for v in found] == ["created_by_is_the_caller"]
    assert USER in found[0]["message"]
