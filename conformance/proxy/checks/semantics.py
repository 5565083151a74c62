"""What can be checked of the API's behaviour by watching it: conform's semantic checks, made
passive. Each compares an answer with the request it answers, or with an earlier answer:

    create_echoes_the_request       a create's post carries what was sent (``due_at`` to the
                                    microsecond; finer than the millisecond kept or not is the
                                    mock's choice: a deviation)
    created_by_is_the_caller        a create names the caller as ``created_by`` (the user of a
                                    token the profile knows)
    update_applies_exactly_what_was_sent
                                    an update stores what it sent, keeps the rest (compared
                                    with the last answer that showed the post) and never moves
                                    ``updated_at`` back
    info_count_matches_the_page     ``info.count`` is the number of posts answered, never more
                                    than ``limit`` (its contract default when not sent)
    stats_counts_are_decimal_strings
    deleted_post_stays_deleted      a post answered 204 to a delete is in no later list, and a
                                    later update of it is not answered 200
    same_post_read_twice_is_the_same
                                    a post's client-owned fields (``memory.OWNED``) change only
                                    by the writes through the proxy that name it

All are failures but the one deviation said. They run on 2xx answers whose bodies were kept.
"""

from __future__ import annotations

import re
from typing import Any

from ...posts import same_instant
from ..findings import Violation
from ..observed import Observed, json_of
from .memory import Memory, Moment, owned
from .requests import Operation

_DECIMAL = re.compile(r"0|[1-9][0-9]*")
SENT_FIELDS = ("facebook_page", "template_instance", "asset", "due_at", "caption")


def _failure(check: str, message: str) -> Violation:
    return Violation(check, "failure", message, "response")


