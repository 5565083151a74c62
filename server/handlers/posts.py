"""What a social post is: its status, medium and video flag, filters, order, and wire shape.

Pure functions over stored records; they read related records through the ``Store`` only.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterable, Sequence
from datetime import datetime
from operator import itemgetter
from typing import Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from ..store import Kind, Row, Store

Status = Literal["executed", "scheduled", "draft", "any"]
Related = dict[tuple[str, str], "dict[str, Any] | None"]


class Shown:
    """Posts and related objects rendered across answers, at one store version and instant.

    Per set of associations asked for: posts by the identity of their row -> as shown (the rows
    are kept alive beside them: while they are, an id is never another row's), and the related
    objects shown (``(kind, id)`` -> as shown). Nothing is ever forgotten one by one: ``Views``
    starts a new one.

    Also, for the lists of rows pages are cut from (``Views.matching``, the ``ALIGNED`` used
    last): the posts as shown, in a list aligned with the rows (None where none was shown yet).
    A page is then a slice of it: it touches neither the rows nor a table per post, each of
    them mostly out of the processor's caches when a page shows posts of 10,000.
    """

    ALIGNED = 32  # lists of rows with an aligned list: ~80 KB each for 10,000 posts

    def __init__(self) -> None:
        self.count = 0
        self._by_flags: dict[tuple[bool, ...], tuple[dict[int, dict[str, Any]], Related]] = {}
        self.rows: list[Row] = []  # every row shown: kept alive with their ids
        # (flags, id(rows)) -> (rows, the posts shown aligned with them): rows kept alive too
        self._aligned: OrderedDict[tuple[tuple[bool, ...], int],
                                   tuple[Sequence[Row], list[dict[str, Any] | None]]] = (
            OrderedDict())

    def of(self, flags: tuple[bool, ...]) -> tuple[dict[int, dict[str, Any]], Related]:
        found = self._by_flags.get(flags)
        if found is None:
            found = self._by_flags[flags] = ({}, {})
        return found

    def aligned(self, flags: tuple[bool, ...], rows: Sequence[Row]) -> list[dict[str, Any] | None]:
        """The posts shown with these flags, aligned with ``rows`` (filled in by the caller)."""
        key = (flags, id(rows))
        found = self._aligned.get(key)
        if found is None or found[0] is not rows:
            found = self._aligned[key] = (rows, [None] * len(rows))
            while len(self._aligned) > self.ALIGNED:
                self._aligned.popitem(last=False)
        else:
            self._aligned.move_to_end(key)
        return found[1]


ASSOCIATIONS = (
    "social_post.template_instance", "social_post.asset", "social_post.owner",
    # nested: the template inside the expanded template instance
    "template_instance.template",
)

# The post's wire fields, in the document's order; associations are added after their slot.
POST_FIELDS = (
    "id", "brand", "created_by", "caption", "facebook_page", "post_link", "failed_at", "failure",
    "media_container_id", "type", "created_at", "updated_at", "deleted_at", "due_at",
    "executed_at",
)
TEMPLATE_INSTANCE_FIELDS = (
    "id", "created_at", "html", "file", "created_by", "branch", "updated_at", "deleted_at", "type",
)
ASSET_FIELDS = (
    "id", "created_at", "updated_at", "deleted_at", "created_by", "brand", "file", "label",
    "template_type", "medium", "branch", "type",
)


def status_of(post: Row) -> Status:
    if post.get("executed_at") is not None:
        return "executed"
    return "scheduled" if post.get("due_at") is not None else "draft"


def has_status(post: Row, status: Status) -> bool:
    return status == "any" or status_of(post) == status


def medium_of(post: Row, store: Store) -> str | None:
    """The template's medium for a template-instance post, the asset's for an asset post."""
    if post.get("template_instance"):
        template = _template_of(post, store)
        return None if template is None else str(template["medium"])
    if post.get("asset"):
        asset = store.get("brand_assets", post["asset"])
        return None if asset is None else str(asset["medium"])
    return None


def is_video(post: Row, store: Store) -> bool:
    """Whether the post's template is a video; asset posts have no template."""
    template = _template_of(post, store) if post.get("template_instance") else None
    return bool(template and template.get("video"))


def _template_of(post: Row, store: Store) -> Row | None:
    instance = store.get("template_instances", post["template_instance"])
    return None if instance is None else store.get("templates", instance["template"])


def select(
    posts: Iterable[Row],
    store: Store,
    *,
    status: Status = "any",
    author: str | None = None,
    video: bool | None = None,
    mediums: Sequence[str] | None = None,
) -> list[Row]:
    """The posts that pass every filter given (``None`` is no filter)."""
    wanted = set(mediums) if mediums else None
    return [
        post
        for post in posts
        if has_status(post, status)
        and (author is None or post["created_by"] == author)
        and (video is None or is_video(post, store) == video)
        and (wanted is None or medium_of(post, store) in wanted)
    ]


def ordered(posts: list[Row], order: str) -> list[Row]:
    """Sorted by ``field`` or ``-field``; missing values last ascending, first descending.

    Ties break by ``created_at`` then ``id``, ascending, whatever the direction.
    """
    descending = order.startswith("-")
    field = order.lstrip("-")
    # Successive stable sorts on single keys: several times faster than one sort on tuples.
    stable = sorted(posts, key=itemgetter("id"))
    stable.sort(key=itemgetter("created_at"))
    present = [p for p in stable if p.get(field) is not None]
    missing = [p for p in stable if p.get(field) is None]
    if field != "created_at" or descending:
        # reverse=True keeps equal keys in their (ascending tie-break) order
        present.sort(key=itemgetter(field), reverse=descending)
    return missing + present if descending else present + missing


def stats(posts: Iterable[Row], store: Store) -> dict[str, str]:
    """Posts per medium, counts as strings, only mediums that have posts."""
    counts: dict[str, int] = {}
    for post in posts:
        medium = medium_of(post, store)
        if medium is not None:
            counts[medium] = counts.get(medium, 0) + 1
    return {"type": "social_post_stats", **{m: str(n) for m, n in sorted(counts.items())}}


def render(post: Row, store: Store, associations: Sequence[str], now: float) -> dict[str, Any]:
    """The post as the API shows it: its fields, and each association asked for."""
    return Renderer(store, associations, now).post(post)


class Renderer:
    """Renders posts for one answer; each related object is built once however often shown.

    ``template_instance.template`` expands the template inside an expanded template instance;
    without ``social_post.template_instance`` there is nothing to expand it in, so it changes
    nothing. ``owner`` is the user who connected the post's Facebook page (its credentials
    publish the post), as on the real server; a page that names nobody falls back to the author.
    """

    def __init__(self, store: Store, associations: Sequence[str], now: float,
                 shown: Shown | None = None) -> None:
        self.store = store
        self.now = now
        self.instances = "social_post.template_instance" in associations
        self.templates = self.instances and "template_instance.template" in associations
        self.assets = "social_post.asset" in associations
        self.owners = "social_post.owner" in associations
        # Posts (and related objects) rendered before at this store version and instant
        # (``Views.shown``): a post shows the same then, whatever the answer it is in.
        self._shown = shown
        self._flags = (self.instances, self.templates, self.assets, self.owners)
        self._posts, self._seen = (shown or Shown()).of(self._flags)

    def post(self, post: Row) -> dict[str, Any]:
        found = self._posts.get(id(post))
        if found is not None:
            return found
        rendered = self._render(post)
        if self._shown is not None:
            self._shown.rows.append(post)
            self._posts[id(post)] = rendered
            self._shown.count += 1
        return rendered

    def window(self, rows: Sequence[Row], start: int, stop: int) -> list[dict[str, Any]]:
        """``[self.post(row) for row in rows[start:stop]]``, from the list aligned with ``rows``
        (``Shown``) when rows are remembered across answers: ``rows`` must not change while it
        is."""
        if self._shown is None:
            return [self.post(row) for row in rows[start:stop]]
        aligned = self._shown.aligned(self._flags, rows)
        shown = aligned[start:stop]
        if not all(shown):  # a rendered post is never empty: None, not rendered yet
            for i, row in enumerate(rows[start:stop]):
                if shown[i] is None:
                    shown[i] = aligned[start + i] = self.post(row)
        return shown  # type: ignore[return-value]  # every one rendered above

    def _render(self, post: Row) -> dict[str, Any]:
        shown: dict[str, Any] = {}
        for field in POST_FIELDS:
            shown[field] = post.get(field)
            if field == "facebook_page":
                if self.instances:
                    shown["template_instance"] = self._related(
                        "template_instances", post.get("template_instance"))
                if self.assets:
                    shown["asset"] = self._related("brand_assets", post.get("asset"))
        if self.owners:
            shown["owner"] = self._related("users", self._owner_id(post))
        return shown

    def _owner_id(self, post: Row) -> str:
        page = self.store.get("facebook_pages", post["facebook_page"])
        connected_by = page.get("connected_by") if page is not None else None
        return str(connected_by or post["created_by"])

    def _related(self, kind: Kind, id: str | None) -> dict[str, Any] | None:
        if id is None:
            return None
        key = (kind, id)
        if key not in self._seen:
            record = self.store.get(kind, id)
            if record is None:
                self._seen[key] = None
            elif kind == "users":
                self._seen[key] = user_view(record, self.now)
            elif kind == "template_instances":
                shown = {k: record.get(k) for k in TEMPLATE_INSTANCE_FIELDS}
                if self.templates:
                    shown["template"] = template_view(self.store.get("templates",
                                                                     record["template"]))
                self._seen[key] = shown
            else:
                self._seen[key] = {k: record.get(k) for k in ASSET_FIELDS}
        return self._seen[key]


def template_view(template: Row | None) -> dict[str, Any] | None:
    """A template as the nested `template_instance.template` association shows it."""
    if template is None:
        return None
    return {**template, "type": "template"}


def user_view(user: Row | None, now: float) -> dict[str, Any] | None:
    """A user as the `owner` association shows it, `current_time` from the simulated clock."""
    if user is None:
        return None
    time = local_time(now, str(user.get("timezone") or "UTC"))
    # `current_time` sits after `xpressdocs_user_id` in the document's user object.
    shown: dict[str, Any] = {}
    for key, value in user.items():
        if key != "current_time":
            shown[key] = value
        if key == "xpressdocs_user_id":
            shown["current_time"] = time
    shown.setdefault("current_time", time)
    return shown


def local_time(now: float, timezone: str) -> str:
    """``7:43 PM - Thursday Jan 22, 2026``: the document's `current_time` format.

    The real server formats it with PostgreSQL's ``FMHH:MI AM - FMDay Mon DD, YYYY``: the hour
    is not padded, the day of the month is (``Jan 02``).
    """
    try:
        zone = ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError):
        zone = ZoneInfo("UTC")
    moment = datetime.fromtimestamp(now, zone)
    hour = moment.hour % 12 or 12
    return (
        f"{hour}:{moment:%M} {moment:%p} - {moment:%A} {moment:%b} {moment:%d}, {moment.year}"
    )
