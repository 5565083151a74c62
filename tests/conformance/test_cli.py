"""``socialpost conform`` end to end, against live mocks served on local ports."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from tests.conformance.conftest import BRAND, Recording, brand_posts, conform
from tests.github_annotations import parse

AGENT = "3cfa9133-2bfb-44a2-8866-dd912821db71"
AGENT_INSTANCE = "b3caf930-9cc3-4ab6-806a-396b24d872c3"
AGENT_ASSET = "28fe0d97-ff8a-4f59-8ce3-c49f27654b4c"


def test_full_run_against_a_fresh_mock_conforms_and_leaves_the_brand_as_it_was(
    live_mock: str,
) -> None:
    # Given
    before = brand_posts(live_mock)
    # When
    ran = conform("--base-url", live_mock, "--token", "test-token", "--seed", "7")
    # Then
    assert ran.exit_code == 0, ran.output
    assert "conforms" in ran.output
    for layer in ("layer 1", "layer 2", "layer 3", "layer 4"):
        assert f"{layer} · " in ran.output
    assert "Schemathesis stateful" in ran.output
    assert brand_posts(live_mock) == before


def test_quick_run_through_a_transparent_proxy_conforms(proxied_mock: str) -> None:
    ran = conform("--base-url", proxied_mock, "--token", "test-token", "--quick", "--seed", "3")
    assert ran.exit_code == 0, ran.output
    assert "publishing layer runs" in ran.output


def test_quick_run_leaves_no_post_behind(live_mock: str) -> None:
    before = brand_posts(live_mock)
    ran = conform("--base-url", live_mock, "--token", "test-token", "--quick", "--seed", "5")
    assert ran.exit_code == 0, ran.output
    assert brand_posts(live_mock) == before
    assert "COULD NOT DELETE" not in ran.output


def test_unreachable_base_url_exits_2() -> None:
    ran = conform("--base-url", "http://127.0.0.1:9", "--token", "test-token", "--quick")
    assert ran.exit_code == 2
    assert "cannot run" in ran.output


@pytest.mark.parametrize("url", ["127.0.0.1:8080", "ftp://example.org", "http://"])
def test_base_url_that_is_not_http_exits_2(url: str) -> None:
    assert conform("--base-url", url).exit_code == 2


def test_bad_option_exits_2(live_mock: str) -> None:
    assert conform("--base-url", live_mock, "--seed", "minus one").exit_code == 2


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("missing.toml", None),
        ("broken.toml", "brand = ["),
        ("broken.yaml", "brand: [unclosed"),
        ("typo.toml", 'brnad = "b3ad887b-a14e-4bff-b618-a2edb675d19b"\n'),
        ("not-uuid.yaml", "brand: acme\n"),
        ("list.yaml", "- brand\n"),
        ("unknown-token.toml", 'token = "somebody-elses-token"\n'),
    ],
)
def test_bad_profile_exits_2(live_mock: str, tmp_path: Path, name: str, text: str | None) -> None:
    path = tmp_path / name
    if text is not None:
        path.write_text(text)
    ran = conform("--base-url", live_mock, "--profile", str(path), "--quick")
    assert ran.exit_code == 2, ran.output
    assert "profile" in ran.output


def test_read_only_run_sends_no_write(recorded_mock: tuple[str, Recording]) -> None:
    base_url, recording = recorded_mock
    before = brand_posts(base_url)
    ran = conform("--base-url", base_url, "--token", "test-token", "--read-only", "--quick")
    assert ran.exit_code == 0, ran.output
    assert recording.writes() == []
    assert brand_posts(base_url) == before
    assert "SKIP  create_answers_200_with_the_post (--read-only" in ran.output


def test_junit_xml_is_written_and_parses(live_mock: str, tmp_path: Path) -> None:
    report = tmp_path / "reports" / "conform.xml"
    ran = conform("--base-url", live_mock, "--quick", "--junit-xml", str(report), "--seed", "1")
    assert ran.exit_code == 0, ran.output
    root = ET.parse(report).getroot()
    suites = root.findall("testsuite")
    assert [s.get("name", "")[:7] for s in suites] == ["layer 1", "layer 2", "layer 3", "layer 4"]
    names = {case.get("name") for case in root.iter("testcase")}
    assert {"limit_caps_the_page", "response_schema_conformance"} <= names
    assert not list(root.iter("failure"))


def test_profile_values_are_used(recorded_mock: tuple[str, Recording], tmp_path: Path) -> None:
    # Given: a profile for the agent's token, naming the agent's own instance and asset
    base_url, recording = recorded_mock
    profile = tmp_path / "agent.yaml"
    profile.write_text(
        f"token: agent-token\nuser: {AGENT}\nbrand: {BRAND}\n"
        f"template_instance: {AGENT_INSTANCE}\nasset: {AGENT_ASSET}\n"
    )
    # When
    ran = conform("--base-url", base_url, "--profile", str(profile), "--quick", "--seed", "2")
    # Then: every API request carried the agent's token, and creates used its ids
    assert ran.exit_code == 0, ran.output
    assert f"user={AGENT} (profile)" in ran.output
    api = [r for r in recording.requests if r[1].startswith(f"/brands/{BRAND}/")]
    assert {"Bearer agent-token"} <= {r[2] for r in api}
    assert "Bearer test-token" not in {r[2] for r in api}
    created = [json.loads(r[3]) for r in recording.writes() if b"[socialpost-conform" in r[3]]
    sources = {c.get("template_instance") for c in created} | {c.get("asset") for c in created}
    assert {AGENT_INSTANCE, AGENT_ASSET} <= sources
    assert "8e6b780b-ae31-4277-bdbd-42f0663ac8ff" not in sources


def wrong_user_profile(tmp_path: Path) -> Path:
    """The agent's token, but the profile claims the document's user: created_by gives it away."""
    profile = tmp_path / "wrong-user.toml"
    profile.write_text('token = "agent-token"\nuser = "80a227b2-29a0-11e7-b636-e4a7a08e15d4"\n')
    return profile


def test_profile_naming_another_user_is_caught(live_mock: str, tmp_path: Path) -> None:
    profile = wrong_user_profile(tmp_path)
    ran = conform("--base-url", live_mock, "--profile", str(profile), "--quick", "--seed", "4")
    assert ran.exit_code == 1
    assert "created_by_is_the_authenticated_user" in ran.output
    assert "::error" not in ran.output  # annotations only when asked for


def test_github_format_annotates_each_failure_after_the_text_report(
    live_mock: str, tmp_path: Path
) -> None:
    # When
    ran = conform("--base-url", live_mock, "--profile", str(wrong_user_profile(tmp_path)),
                  "--quick", "--seed", "4", "--format", "github",
                  "--junit-xml", str(tmp_path / "conform.xml"))
    # Then: the text report as always, then an error annotation per failure, then the JUnit XML
    assert ran.exit_code == 1
    lines = ran.output.splitlines()
    commands = [i for i, line in enumerate(lines) if line.startswith("::")]
    assert commands, ran.output
    verdict = re.match(r"(\d+) non-conformance\(s\) found · ", lines[commands[0] - 1])
    assert verdict, lines[commands[0] - 1]
    annotations = [parse(lines[i]) for i in commands]
    assert {a.level for a in annotations} == {"error"}
    assert len(annotations) >= int(verdict[1])  # one per finding of each failed check
    title = "socialpost conform: created_by_is_the_authenticated_user"
    created_by = [a for a in annotations if a.properties["title"] == title]
    assert len(created_by) == 1 and "\nfound: " in created_by[0].message
    assert lines[commands[-1] + 1] == f"JUnit XML: {tmp_path / 'conform.xml'}"
