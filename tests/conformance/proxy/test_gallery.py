"""The defects gallery behind the proxy: each defect the contract's schemas and statuses can see
is reported by name, from a client's ordinary session (``session.browse``)."""

from __future__ import annotations

import httpx
import pytest

from socialpost.conformance.proxy.app import create_proxy
from tests.conformance.defects import DEFECTS, Defect
from tests.conformance.proxy.session import browse
from tests.live import serve_asgi

# Defect -> the check that sees it passively (the rest need the semantic checks of conform).
SEEN = {
    "stats_counts_as_numbers": "response_schema_conformance",
    "create_answers_201": "status_code_conformance",
    "delete_answers_200_with_body": "status_code_conformance",
    "unknown_post_answers_500": "status_code_conformance",
    "errors_as_text_plain": "content_type_conformance",
    "errors_without_message": "response_schema_conformance",
    "type_misspelt": "response_schema_conformance",
    "timestamps_as_iso_strings": "response_schema_conformance",
    "nulls_omitted": "response_schema_conformance",
}
GALLERY = [d for d in DEFECTS if d.name in SEEN]


def test_every_named_defect_is_in_the_gallery() -> None:
    assert sorted(d.name for d in GALLERY) == sorted(SEEN)


@pytest.mark.parametrize("defect", GALLERY, ids=[d.name for d in GALLERY])
def test_the_proxy_names_the_defect(defect: Defect) -> None:
    with serve_asgi(defect.build()) as upstream, serve_asgi(create_proxy(upstream)) as url:
        with httpx.Client(base_url=url) as client:
            seen = browse(client)
            found = client.get("/_proxy/violations").json()
    failures = {v["check"] for v in found["violations"] if v["kind"] == "failure"}
    assert SEEN[defect.name] in failures, found
    # Only answers are to blame: every request of the session is one the contract allows.
    assert {v["side"] for v in found["violations"]} == {"response"}
    flagged = sum(1 for answer in seen.values() if "x-contract-violations" in answer.headers)
    assert flagged == found["broken"] >= 1
