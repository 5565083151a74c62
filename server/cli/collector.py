"""The garbage collector of a serving process, set once its stored data is loaded.

What is loaded at start lives as long as the process: ``gc.freeze`` keeps it out of the
collector's full passes, which would otherwise walk every stored post again and again (pauses
under load). A request's own objects die with it (their reference counts free them), but the
memos of rendered posts and the request journal keep making long-lived ones; at Python's
default threshold (a young collection every 700 net allocations) a collection ran every ~70
uncached list answers and cost ~4 us per answer on average (measured in-process at 10,000
posts). ``YOUNG_OBJECTS`` makes those passes ~14 times rarer, each no longer.
"""

from __future__ import annotations

import gc

YOUNG_OBJECTS = 10_000


def settle() -> None:
    """Collect, freeze what survives, and collect the young generation less often."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(YOUNG_OBJECTS)
