"""A target profile: the token and the ids the suite may use on one server.

A real server needs a profile (TOML or YAML) naming its brand, a page that publishes, a template
instance and an asset. Every value the profile leaves out defaults from the bundled fixtures
(``fixtures/social-posts.json``), read for the profile's token: against our mock, a token alone
is enough. Checks read ids only from here, never from literals.
"""

from __future__ import annotations

import json
import os
import tomllib
import uuid
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

import yaml

from ...server import paths

DEFAULT_TOKEN = "test-token"
CONTROL_TOKEN_ENV = "SOCIALPOST_CONTROL_TOKEN"


class ProfileError(Exception):
    """The profile cannot be read or is incomplete: the suite cannot run (exit 2)."""


@dataclass(frozen=True)
class Profile:
    """What the suite knows about its target. Optional ids switch the checks that need them on."""

    token: str
    brand: str
    facebook_page: str
    template_instance: str
    asset: str
    # The token's user: created posts must carry it as `created_by`.
    user: str | None = None
    # The medium of the template instance's template (for `mediums`); optional.
    template_medium: str | None = None
    # A template instance whose template is a video (for the `video` filter); optional.
    video_template_instance: str | None = None
    # A brand the token cannot reach (403 expected); optional.
    foreign_brand: str | None = None
    # Another brand's page, template instance and asset: creates naming them answer 404;
    # optional.
    foreign_facebook_page: str | None = None
    foreign_template_instance: str | None = None
    foreign_asset: str | None = None
    # Another brand's post: through this brand's path it answers 404. Only tried on the mock
    # (a defective real server would change it); optional.
    foreign_post: str | None = None
    # A page of the brand whose posts fail, and its message (publishing layer); optional.
    failing_page: str | None = None
    failing_page_message: str | None = None
    # An executed post of the brand: an update must answer 409 (sent unchanged values); optional.
    executed_post: str | None = None
    # The mock's --control-token, when the suite does not run on the mock's machine; optional.
    control_token: str | None = None
    # Another member's token (not the token's user): deleting our post must be refused to it.
    member_token: str | None = None
    # Publishing on a server without the control API (opt-in): the page posts are published to
    # (default facebook_page) and how long to wait, in seconds, for the server's own job.
    publish_page: str | None = None
    publish_wait: float | None = None
    # Where each value came from ("profile", "option" or "fixtures"), for the run's header.
    sources: tuple[tuple[str, str], ...] = ()

    def source_of(self, name: str) -> str:
        return dict(self.sources).get(name, "fixtures")


_UUID_FIELDS = (
    "brand", "facebook_page", "template_instance", "asset", "user", "video_template_instance",
    "foreign_brand", "foreign_facebook_page", "foreign_template_instance", "foreign_asset",
    "foreign_post", "failing_page", "executed_post", "publish_page",
)
_NUMBERS = ("publish_wait",)
_KNOWN = {f.name for f in fields(Profile)} - {"sources"}
REQUIRED = ("brand", "facebook_page", "template_instance", "asset")
MEDIUMS = ("Email", "Social", "CrmOpenHouse", "FacebookCover", "InstagramStory", "LinkedInCover",
           "Letter", "Website", "RealtorCover", "YouTubeCover", "TwitterCover")


