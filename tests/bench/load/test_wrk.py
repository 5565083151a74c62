"""Reading wrk's output, the Lua scripts that vary its list request, and a counted run."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest

from bench.load.queries import SEQ_UNIQUE, Variation
from bench.load.wrk import counted, parse_wrk, run_wrk
from tests.live import serve_asgi
from tests.tooling import wrk

WRK_OUTPUT = """\
Running 10s test @ http://127.0.0.1:8080/brands/b/social-posts
  1 threads and 32 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     3.61ms  812.00us  21.20ms   90.00%
    Req/Sec     8.93k   410.00     9.50k    71.00%
  Latency Distribution
     50%    3.50ms
     75%    3.90ms
     90%    4.50ms
     99%    7.13ms
  88900 requests in 10.00s, 10.3GB read
  Socket errors: connect 0, read 1, write 0, timeout 2
  Non-2xx or 3xx responses: 4
Requests/sec:   8889.95
Transfer/sec:      1.03GB
"""


def test_wrk_output_becomes_a_load() -> None:
    load = parse_wrk(WRK_OUTPUT)

    assert (load.tool, load.requests, load.seconds, load.rps) == ("wrk", 88900, 10.0, 8889.95)
    assert (load.p50_ms, load.p99_ms, load.non_2xx, load.errors) == (3.5, 7.13, 4, 3)


def test_wrk_latencies_in_microseconds_and_seconds() -> None:
    output = WRK_OUTPUT.replace("3.50ms", "950us").replace("7.13ms", "1.20s")

    load = parse_wrk(output)

    assert load.p50_ms == pytest.approx(0.95)
    assert load.p99_ms == pytest.approx(1200.0)


def test_output_without_a_rate_is_refused() -> None:
    with pytest.raises(ValueError, match="could not read wrk's output"):
        parse_wrk("unable to connect to 127.0.0.1:8080 Connection refused")


def test_unique_queries_never_repeat_a_url_within_their_span() -> None:
    unique = Variation("unique", span=50, offset=400)

    paths = [unique.path("/list?limit=50", i) for i in range(unique.distinct)]

    assert len(set(paths)) == unique.distinct == 400
    assert paths[0] == "/list?limit=50&start=0&order=created_at"
    assert paths[50] == "/list?limit=50&start=0&order=-created_at"


def test_unique_queries_then_reorder_the_associations_for_more_urls() -> None:
    base = "/list?limit=50&associations=a,b,c&x=1"
    unique = Variation("unique", span=50, reorder=6)

    paths = [unique.path(base, i) for i in range(unique.distinct)]

    assert len(set(paths)) == unique.distinct == 2400
    assert paths[399] == f"{base}&start=49&order=-executed_at"
    assert paths[400] == "/list?limit=50&associations=a,c,b&x=1&start=0&order=created_at"
    assert paths[2399].startswith("/list?limit=50&associations=c,b,a&x=1&")
    script = unique.lua(base)
    assert script is not None
    assert '"/list?limit=50&associations=c,b,a&x=1"}' in script
    assert "bases[(math.floor(i / 400) % #bases) + 1]" in script


def test_more_orders_than_the_associations_have_are_refused() -> None:
    with pytest.raises(ValueError, match="fewer than 6 orders"):
        Variation("unique", reorder=6).bases("/list?associations=a,b")


def test_variations_become_lua_only_when_the_url_changes() -> None:
    assert Variation().lua("/list") is None
    assert Variation("start50").path("/list?x=1", 51) == "/list?x=1&start=1"
    script = SEQ_UNIQUE.lua("/list")
    assert script is not None
    assert 'local base = "/list"' in script
    assert "local i = 0" in script
    assert "orders[(math.floor(i / 50) % 8) + 1]" in script


def test_limits_vary_the_limit_then_the_order_from_the_offset() -> None:
    limits = Variation("limits", span=990, offset=3, low=11)

    paths = [limits.path("/list?x=1", i) for i in range(limits.distinct)]

    assert limits.uncached and not Variation("start50").uncached
    assert len(set(paths)) == limits.distinct == 7920
    assert paths[0] == "/list?x=1&limit=14&order=created_at"
    assert paths[987] == "/list?x=1&limit=11&order=-created_at"


def test_limits_become_lua_starting_at_the_offset() -> None:
    script = Variation("limits", span=990, offset=40, low=11).lua("/list")

    assert script is not None
    assert "local i = 40" in script
    assert 'base .. "&limit=" .. (11 + i % 990) .. "&order=" ' in script


def test_a_counted_run_makes_exactly_that_many_requests_one_after_another(
        tmp_path: Path) -> None:
    seen: list[str] = []
    in_flight = [0]
    most = [0]

    async def app(scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            return
        in_flight[0] += 1
        most[0] = max(most[0], in_flight[0])
        seen.append(scope["query_string"].decode())
        await asyncio.sleep(0.001)
        in_flight[0] -= 1
        await send({"type": "http.response.start", "status": 200,
                    "headers": [(b"content-type", b"text/plain")]})
        await send({"type": "http.response.body", "body": b"ok"})

    vary = Variation("unique", span=5)
    script = tmp_path / "counted.lua"
    script.write_text(counted(vary.lua("/list?a=1"), 12))
    with serve_asgi(app) as url:
        load = run_wrk(wrk(), f"{url}/list?a=1", 1, 1, script)
    assert load.requests == 12 and len(seen) == 12
    assert most[0] == 1, "one request at a time"
    # One after another through the variation (wrk may draw a first request it never sends).
    urls = [vary.path("/list?a=1", i).split("?", 1)[1] for i in range(14)]
    first = urls.index(seen[0])
    assert first <= 1 and seen == urls[first:first + 12]
