"""The upstream: a request out, its answer back, as they were; bodies past a limit streamed.

Hop-by-hop headers (RFC 9110 section 7.6.1) are the only ones dropped on the way, as any proxy
drops them, and ``Host`` names the upstream. The answer's body is read raw (a compressed body
stays compressed for the client); ``decoded`` gives the checks what it says.
"""

from __future__ import annotations

import zlib
from collections.abc import AsyncIterator

import httpx

HOP_BY_HOP = {"connection", "keep-alive", "proxy-connection", "transfer-encoding", "te",
              "trailer", "upgrade", "host", "content-length"}
TIMEOUT = httpx.Timeout(60.0, connect=5.0)


class Upstream:
    """An HTTP client of one upstream server (opened and closed with the proxy's lifespan)."""

    def __init__(self, url: str, timeout: httpx.Timeout = TIMEOUT) -> None:
        self.url = url.rstrip("/")
        self.timeout = timeout
        self._client: httpx.AsyncClient | None = None

    async def open(self) -> None:
        self._client = httpx.AsyncClient(timeout=self.timeout, follow_redirects=False,
                                         limits=httpx.Limits(max_connections=256))

    async def close(self) -> None:
        if self._client is not None:
            await self._client.aclose()
            self._client = None

    async def send(self, method: str, target: str, headers: list[tuple[bytes, bytes]],
                   body: bytes | AsyncIterator[bytes]) -> httpx.Response:
        """The upstream's answer, its body not read yet (``read_upto``); close it when done."""
        if self._client is None:
            raise RuntimeError("the upstream client is not open (lifespan did not run)")
        request = self._client.build_request(method, self.url + target, headers=hop_free(headers),
                                             content=body)
        return await self._client.send(request, stream=True)


async def read_upto(response: httpx.Response,
                    limit: int) -> tuple[list[bytes], AsyncIterator[bytes] | None]:
    """The raw body's chunks read so far, and None when that is all of it; else the stream of
    the rest (at most a chunk past ``limit`` bytes is held)."""
    chunks: list[bytes] = []
    size = 0
    stream = response.aiter_raw()
    async for chunk in stream:
        chunks.append(chunk)
        size += len(chunk)
        if size > limit:
            return chunks, stream
    return chunks, None


def hop_free(headers: list[tuple[bytes, bytes]]) -> list[tuple[bytes, bytes]]:
    return [(k, v) for k, v in headers if k.decode("latin-1").lower() not in HOP_BY_HOP]


def decoded(raw: bytes, encoding: str | None) -> bytes | None:
    """The body a ``Content-Encoding`` wraps, None when the proxy cannot unwrap it."""
    coding = (encoding or "identity").strip().lower()
    try:
        if coding == "identity":
            return raw
        if coding in ("gzip", "x-gzip"):
            return zlib.decompress(raw, 16 + zlib.MAX_WBITS)
        if coding == "deflate":
            return zlib.decompress(raw)
    except zlib.error:
        return None
    return None
