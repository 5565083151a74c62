"""Layer 3: the media types of everything the target answered during the run.

These run last in their layer (``last=True``) and look back over every exchange the suite's own
checks made in layers 2 and 3 (Schemathesis checks the same for its calls in layer 1).
"""

from __future__ import annotations

from conformance.context import Context
from conformance.http import Exchange
from conformance.registry import check
from conformance.results import CheckFailure, CheckSkipped


def _api_exchanges(ctx: Context) -> list[Exchange]:
    exchanges = [e for e in ctx.client.exchanges if "/brands/" in e.url]
    if not exchanges:
        raise CheckSkipped("no API exchange was made")
    return exchanges


@check(layer=3, contract="application/json", last=True)
def success_bodies_are_json(ctx: Context) -> None:
    """Every 2xx answer with a body is `application/json` and parses as JSON."""
    for exchange in _api_exchanges(ctx):
        if not 200 <= exchange.status < 300 or not exchange.response_body:
            continue
        if exchange.media_type != "application/json":
            raise CheckFailure(
                f"a {exchange.status} answer has content-type {exchange.header('content-type')!r}"
                ", expected application/json",
                exchange=exchange,
            )
        try:
            exchange.json()
        except ValueError:
            raise CheckFailure(f"a {exchange.status} answer's body is not JSON",
                               exchange=exchange) from None


@check(
    layer=3,
    last=True,
    contract="**Errors** are `application/problem+json` (RFC 9457) objects whose `detail` names "
    "the offending field or parameter.",
)
def errors_are_problem_json(ctx: Context) -> None:
    """Every 4xx/5xx answer is an `application/problem+json` object with its title and status."""
    for exchange in _api_exchanges(ctx):
        if exchange.status < 400:
            continue
        if exchange.media_type != "application/problem+json":
            raise CheckFailure(
                f"a {exchange.status} answer has content-type {exchange.header('content-type')!r}"
                ", expected application/problem+json",
                exchange=exchange,
            )
        try:
            body = exchange.json()
        except ValueError:
            body = None
        if not isinstance(body, dict) or not isinstance(body.get("title"), str):
            raise CheckFailure(f"a {exchange.status} problem is not an object with a title",
                               exchange=exchange)
        if body.get("status") != exchange.status:
            raise CheckFailure(
                f"a {exchange.status} problem says status {body.get('status')!r}",
                exchange=exchange,
            )
