"""``proxy --record`` and ``scenario from-recording``: a client's session through the proxy
becomes a scenario the mock serves, and the recorded list answers come back the same."""

from __future__ import annotations

import json
import uuid
from pathlib import Path
from typing import Any

import httpx
from click.testing import CliRunner

from socialpost.conformance.proxy.app import create_proxy
from socialpost.server.app import create_app
from socialpost.server.cli import main
from socialpost.server.config import Settings
from socialpost.server.paths import SCENARIOS_DIR
from tests.conformance.proxy.session import ALL, ASSET, AUTH, LIST, PAGE, TOKEN
from tests.conftest import TEMPLATE_INSTANCE, USER
from tests.live import serve_asgi

NESTED = f"{ALL},template_instance.template"
LISTS: list[dict[str, Any]] = [
    {"status": "any", "limit": 100, "associations": NESTED},
    {"status": "any", "limit": 100, "associations": ALL},
    {},
    {"status": "scheduled", "order": "-due_at", "start": 1, "limit": 3,
     "associations": "social_post.asset"},
]


def _session(url: str) -> None:
    """Lists, a create, an update, a delete, then the lists again."""
    with httpx.Client(base_url=url, headers=AUTH) as client:
        client.get(LIST, params={"status": "any", "associations": NESTED})
        created = client.post(LIST, json={"facebook_page": PAGE, "asset": ASSET,
                                          "due_at": 1769140000.25, "caption": "recorded"})
        other = client.post(LIST, json={"facebook_page": PAGE,
                                        "template_instance": TEMPLATE_INSTANCE})
        client.put(f"{LIST}/{created.json()['data']['id']}", json={"caption": "updated"})
        client.delete(f"{LIST}/{other.json()['data']['id']}")
        for params in LISTS:
            client.get(LIST, params=params)


def _recorded_lists(directory: Path) -> list[dict[str, Any]]:
    lines = [json.loads(line) for line in (directory / "exchanges.jsonl").read_text().splitlines()]
    last_write = max(i for i, x in enumerate(lines) if x["method"] != "GET")
    return [x for x in lines[last_write + 1:] if x["operation"] == "listSocialPosts"]


def test_a_recorded_session_replays_on_the_mock(tmp_path: Path) -> None:
    recording = tmp_path / "recording"
    with serve_asgi(create_app(Settings(db_path=None))) as mock, serve_asgi(
            create_proxy(mock, record=recording)) as url:
        _session(url)
    text = (recording / "exchanges.jsonl").read_text()
    assert len(text.splitlines()) == 5 + len(LISTS)
    assert TOKEN not in text and "Bearer test…" in text  # masked as it was written

    made = tmp_path / "scenario.json"
    result = CliRunner().invoke(main, ["scenario", "from-recording", str(recording),
                                       "--output", str(made)])
    assert result.exit_code == 0, result.output
    scenario = json.loads(made.read_text())
    assert scenario["tokens"] == {"test-token": USER}
    assert {p["caption"] for p in scenario["social_posts"]} >= {"updated"}
    assert "recorded" not in {p["caption"] for p in scenario["social_posts"]}

    replayed = _recorded_lists(recording)
    assert len(replayed) == len(LISTS)
    with serve_asgi(create_app(Settings(db_path=None, scenario=str(made)))) as served:
        for exchange in replayed:
            query = f"?{exchange['query']}" if exchange["query"] else ""
            answer = httpx.get(served + exchange["path"] + query, headers=AUTH)
            assert answer.status_code == exchange["status"]
            assert answer.json() == json.loads(exchange["response_body"]), exchange["query"]
    # Saved among the scenarios, a running mock is reset to it by name.
    name = f"recorded-{uuid.uuid4().hex[:8]}"
    saved = SCENARIOS_DIR / f"{name}.json"
    try:
        saved.write_text(made.read_text())
        with serve_asgi(create_app(Settings(db_path=None))) as running:
            assert httpx.post(running + "/_mock/reset", json={"scenario": name}).is_success
            first = replayed[0]
            answer = httpx.get(f"{running}{first['path']}?{first['query']}", headers=AUTH)
            assert answer.json() == json.loads(first["response_body"])
    finally:
        saved.unlink(missing_ok=True)


def test_what_no_answer_showed_is_made_up_and_said(tmp_path: Path) -> None:
    recording = tmp_path / "recording"
    with serve_asgi(create_app(Settings(db_path=None))) as mock, serve_asgi(
            create_proxy(mock, record=recording)) as url:
        shown = httpx.get(url + LIST, params={"status": "any", "limit": 3}, headers=AUTH)
    result = CliRunner().invoke(main, ["scenario", "from-recording", str(recording),
                                       "--token", f"staging-token={USER}"])
    assert result.exit_code == 0, result.output
    scenario = json.loads(result.stdout)
    assert scenario["tokens"] == {"staging-token": USER}
    posts = scenario["social_posts"]
    assert [p["id"] for p in posts] == [p["id"] for p in shown.json()["data"]]
    # Never shown with their associations: none (the medium unknown).
    assert {(p["template_instance"], p["asset"]) for p in posts} == {(None, None)}
    assert scenario["facebook_pages"][0]["name"] == "Recorded page"
    assert "3 posts" in scenario["description"]
    with serve_asgi(create_app(Settings(db_path=None, scenario=str(_write(tmp_path,
                                                                          scenario))))) as served:
        again = httpx.get(served + LIST, params={"status": "any", "limit": 3},
                          headers={"Authorization": "Bearer staging-token"})
    # The posts it showed, the same; the scenario knows only them (info.total counts them).
    assert again.json()["data"] == shown.json()["data"]
    assert again.json()["info"] == {"count": 3, "total": 3}


def _write(tmp_path: Path, scenario: dict[str, Any]) -> Path:
    path = tmp_path / "made.json"
    path.write_text(json.dumps(scenario))
    return path


def test_a_directory_without_a_recording_is_refused(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["scenario", "from-recording", str(tmp_path)])
    assert result.exit_code == 2
    assert "exchanges.jsonl" in result.output
    bad = CliRunner().invoke(main, ["scenario", "from-recording", str(tmp_path), "--token", "x"])
    assert bad.exit_code == 2 and "TOKEN=USER_ID" in bad.output
