"""Every gallery pair reports exactly its expected rules, at their levels, at real places."""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest

from socialpost.server.spec.diff import RULES, Change, Spec, diff_specs, load_spec
from socialpost.server.spec.source import pointer_tokens
from tests.diff.gallery import TODAY, Pair, pairs

PAIRS = pairs()


@pytest.mark.parametrize("case", PAIRS, ids=[case.name for case in PAIRS])
def test_gallery_pair_reports_its_expected_changes(case: Pair) -> None:
    base, head = load_spec(case.base), load_spec(case.head)

    changes = diff_specs(base, head, today=TODAY)

    assert sorted((change.rule, change.level.name) for change in changes) == case.expected(), [
        f"{change.level.name} {change.rule}: {change.message}" for change in changes
    ]
    for change in changes:
        spec = base if change.side == "base" else head
        assert _node_exists(spec, change), change
        assert 1 <= change.line <= len(spec.source.text.splitlines())


def _node_exists(spec: Spec, change: Change) -> bool:
    node: Any = spec.document
    for token in pointer_tokens(change.pointer):
        if isinstance(node, dict) and token in node:
            node = node[token]
        elif isinstance(node, list) and token.isdigit() and int(token) < len(node):
            node = node[int(token)]
        else:
            return False
    return True


def test_every_rule_of_the_catalogue_has_a_gallery_pair() -> None:
    covered = {rule for case in PAIRS for rule, _ in case.expected()}

    assert sorted(rule.id for rule in RULES if rule.id not in covered) == []


def test_gallery_expects_every_rule_at_its_default_level() -> None:
    defaults = {rule.id: rule.level.name for rule in RULES}

    wrong = [
        (case.name, rule, level)
        for case in PAIRS
        for rule, level in case.expected()
        if defaults.get(rule) != level
    ]

    assert wrong == []


def test_gallery_has_pairs_at_every_level_and_pairs_that_report_nothing() -> None:
    most_severe = Counter(
        max(case.expected(), key=lambda expected: ("INFO", "WARN", "ERR").index(expected[1]))[1]
        if case.expected()
        else "nothing"
        for case in PAIRS
    )

    assert len(PAIRS) >= 60
    assert min(most_severe[level] for level in ("ERR", "WARN", "INFO")) >= 8
    assert most_severe["nothing"] >= 10


def test_rule_ids_are_unique_kebab_case() -> None:
    ids = [rule.id for rule in RULES]

    assert len(ids) == len(set(ids))
    assert all(rule.replace("-", "").isalpha() and rule == rule.lower() for rule in ids)
