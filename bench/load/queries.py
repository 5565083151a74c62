"""The requests the benchmark sends, and how the list request varies from one to the next."""

from __future__ import annotations

import dataclasses
import itertools
import re

BRAND = "b3ad887b-a14e-4bff-b618-a2edb675d19b"
TOKEN = "test-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
LIST_PATH = (
    f"/brands/{BRAND}/social-posts?status=any&limit=50"
    "&associations=social_post.template_instance,social_post.asset,social_post.owner"
)
# The list request without its ``limit``, for the variation that varies it (``limits``).
LIST_ANY_LIMIT = LIST_PATH.replace("&limit=50", "")
MAX_LIMIT = 1000  # the contract's largest ``limit``
CREATE_PATH = f"/brands/{BRAND}/social-posts"
CREATE_BODY = {
    "facebook_page": "5383b70e-bd8f-481f-a605-0664736def2d",
    "asset": "55f4cb8e-f8fc-414e-bffa-6dbcc8d919a4",
    "due_at": 1769132000.364,
    "caption": "bench",
}
HEALTH_PATH = "/_mock/health"
SESSION_HEADER = "X-Mock-Session"

ORDERS = [
    "created_at",
    "-created_at",
    "updated_at",
    "-updated_at",
    "due_at",
    "-due_at",
    "executed_at",
    "-executed_at",
]

LUA_POST = """\
wrk.method = "POST"
wrk.body = '{body}'
wrk.headers["Content-Type"] = "application/json"
"""


@dataclasses.dataclass(frozen=True)
class Variation:
    """How the list request changes from one request to the next.

    same: always the same URL. start50: ``start`` = 0..49 in turn (the issue's variation; a
    cache of 50 entries still answers it). unique: ``start`` = 0..span-1 and then the next of
    the 8 ``order`` values, and after those 8 × span URLs, with ``reorder``, the next order of
    the base's ``associations`` (the same ones, spelled in another order: the same answer, the
    same work, another URL): no URL repeats within 8 × span × 6 requests for three
    associations (a fast server on 10,000 posts answers more than 8 × span in three rounds).
    limits: ``limit`` = low..low+span-1 and then the next ``order``, on a base without
    ``limit`` (for a store of few posts: with low ≥ the posts, every answer holds them all,
    and 8 × span URLs cycle through a response cache smaller than that without a hit).
    """

    kind: str = "same"
    span: int = 50
    offset: int = 0  # unique, limits: the first index, so that two runs can use disjoint URLs
    low: int = 1  # limits: the smallest ``limit``
    reorder: int = 1  # unique: how many orders of the base's associations to go through

    @property
    def distinct(self) -> int:
        return {"same": 1, "start50": 50}.get(self.kind, 8 * self.span * self.reorder)

    def bases(self, base: str) -> list[str]:
        """``base``, then (unique, ``reorder``) ``base`` with its associations reordered."""
        found = _ASSOCIATIONS.search(base)
        if self.kind != "unique" or self.reorder == 1 or found is None:
            return [base]
        names = found.group(2).split(",")
        orders = list(itertools.islice(itertools.permutations(names), self.reorder))
        if len(orders) < self.reorder:
            raise ValueError(f"{len(names)} associations have fewer than {self.reorder} orders")
        return [base[: found.start(2)] + ",".join(o) + base[found.end(2) :] for o in orders]

    @property
    def uncached(self) -> bool:
        """Whether no URL repeats within the run (so a warm-up must not use them)."""
        return self.kind in ("unique", "limits")

    def path(self, base: str, i: int) -> str:
        if self.kind == "start50":
            return f"{base}&start={i % 50}"
        if self.uncached:
            j = i + self.offset
            name, value = (
                ("limit", self.low + j % self.span)
                if self.kind == "limits"
                else ("start", j % self.span)
            )
            bases = self.bases(base)
            base = bases[(j // (8 * self.span)) % len(bases)]
            return f"{base}&{name}={value}&order={ORDERS[(j // self.span) % 8]}"
        return base

    def lua(self, base: str) -> str | None:
        if self.kind == "same":
            return None
        orders = ", ".join(f'"{o}"' for o in ORDERS)
        listed = self.bases(base)
        if self.kind == "start50":
            line = 'base .. "&start=" .. (i % 50)'
        else:
            which = (f"bases[(math.floor(i / {8 * self.span}) % #bases) + 1]"
                     if len(listed) > 1 else "base")
            varied = (
                f'"&limit=" .. ({self.low} + i % {self.span})'
                if self.kind == "limits"
                else f'"&start=" .. (i % {self.span})'
            )
            order = f"orders[(math.floor(i / {self.span}) % 8) + 1]"
            line = f'{which} .. {varied} .. "&order=" .. {order}'
        bases = ", ".join(f'"{b}"' for b in listed)
        return (
            f"-- the list request, varied: {self.kind}\n"
            f'local base = "{base}"\n'
            f"local bases = {{{bases}}}\n"
            f"local orders = {{{orders}}}\n"
            f"local i = {self.offset if self.uncached else 0}\n"
            "request = function()\n"
            f"  local path = {line}\n"
            "  i = i + 1\n"
            "  return wrk.format(nil, path)\n"
            "end\n"
        )


_ASSOCIATIONS = re.compile(r"([?&]associations=)([^&]+)")

SAME = Variation()
SEQ_UNIQUE = Variation("unique", span=50)  # 400 distinct URLs, valid at 100 posts too
