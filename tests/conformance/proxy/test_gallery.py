"""The defects gallery behind the proxy: each defect a passive check can see is reported by name,
from a client's ordinary session (``session.browse``): by the contract's statuses and schemas,
or by the semantic checks (an answer against its request, or against an earlier answer)."""

from __future__ import annotations

import httpx
import pytest

from socialpost.conformance.proxy.app import create_proxy
from tests.conformance.defects import DEFECTS, Defect
from tests.conformance.proxy.session import TOKEN, browse
from tests.conftest import USER
from tests.live import serve_asgi

# Defect -> the check that sees it passively (the rest need conform's requests to show).
SEEN = {
    "stats_counts_as_numbers": "stats_counts_are_decimal_strings",
    "create_answers_201": "status_code_conformance",
    "delete_answers_200_with_body": "status_code_conformance",
    "unknown_post_answers_500": "status_code_conformance",
    "errors_as_text_plain": "content_type_conformance",
    "errors_without_message": "response_schema_conformance",
    "type_misspelt": "response_schema_conformance",
    "timestamps_as_iso_strings": "response_schema_conformance",
    "nulls_omitted": "response_schema_conformance",
    "created_by_is_brand": "created_by_is_the_caller",
    "due_at_whole_seconds": "create_echoes_the_request",
    "update_clears_unsent_due_at": "update_applies_exactly_what_was_sent",
    "update_caption_not_saved": "same_post_read_twice_is_the_same",
    "count_is_total": "info_count_matches_the_page",
    "limit_ignored": "info_count_matches_the_page",
    "delete_not_persisted": "deleted_post_stays_deleted",
    "update_of_deleted_post_succeeds": "deleted_post_stays_deleted",
    "update_writes_every_post_of_the_author": "same_post_read_twice_is_the_same",
    "caption_whitespace_trimmed": "create_echoes_the_request",
    "caption_astral_replaced": "create_echoes_the_request",
    "caption_format_characters_stripped": "create_echoes_the_request",
    "caption_truncated": "update_applies_exactly_what_was_sent",
    "caption_html_escaped": "create_echoes_the_request",
    "caption_nfc_normalized": "create_echoes_the_request",
    "caption_crlf_normalized": "create_echoes_the_request",
    "empty_caption_becomes_null": "update_applies_exactly_what_was_sent",
    "due_at_clamped_at_2038": "create_echoes_the_request",
}
GALLERY = [d for d in DEFECTS if d.name in SEEN]


def test_every_named_defect_is_in_the_gallery() -> None:
    assert sorted(d.name for d in GALLERY) == sorted(SEEN)


@pytest.mark.parametrize("defect", GALLERY, ids=[d.name for d in GALLERY])
def test_the_proxy_names_the_defect(defect: Defect) -> None:
    with serve_asgi(defect.build()) as upstream, serve_asgi(
            create_proxy(upstream, callers={TOKEN: USER})) as url:
        with httpx.Client(base_url=url) as client:
            seen = browse(client)
            found = client.get("/_proxy/violations").json()
    failures = {v["check"] for v in found["violations"] if v["kind"] == "failure"}
    assert SEEN[defect.name] in failures, found
    # Only answers are to blame: every request of the session is one the contract allows.
    assert {v["side"] for v in found["violations"]} == {"response"}
    flagged = sum(1 for answer in seen.values() if "x-contract-violations" in answer.headers)
    assert flagged == found["broken"] >= 1
