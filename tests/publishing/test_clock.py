"""The simulated clock: frozen stays put, realtime follows a (fake) wall clock, never backwards."""

from __future__ import annotations

import pytest

from socialpost.server.errors import BadRequest, Conflict
from socialpost.server.publishing.clock import DOCUMENT_INSTANT, Clock, iso, parse_instant


class FakeWall:
    def __init__(self) -> None:
        self.t = 1000.0

    def __call__(self) -> float:
        return self.t


def test_frozen_clock_never_moves_by_itself() -> None:
    wall = FakeWall()
    clock = Clock(wall=wall)
    wall.t += 3600
    assert clock.now() == DOCUMENT_INSTANT


def test_default_start_is_the_documents_instant() -> None:
    assert iso(Clock().now()) == "2026-01-23T01:43:19.587Z"


def test_realtime_clock_moves_with_the_wall_times_speed() -> None:
    wall = FakeWall()
    clock = Clock(start=100.0, mode="realtime", speed=60, wall=wall)
    wall.t += 2.5
    assert clock.now() == 250.0


def test_advance_and_set_move_forward() -> None:
    clock = Clock(start=100.0)
    assert clock.advance(20) == 120.0
    assert clock.set(500.0) == 500.0
    assert clock.now() == 500.0


def test_moving_backwards_is_refused() -> None:
    clock = Clock(start=100.0)
    with pytest.raises(Conflict):
        clock.set(99.0)
    with pytest.raises(Conflict):
        clock.advance(-1)
    assert clock.now() == 100.0


def test_switching_mode_keeps_the_current_instant() -> None:
    wall = FakeWall()
    clock = Clock(start=100.0, mode="realtime", wall=wall)
    wall.t += 10
    clock.configure(mode="frozen")
    wall.t += 10
    assert clock.now() == 110.0
    clock.configure(mode="realtime", speed=2)
    wall.t += 1
    assert clock.now() == 112.0


def test_speed_must_be_positive() -> None:
    with pytest.raises(BadRequest):
        Clock(speed=0)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1769132599.587474", 1769132599.587474),
        ("2026-01-24T09:00Z", 1769245200.0),
        ("2026-01-24T09:00:00+00:00", 1769245200.0),
        ("2026-01-24T10:00:00+01:00", 1769245200.0),
    ],
)
def test_parse_instant_accepts_epoch_seconds_and_iso(text: str, expected: float) -> None:
    assert parse_instant(text) == expected


def test_parse_instant_rejects_other_text() -> None:
    with pytest.raises(BadRequest):
        parse_instant("tomorrow")


def test_iso_writes_milliseconds_and_z_like_the_document() -> None:
    assert iso(1769132599.587474) == "2026-01-23T01:43:19.587Z"
