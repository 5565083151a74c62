"""Layer 3: the media types of everything the target answered during the run.

These run last in their layer (``last=True``) and look back over every exchange the suite's own
checks made in layers 2 and 3 (Schemathesis checks the same for its calls in layer 1).
"""

from __future__ import annotations

from ..context import Context
from ..registry import check
from ..results import CheckFailure, CheckSkipped
from ..target.http import Exchange


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


def _error_problem(exchange: Exchange, body: object) -> str | None:
    """What is wrong with an error body of either acceptable kind (None: nothing)."""
    if not isinstance(body, dict):
        return "is not a JSON object"
    if exchange.media_type == "application/problem+json":
        if not isinstance(body.get("title"), str):
            return "is a problem without a title"
        if body.get("status") != exchange.status:
            return f"is a problem that says status {body.get('status')!r}"
        return None
    message = body.get("message")
    if not isinstance(message, str) or not message.strip():
        return "is an application/json error object without a readable `message`"
    if "http" in body and body["http"] != exchange.status:
        return f"is an error object that says http {body.get('http')!r}"
    return None


@check(
    layer=3,
    last=True,
    contract="response also admits the real server's `application/json` error object",
)
def errors_are_json_with_a_message(ctx: Context) -> None:
    """Every 4xx/5xx answer is a JSON object with a readable message: problem+json or the real
    server's `{http, message, code}`."""
    other: Exchange | None = None
    for exchange in _api_exchanges(ctx):
        if exchange.status < 400:
            continue
        if exchange.media_type not in ("application/problem+json", "application/json"):
            raise CheckFailure(
                f"a {exchange.status} answer has content-type {exchange.header('content-type')!r}"
                ", expected application/problem+json (or application/json {http, message, code})",
                exchange=exchange,
            )
        try:
            body = exchange.json()
        except ValueError:
            body = None
        problem = _error_problem(exchange, body)
        if problem is not None:
            raise CheckFailure(f"the body of a {exchange.status} answer {problem}",
                               exchange=exchange)
        if exchange.media_type != "application/problem+json" and other is None:
            other = exchange
    if other is not None:
        ctx.deviate("error bodies", mock="application/problem+json {type, title, status, detail, "
                    "code, http, message}", target="application/json {http, message, code}",
                    exchange=other)
