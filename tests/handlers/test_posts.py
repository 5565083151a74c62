"""Pages of rendered posts: the same posts as rendering each row, rendered once across pages."""

from __future__ import annotations

import copy

import pytest

from socialpost.server.handlers.posts import Renderer, Shown, ordered
from socialpost.server.store import Row
from socialpost.server.store.tiny import TinyStore
from tests.conftest import FIXTURES

ALL = ["social_post.template_instance", "social_post.asset", "social_post.owner"]
NOW = 1769132000.0


@pytest.fixture
def store() -> TinyStore:
    store = TinyStore(None)
    store.load(copy.deepcopy(FIXTURES))
    return store


def rows_of(store: TinyStore, order: str = "created_at") -> list[Row]:
    rows = [store.post(p["id"]) for p in FIXTURES["social_posts"]]
    return ordered([row for row in rows if row is not None], order)


def test_a_window_shows_what_rendering_each_row_shows(store: TinyStore) -> None:
    rows = rows_of(store)
    fresh = Renderer(store, ALL, NOW)

    shown = Renderer(store, ALL, NOW, Shown()).window(rows, 1, 4)

    assert shown == [fresh.post(row) for row in rows[1:4]]
    assert fresh.window(rows, 1, 4) == shown  # a renderer remembering nothing across answers


def test_overlapping_windows_of_one_list_show_the_same_rendered_posts(store: TinyStore) -> None:
    rows, remembered = rows_of(store), Shown()
    first = Renderer(store, ALL, NOW, remembered).window(rows, 0, 3)

    second = Renderer(store, ALL, NOW, remembered).window(rows, 1, 4)

    assert second[0] is first[1] and second[1] is first[2]
    assert remembered.count == 4  # each post rendered once


def test_another_order_of_the_same_rows_shares_what_was_rendered(store: TinyStore) -> None:
    remembered, every = Shown(), len(FIXTURES["social_posts"])
    by_creation = Renderer(store, ALL, NOW, remembered).window(rows_of(store), 0, every)

    by_due = Renderer(store, ALL, NOW, remembered).window(rows_of(store, "-due_at"), 0, every)

    assert {id(post) for post in by_due} == {id(post) for post in by_creation}
    assert remembered.count == len(by_creation)


def test_other_associations_are_rendered_apart(store: TinyStore) -> None:
    rows, remembered = rows_of(store), Shown()
    full = Renderer(store, ALL, NOW, remembered).window(rows, 0, 2)

    bare = Renderer(store, [], NOW, remembered).window(rows, 0, 2)

    assert "asset" in full[0] and "asset" not in bare[0]


def test_only_the_lists_used_last_keep_an_aligned_list(store: TinyStore) -> None:
    remembered, flags = Shown(), (True, False, True, True)
    lists = [rows_of(store) for _ in range(Shown.ALIGNED + 1)]
    aligned = [remembered.aligned(flags, rows) for rows in lists]

    assert remembered.aligned(flags, lists[-1]) is aligned[-1]
    assert remembered.aligned(flags, lists[0]) is not aligned[0], "the oldest was forgotten"


def test_windows_filled_in_any_order_each_show_their_own_rows(store: TinyStore) -> None:
    rows, remembered = rows_of(store), Shown()
    fresh = Renderer(store, ALL, NOW)

    for start, stop in [(3, 6), (1, 4), (0, 2), (2, 7), (0, 7)]:
        shown = Renderer(store, ALL, NOW, remembered).window(rows, start, stop)
        assert shown == [fresh.post(row) for row in rows[start:stop]], (start, stop)