def read_profile_file(path: Path) -> dict[str, Any]:
    """The profile file's values: TOML for ``.toml``, YAML otherwise."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ProfileError(f"cannot read profile {path}: {exc.strerror or exc}") from exc
    try:
        data = tomllib.loads(text) if path.suffix == ".toml" else yaml.safe_load(text)
    except (tomllib.TOMLDecodeError, yaml.YAMLError) as exc:
        raise ProfileError(f"profile {path} is not valid {_format_of(path)}: {exc}") from exc
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ProfileError(f"profile {path} must be a mapping of names to values")
    unknown = sorted(set(data) - _KNOWN)
    if unknown:
        raise ProfileError(
            f"profile {path}: unknown key(s) {', '.join(unknown)}; "
            f"known keys: {', '.join(sorted(_KNOWN))}"
        )
    for key, value in data.items():
        if key in _NUMBERS:
            data[key] = _seconds(path, key, value)
        elif value is not None and not isinstance(value, str):
            raise ProfileError(f"profile {path}: '{key}' must be a string")
    return {k: v for k, v in data.items() if v is not None}


def _seconds(path: Path, key: str, value: Any) -> float | None:
    """A positive number of seconds (a number or a numeric string)."""
    if value is None:
        return None
    try:
        seconds = float(value) if not isinstance(value, bool) else float("nan")
    except (TypeError, ValueError):
        seconds = float("nan")
    if not 0 < seconds <= 3600:
        raise ProfileError(f"profile {path}: '{key}' must be a number of seconds (0 to 3600), "
                           f"not {value!r}")
    return seconds


def _format_of(path: Path) -> str:
    return "TOML" if path.suffix == ".toml" else "YAML"


def load_profile(
    path: Path | None = None,
    token: str | None = None,
    fixtures_path: Path = paths.FIXTURES_PATH,
) -> Profile:
    """The profile from ``path`` (if any) and ``token``, completed from the fixtures."""
    given = read_profile_file(path) if path is not None else {}
    sources = {key: "profile" for key in given}
    if token is not None:
        given["token"] = token
        sources["token"] = "option"
    given.setdefault("token", DEFAULT_TOKEN)
    values = {**fixture_defaults(given["token"], given.get("brand"), fixtures_path), **given}
    if "template_medium" not in values:
        medium = _fixture_medium(values.get("template_instance"), fixtures_path)
        if medium is not None:
            values["template_medium"] = medium
    if "control_token" not in values and os.environ.get(CONTROL_TOKEN_ENV):
        values["control_token"] = os.environ[CONTROL_TOKEN_ENV]
    for name in _UUID_FIELDS:
        value = values.get(name)
        if value is not None and not _is_uuid(value):
            raise ProfileError(f"profile value '{name}' is not a UUID: {value!r}")
    if values.get("template_medium") not in (None, *MEDIUMS):
        raise ProfileError(f"profile value 'template_medium' is not one of {', '.join(MEDIUMS)}")
    missing = [name for name in REQUIRED if not values.get(name)]
    if missing:
        raise ProfileError(
            f"the profile must name {', '.join(missing)}: the bundled fixtures have no default "
            f"for token {given['token']!r}"
        )
    profile = Profile(**values)
    return replace(profile, sources=tuple(sorted(sources.items())))


def _is_uuid(value: str) -> bool:
    try:
        uuid.UUID(value)
    except ValueError:
        return False
    return True


def fixture_defaults(token: str, brand: str | None, fixtures_path: Path) -> dict[str, str]:
    """Defaults for ``token`` from the fixtures: its user's brand and that brand's ids."""
    try:
        fixtures = json.loads(fixtures_path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    user = fixtures.get("tokens", {}).get(token)
    brands = fixtures.get("brands", [])
    if brand is None:
        brand = next((b["id"] for b in brands if user in b.get("members", [])), None)
    if brand is None:
        return {}
    templates = {t["id"]: t for t in fixtures.get("templates", [])}

    def first(kind: str, **match: Any) -> dict[str, Any] | None:
        for record in fixtures.get(kind, []):
            if record.get("brand") == brand and all(record.get(k) == v for k, v in match.items()):
                return dict(record)
        return None

    def instance(video: bool) -> str | None:
        for record in fixtures.get("template_instances", []):
            template = templates.get(record.get("template"), {})
            if record.get("brand") == brand and bool(template.get("video")) is video:
                return str(record["id"])
        return None


    page = first("facebook_pages", failure=None)
    failing = next(
        (p for p in fixtures.get("facebook_pages", []) if p.get("brand") == brand and p["failure"]),
        None,
    )
    asset = first("brand_assets")
    executed = next(
        (
            p for p in fixtures.get("social_posts", [])
            if p.get("brand") == brand and p.get("executed_at") is not None
            and p.get("deleted_at") is None
        ),
        None,
    )
    foreign = next((b["id"] for b in brands if user is not None and user not in b["members"]), None)

    def foreign_first(kind: str) -> str | None:
        return next((str(r["id"]) for r in fixtures.get(kind, []) if r.get("brand") == foreign
                     and foreign is not None and r.get("deleted_at") is None), None)
    defaults = {
        "brand": brand,
        "user": user,
        "facebook_page": page and page["id"],
        "template_instance": instance(video=False) or instance(video=True),
        "video_template_instance": instance(video=True),
        "asset": asset and asset["id"],
        "foreign_brand": foreign,
        "foreign_facebook_page": foreign_first("facebook_pages"),
        "foreign_template_instance": foreign_first("template_instances"),
        "foreign_asset": foreign_first("brand_assets"),
        "foreign_post": foreign_first("social_posts"),
        "failing_page": failing and failing["id"],
        "failing_page_message": failing and failing["failure"],
        "executed_post": executed and executed["id"],
        "member_token": next(
            (t for t, u in fixtures.get("tokens", {}).items()
             if u != user and any(b["id"] == brand and u in b.get("members", []) for b in brands)),
            None,
        ),
    }
    return {k: str(v) for k, v in defaults.items() if v}


def _fixture_medium(instance_id: str | None, fixtures_path: Path) -> str | None:
    """The medium of a fixture template instance's template, if the fixtures have it."""
    try:
        fixtures = json.loads(fixtures_path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    templates = {t["id"]: t for t in fixtures.get("templates", [])}
    for record in fixtures.get("template_instances", []):
        if record.get("id") == instance_id:
            medium = templates.get(record.get("template"), {}).get("medium")
            return str(medium) if medium else None
    return None
