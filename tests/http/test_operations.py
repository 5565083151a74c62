"""Which operation a request is for, before routing: literal segments before variables."""

from __future__ import annotations

import pytest

from socialpost.server import paths
from socialpost.server.app import _load
from socialpost.server.http import operations
from socialpost.server.http.operations import Operations
from tests.conftest import POSTS


@pytest.fixture
def known() -> Operations:
    return Operations(_load(paths.SPEC_PATH))


@pytest.mark.parametrize(("method", "path", "operation"), [
    ("GET", POSTS, "listSocialPosts"),
    ("HEAD", POSTS, "listSocialPosts"),
    ("post", POSTS, "createSocialPost"),
    ("GET", f"{POSTS}/stats", "getSocialPostStats"),
    ("GET", f"{POSTS}/", "listSocialPosts"),
    ("PATCH", POSTS, None),
    ("GET", "/_mock/health", None),
])
def test_a_request_is_named_by_its_method_and_path(
        known: Operations, method: str, path: str, operation: str | None) -> None:
    for _ in range(2):  # the second time as remembered
        assert known.match(method, path) == operation


def test_what_is_remembered_is_bounded(known: Operations,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(operations, "MATCHED", 3)
    for n in range(10):
        assert known.match("DELETE", f"{POSTS}/{n}") == "deleteSocialPost"
    assert len(known._matched) <= 3
