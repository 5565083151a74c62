"""Exchanges render as a replayable curl line and a short excerpt, without the token."""

from __future__ import annotations

from dataclasses import replace

from socialpost.conformance.target.http import EXCERPT_CHARS, Client, Exchange, bounded


def _exchange(body: bytes = b'{"a": 1}', status: int = 200) -> Exchange:
    return Exchange(
        method="POST",
        url="http://h/brands/x/social-posts?limit=1",
        request_headers=(("Authorization", "Bearer s3cret"), ("Content-Type", "application/json"),
                         ("X-Other", "ignored")),
        request_body=b'{"caption": "it\'s"}',
        status=status,
        response_headers=(("Content-Type", "application/json; charset=utf-8"),),
        response_body=body,
    )


def test_curl_line_hides_the_token_and_replays_the_request() -> None:
    line = _exchange().curl("s3cret")
    assert "s3cret" not in line
    assert '"Authorization: Bearer ${TOKEN}"' in line
    assert line.startswith("curl -X POST ")
    assert "-d '{\"caption\": \"it'\"'\"'s\"}'" in line
    assert line.endswith("'http://h/brands/x/social-posts?limit=1'")
    assert "X-Other" not in line


def test_excerpt_shows_status_type_and_the_start_of_the_body() -> None:
    excerpt = _exchange(b"x" * 5000, 500).excerpt(limit=10)
    assert excerpt == "500 application/json; charset=utf-8 xxxxxxxxxx… (4990 bytes more)"


def test_a_megabyte_body_is_never_echoed_whole() -> None:
    # Given: a 1 MB request body and a 1 MB response body (multi-byte characters counted as bytes)
    big = replace(_exchange("é".encode() * 500_000), request_body=b"y" * 1_000_000)
    # When
    excerpt, curl = big.excerpt(), big.curl("s3cret")
    # Then
    assert len(excerpt) < EXCERPT_CHARS + 100
    assert excerpt.endswith(f"… ({1_000_000 - 2 * EXCERPT_CHARS} bytes more)")
    assert len(curl) < EXCERPT_CHARS + 300
    assert f"… ({1_000_000 - EXCERPT_CHARS} bytes more)" in curl


def test_bounded_leaves_short_text_alone() -> None:
    assert bounded("short", 10) == "short"
    assert bounded("0123456789abc", 10) == "0123456789… (3 bytes more)"


def test_media_type_drops_parameters() -> None:
    assert _exchange().media_type == "application/json"


def test_client_records_every_exchange(live_mock: str) -> None:
    client = Client(live_mock, "test-token")
    try:
        answer = client.get("/brands/00000000-0000-4000-8000-000000000000/social-posts",
                            {"mediums": ["Social", "Email"], "video": True})
        empty = client.request("GET", "/_mock/health", token="")
    finally:
        client.close()
    assert answer.status == 403  # an unknown brand: existence is not revealed
    assert answer.url.endswith("?mediums=Social&mediums=Email&video=true")
    assert ("Authorization", "Bearer") in empty.request_headers
    assert client.exchanges == [answer, empty]