class Semantics:
    """The passive checks, over one proxy's ``Memory``; ``caller`` maps tokens to users."""

    def __init__(self, callers: dict[str, str]) -> None:
        self.memory = Memory()
        self.callers = callers

    def check(self, answered: Operation, exchange: Observed, moment: Moment,
              token: str | None) -> list[Violation]:
        """The violations of an answer just received (its exchange began at ``moment``)."""
        operation = answered.id
        body = json_of(exchange.response_body)
        sent = json_of(exchange.request_body)
        status = exchange.status
        post_id = exchange.path.rstrip("/").rsplit("/", 1)[-1]
        found: list[Violation] = []
        if operation == "deleteSocialPost" and status == 204:
            self.memory.forget(post_id, self.memory.tick())
            return found
        if operation == "updateSocialPost" and status == 200:
            found += self._deleted(post_id, moment)
        if status != 200 or not isinstance(body, dict):
            return found
        if operation == "listSocialPosts":
            found += self._page(answered, exchange, body)
            data = body.get("data")
            for post in data if isinstance(data, list) else []:
                if isinstance(post, dict):
                    found += self._read(post, moment)
        elif operation == "getSocialPostStats":
            found += self._stats(body)
        elif operation in ("createSocialPost", "updateSocialPost"):
            post = body.get("data")
            if isinstance(post, dict) and isinstance(sent, dict):
                if operation == "createSocialPost":
                    found += self._created(post, sent, token)
                else:
                    found += self._updated(post, sent, moment)
                self.memory.remember(post)
        return found

    def _page(self, operation: Operation, exchange: Observed,
              body: dict[str, Any]) -> list[Violation]:
        data, info = body.get("data"), body.get("info")
        if not isinstance(data, list) or not isinstance(info, dict):
            return []
        limits = exchange.query_values().get("limit", [])
        declared = operation.parameters.get(("query", "limit"), {}).get("schema", {})
        limit = int(limits[0]) if len(limits) == 1 and limits[0].isdigit() else declared.get(
            "default")
        found = []
        if info.get("count") != len(data):
            found.append(_failure("info_count_matches_the_page",
                                  f"info.count is {info.get('count')!r}; the page holds "
                                  f"{len(data)} posts"))
        if isinstance(limit, int) and len(data) > limit:
            found.append(_failure("info_count_matches_the_page",
                                  f"{len(data)} posts answered for limit={limit}"))
        return found

    def _stats(self, body: dict[str, Any]) -> list[Violation]:
        wrong = {k: v for k, v in body.items()
                 if k != "type" and not (isinstance(v, str) and _DECIMAL.fullmatch(v))}
        if not wrong:
            return []
        shown = ", ".join(f"{k}: {v!r}" for k, v in list(wrong.items())[:4])
        return [_failure("stats_counts_are_decimal_strings",
                         f"counts that are not decimal strings: {shown}")]

    def _deleted(self, post_id: str, moment: Moment) -> list[Violation]:
        deleted = self.memory.deleted.get(post_id)
        if deleted is None or moment.tick < deleted:
            return []
        return [_failure("deleted_post_stays_deleted",
                         f"post {post_id} was deleted (204), then an update of it answered 200")]

    def _read(self, post: dict[str, Any], moment: Moment) -> list[Violation]:
        post_id = post.get("id")
        if not isinstance(post_id, str):
            return []
        deleted = self.memory.deleted.get(post_id)
        if deleted is not None and moment.tick > deleted:
            return [_failure("deleted_post_stays_deleted",
                             f"post {post_id} was deleted (204) and is listed afterwards")]
        before = self.memory.posts.get(post_id)
        settled = self.memory.settled(moment)
        if before is None or settled:
            self.memory.remember(post)
        if before is None or not settled:
            return []
        now = owned(post)
        changed = [name for name in now.keys() & before.keys()
                   if not _same(name, now[name], before[name])]
        if not changed:
            return []
        shown = ", ".join(f"{n}: {before[n]!r} -> {now[n]!r}" for n in sorted(changed))
        return [_failure("same_post_read_twice_is_the_same",
                         f"post {post_id} changed, though no write through the proxy "
                         f"named it: {shown}")]

    def _created(self, post: dict[str, Any], sent: dict[str, Any],
                 token: str | None) -> list[Violation]:
        found = _echo("create_echoes_the_request", post, sent)
        caller = self.callers.get(token or "")
        if caller is not None and post.get("created_by") != caller:
            found.append(_failure("created_by_is_the_caller",
                                  f"created_by is {post.get('created_by')!r}; the caller is "
                                  f"user {caller}"))
        return found

    def _updated(self, post: dict[str, Any], sent: dict[str, Any],
                 moment: Moment) -> list[Violation]:
        check = "update_applies_exactly_what_was_sent"
        found = _echo(check, post, sent)
        before = self.memory.posts.get(str(post.get("id")))
        # Compared only when this update was the one write through the proxy while it ran.
        alone = moment.writes_in_flight == 0 and self.memory.writes_begun == moment.writes_begun + 1
        if before is None or not alone:
            return found
        now = owned(post)
        kept = [n for n in now.keys() & before.keys() if n not in sent]
        changed = [n for n in kept if not _same(n, now[n], before[n])]
        if changed:
            shown = ", ".join(f"{n}: {before[n]!r} -> {now[n]!r}" for n in sorted(changed))
            found.append(_failure(check, f"fields the update did not send changed: {shown}"))
        was, now_stamp = before.get("updated_at"), post.get("updated_at")
        if (isinstance(was, int | float) and isinstance(now_stamp, int | float)
                and now_stamp < was):
            found.append(_failure(check, f"updated_at moved back: {was!r} -> {now_stamp!r}"))
        return found


def _same(name: str, a: Any, b: Any) -> bool:
    return same_instant(a, b) if name in ("due_at", "created_at") else a == b


def _echo(check: str, post: dict[str, Any], sent: dict[str, Any]) -> list[Violation]:
    """What the write sent and its answer does not carry."""
    found = []
    for name in SENT_FIELDS:
        if name not in sent or name not in post:
            continue
        value, shown = sent[name], post[name]
        if isinstance(shown, dict):  # an expanded association: its id
            shown = shown.get("id")
        if name == "due_at" and isinstance(value, int | float) and isinstance(shown, int | float):
            if same_instant(value, shown):
                continue
            if abs(value - shown) < 0.001 and round(value, 3) == round(shown, 3):
                found.append(Violation(check, "deviation",
                                       f"due_at sent as {value!r} is answered as {shown!r}: "
                                       "the mock keeps it as sent", "response"))
                continue
        elif shown == value:
            continue
        found.append(_failure(check, f"{name} sent as {value!r} is answered as {shown!r}"))
    return found
