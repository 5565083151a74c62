"""A session's fault rules, counted exactly under concurrency."""

from __future__ import annotations

import random
from concurrent.futures import ThreadPoolExecutor

from socialpost.server.faults.rules import Effect, FaultRules, Incoming, Match, json_equal

CREATE = Incoming("createSocialPost", "POST", "/brands/b/social-posts", {"caption": "x"})


def test_a_limited_rule_fires_exactly_its_times_under_concurrent_requests() -> None:
    rules = FaultRules()
    rule = rules.add(Match(operation="createSocialPost"), Effect(status=503), times=5)

    with ThreadPoolExecutor(max_workers=8) as pool:
        fired = list(pool.map(lambda _: rules.fire(CREATE, random.Random()), range(400)))

    assert sum(f is not None for f in fired) == 5
    assert rules.get(rule["id"]) == {**rule, "matched": 5, "fired": 5, "remaining": 0}


def test_a_spent_rule_no_longer_counts_requests() -> None:
    rules = FaultRules()
    rule = rules.add(Match(), Effect(status=500), times=1)

    assert rules.fire(CREATE, random.Random()) is not None
    assert rules.fire(CREATE, random.Random()) is None
    assert rules.get(rule["id"]) == {**rule, "matched": 1, "fired": 1, "remaining": 0}


def test_ids_are_never_reused() -> None:
    rules = FaultRules()
    first = rules.add(Match(), Effect(status=500))["id"]
    rules.clear()

    assert rules.add(Match(), Effect(status=500))["id"] != first


def test_a_body_rule_needs_the_body_only_when_the_rest_matches() -> None:
    rules = FaultRules()
    rules.add(Match(operation="createSocialPost", body={"caption": "x"}), Effect(status=500))

    assert rules.needs_body(Incoming("createSocialPost", "POST", "/p"))
    assert not rules.needs_body(Incoming("listSocialPosts", "GET", "/p"))


def test_json_values_compare_as_json() -> None:
    assert json_equal(1, 1.0)
    assert not json_equal(True, 1)
    assert not json_equal("1", 1)
    assert json_equal({"a": [1, None]}, {"a": [1.0, None]})
    assert not json_equal({"a": [True]}, {"a": [1]})
