"""The practical limit for the benchmark: a bare Starlette app answering fixed bytes.

The benchmark (``python -m bench``) fetches one list response from the mock, writes its body
to a file and serves that file's bytes here, with the same content type, on uvicorn with one
worker (as ``socialpost serve`` does). Whatever the mock spends above this app's cost is
Connexion, the handlers, validation and storage.

    .venv/bin/python bench/bare_app.py --body /tmp/body.json --port 8090 [--access-log]

Every request, whatever its method or path, answers 200 with the body (the benchmark only sends
the list request). ``GET /_mock/health`` is not special either: it answers the same bytes, which
is enough for the benchmark to see the app is up.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route


def build_app(body: bytes, content_type: str) -> Starlette:
    async def fixed(request: Request) -> Response:
        return Response(body, media_type=content_type)

    methods = ["GET", "POST", "PUT", "PATCH", "DELETE"]
    return Starlette(routes=[Route("/{path:path}", fixed, methods=methods)])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--body", type=Path, required=True, help="File whose bytes every answer carries."
    )
    parser.add_argument(
        "--content-type", default="application/json", help="Content-Type of the answers."
    )
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8090)
    parser.add_argument(
        "--access-log",
        action="store_true",
        help="Log every request as uvicorn does at log level info (what `socialpost serve` does); "
        "the benchmark turns it on when the mock logs requests, so both pay the same for it.",
    )
    args = parser.parse_args()
    app = build_app(args.body.read_bytes(), args.content_type)
    uvicorn.run(
        app,
        host=args.host,
        port=args.port,
        log_level="info",
        access_log=args.access_log,
    )


if __name__ == "__main__":
    main()
