"""Results the report tests render: a failed check with everything a finding records, and a
deviation from the mock's choice."""

from __future__ import annotations

from socialpost.conformance.results import Deviation, Finding, Result

UNKNOWN_BRAND = Deviation(
    decision="an unknown brand", mock="403", target="404",
    curl="curl -X GET 'http://127.0.0.1:8080/brands/x/social-posts'",
    response='404 application/json {"http": 404, "message": "Not found"}',
)


def broken_limit_check() -> Result:
    """A layer-3 check that failed (it names no operation), with what was sent and got."""
    broken = Result(layer=3, name="limit_caps_the_page",
                    behaviour="`limit=k` returns at most k posts (exactly k when more match).")
    broken.fail(Finding(
        message="limit=1 returned 17 post(s) while 17 match",
        curl="curl -X GET -H \"Authorization: Bearer ${TOKEN}\" 'http://127.0.0.1:8080/x?limit=1'",
        response='200 application/json {"code": "OK", "data": [...]}',
        contract="Largest number of rows to return.",
    ))
    return broken
