"""Profiles: read from TOML or YAML, completed from the bundled fixtures for the token."""

from __future__ import annotations

from pathlib import Path

import pytest

from socialpost.conformance.target.profile import CONTROL_TOKEN_ENV, ProfileError, load_profile

BRAND = "b3ad887b-a14e-4bff-b618-a2edb675d19b"
USER = "80a227b2-29a0-11e7-b636-e4a7a08e15d4"
AGENT = "3cfa9133-2bfb-44a2-8866-dd912821db71"
OTHER_BRAND = "4d74ae35-499f-4bff-9ffd-478c72705e64"


def test_a_token_alone_defaults_everything_from_the_fixtures() -> None:
    profile = load_profile(None, "test-token")
    assert (profile.brand, profile.user, profile.foreign_brand) == (BRAND, USER, OTHER_BRAND)
    assert profile.facebook_page == "5383b70e-bd8f-481f-a605-0664736def2d"
    assert profile.failing_page == "618ecfc2-6346-435b-b9d0-6db86744a60b"
    assert profile.failing_page_message == "Internal Server Error"
    assert profile.video_template_instance == "811baacb-5264-49cd-bbe0-acef86289b87"
    assert profile.source_of("token") == "option"
    assert profile.source_of("brand") == "fixtures"


def test_no_token_at_all_is_the_fixtures_test_token() -> None:
    assert load_profile().token == "test-token"


def test_another_fixture_token_gets_its_own_user() -> None:
    profile = load_profile(None, "agent-token")
    assert (profile.user, profile.brand) == (AGENT, BRAND)


def test_the_other_brands_token_gets_the_other_brand() -> None:
    profile = load_profile(None, "other-brand-token")
    assert profile.brand == OTHER_BRAND
    assert profile.foreign_brand == BRAND


@pytest.mark.parametrize("suffix", [".toml", ".yaml", ".yml"])
def test_profile_values_override_the_fixtures(tmp_path: Path, suffix: str) -> None:
    asset = "28fe0d97-ff8a-4f59-8ce3-c49f27654b4c"
    path = tmp_path / f"profile{suffix}"
    if suffix == ".toml":
        path.write_text(f'token = "agent-token"\nasset = "{asset}"\n')
    else:
        path.write_text(f"token: agent-token\nasset: {asset}\n")
    profile = load_profile(path)
    assert (profile.token, profile.asset, profile.user) == ("agent-token", asset, AGENT)
    assert profile.source_of("asset") == "profile"


def test_the_token_option_wins_over_the_profile(tmp_path: Path) -> None:
    path = tmp_path / "p.toml"
    path.write_text('token = "agent-token"\n')
    assert load_profile(path, "test-token").user == USER


def test_a_real_server_profile_needs_no_fixtures(tmp_path: Path) -> None:
    path = tmp_path / "staging.yaml"
    ids = {
        "brand": "00000000-0000-4000-8000-000000000001",
        "facebook_page": "00000000-0000-4000-8000-000000000002",
        "template_instance": "00000000-0000-4000-8000-000000000003",
        "asset": "00000000-0000-4000-8000-000000000004",
    }
    path.write_text("token: staging-secret\n" + "".join(f"{k}: {v}\n" for k, v in ids.items()))
    profile = load_profile(path)
    assert profile.brand == ids["brand"]
    assert profile.user is None and profile.foreign_brand is None


def test_an_unknown_token_without_ids_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ProfileError, match="must name brand"):
        load_profile(None, "nobody")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("brand = [", "not valid TOML"),
        ('colour = "red"', "unknown key"),
        ('brand = "acme"', "not a UUID"),
        ("brand = 7", "must be a string"),
        ("publish_wait = 0", "number of seconds"),
        ('publish_wait = "soon"', "number of seconds"),
        ("publish_wait = true", "number of seconds"),
    ],
)
def test_a_bad_profile_says_what_is_wrong(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(text)
    with pytest.raises(ProfileError, match=message):
        load_profile(path)


def test_a_missing_profile_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ProfileError, match="cannot read"):
        load_profile(tmp_path / "absent.yaml")


def test_the_control_token_comes_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(CONTROL_TOKEN_ENV, "s3cret")
    assert load_profile(None, "test-token").control_token == "s3cret"


@pytest.mark.parametrize(("text", "seconds"), [("publish_wait = 15", 15.0),
                                               ('publish_wait = "2.5"', 2.5)])
def test_publish_wait_is_seconds_and_publish_page_a_page(
    tmp_path: Path, text: str, seconds: float
) -> None:
    path = tmp_path / "live.toml"
    path.write_text(f'{text}\npublish_page = "{OTHER_BRAND}"\n')
    profile = load_profile(path)
    assert (profile.publish_wait, profile.publish_page) == (seconds, OTHER_BRAND)


def test_publishing_without_control_api_is_off_unless_asked() -> None:
    assert load_profile(None, "test-token").publish_wait is None


def test_another_member_of_the_brand_defaults_from_the_fixtures() -> None:
    assert load_profile(None, "test-token").member_token == "agent-token"
    assert load_profile(None, "other-brand-token").member_token is None
