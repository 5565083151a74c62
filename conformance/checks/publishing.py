"""Layer 4: publishing, driven through the mock's control API, or on the server's own clock.

With the control API, one scenario serves every check: the run creates its posts around the
clock's now (due in a second, overdue, on the failing page, with an injected failure, not yet
due, deleted, a draft), moves the clock two seconds forward once, and reads everything back.
Only posts the run created are touched; the clock moves no further than needed.

Without it (a real server), the profile opts in with ``publish_wait``: posts due a few seconds
ahead on the server's own clock (read from a created post's ``created_at``), on ``publish_page``
and on ``failing_page`` if named, are polled through the list until the server's job executes
them or ``publish_wait`` seconds after they fell due have passed.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from ..choices import status_choice
from ..context import Context, Listing
from ..posts import Post, same_instant
from ..registry import check
from ..results import CheckFailure, CheckSkipped
from ..target.control import ControlError
from ..target.http import Exchange
from ..timefmt import local_time, matches_local_time

# Seconds forward: past every post due "soon", and into the next minute (so that the owner's
# `current_time` must change).
MIN_ADVANCE = 2.0
_JOB = (
    "A publishing job executes each post at its `due_at`, recording `executed_at`, `post_link` "
    "and `media_container_id`, or `executed_at`, `failed_at` and `failure`."
)


@dataclass
class Scenario:
    posts: dict[str, Post] = field(default_factory=dict)
    creates: dict[str, Exchange] = field(default_factory=dict)
    # Roles whose create was refused: the checks about them fail, the others go on.
    refused: dict[str, Exchange] = field(default_factory=dict)
    injected: str = ""
    stats_before: dict[str, Any] = field(default_factory=dict)
    clock_before: float = 0.0
    clock_after: float = 0.0
    transitions: list[dict[str, Any]] = field(default_factory=list)
    advance: Exchange | None = None
    after: Listing | None = None

    @property
    def listed(self) -> Exchange | None:
        """The list request that read the posts back after the clock moved."""
        return self.after.exchange if self.after is not None else None

    def shown(self, role: str) -> Post | None:
        if role not in self.posts:
            return None
        post_id = self.posts[role]["id"]
        return next((p for p in self.after or [] if p.get("id") == post_id), None)


def _scenario(ctx: Context) -> Scenario:
    """The publishing scenario, run once per run and shared by the checks of this layer."""
    if ctx.control is None:
        raise CheckSkipped("the target has no mock control API (GET /_mock/health is not 200)")
    cached = ctx.memo.get("publishing")
    if isinstance(cached, Scenario):
        return cached
    if isinstance(cached, BaseException):
        raise cached
    try:
        scenario = _play(ctx)
    except (CheckFailure, CheckSkipped) as exc:
        ctx.memo["publishing"] = exc
        raise
    ctx.memo["publishing"] = scenario
    return scenario


def _play(ctx: Context) -> Scenario:
    assert ctx.control is not None
    control = ctx.control
    try:
        now = float(control.clock()["now"])
    except ControlError as exc:
        raise CheckSkipped(f"the control API refused the clock ({exc}); a mock on another "
                           "machine needs control_token in the profile") from None
    scenario = Scenario(clock_before=now, injected=f"socialpost-conform {ctx.run_id}: injected")
    plan: list[tuple[str, str, dict[str, Any]]] = [
        ("due_soon", ctx.profile.facebook_page, {"due_at": round(now + 1.125, 3)}),
        ("overdue", ctx.profile.facebook_page, {"due_at": round(now - 600.5, 3)}),
        ("injected", ctx.profile.facebook_page, {"due_at": round(now + 1.375, 3)}),
        ("not_due", ctx.profile.facebook_page, {"due_at": round(now + 3600.5, 3)}),
        ("deleted", ctx.profile.facebook_page, {"due_at": round(now + 1.5, 3)}),
        ("draft", ctx.profile.facebook_page, {}),
    ]
    if ctx.profile.failing_page:
        plan.append(("failing_page", ctx.profile.failing_page, {"due_at": round(now + 1.25, 3)}))
    query = {"associations": "social_post.asset"}
    for role, page, fields in plan:
        body = ctx.body(f"publishing: {role}", "asset", facebook_page=page, **fields)
        answer = ctx.post_create(body, query)
        post = _post_of(answer)
        if post is None:
            scenario.refused[role] = answer
            continue
        scenario.posts[role], scenario.creates[role] = post, answer
    for role in ("due_soon", "injected", "not_due", "deleted"):
        if role in scenario.refused:
            answer = scenario.refused[role]
            raise CheckFailure(f"creating the {role.replace('_', ' ')} post answered "
                               f"{answer.status}", exchange=answer)
    try:
        control.fail_post(scenario.posts["injected"]["id"], scenario.injected)
    except ControlError as exc:
        raise CheckFailure(str(exc), exchange=exc.exchange) from None
    deleted = ctx.delete(scenario.posts["deleted"]["id"])
    if not 200 <= deleted.status < 300:
        raise CheckFailure(f"deleting a post answered {deleted.status}", exchange=deleted)
    _, scenario.stats_before = ctx.stats({**ctx.mine(), "status": "executed"})
    try:
        settlement, scenario.advance = control.advance(max(MIN_ADVANCE, 61.0 - now % 60))
    except ControlError as exc:
        raise CheckFailure(str(exc), exchange=exc.exchange) from None
    scenario.clock_after = float(settlement.get("now", now))
    transitions = settlement.get("transitions")
    scenario.transitions = transitions if isinstance(transitions, list) else []
    scenario.after = ctx.list_all({**ctx.mine(), "associations": "social_post.asset,"
                                   "social_post.owner"})
    return scenario


def _post_of(answer: Exchange) -> Post | None:
    try:
        body = answer.json()
    except ValueError:
        return None
    data = body.get("data") if isinstance(body, dict) else None
    return data if answer.status == 200 and isinstance(data, dict) and "id" in data else None


def _executed(scenario: Scenario, role: str) -> Post:
    if role in scenario.refused:
        answer = scenario.refused[role]
        raise CheckFailure(f"creating the {role.replace('_', ' ')} post answered {answer.status}",
                           exchange=answer)
    shown = scenario.shown(role)
    if shown is None:
        raise CheckFailure(f"the {role.replace('_', ' ')} post is missing from the list after the "
                           "clock moved", exchange=scenario.listed)
    if shown.get("executed_at") is None:
        raise CheckFailure(
            f"the {role.replace('_', ' ')} post (due_at {shown.get('due_at')}) was not executed "
            f"when the clock moved from {scenario.clock_before} to {scenario.clock_after}",
            exchange=scenario.advance,
        )
    return shown


@check(layer=4, contract=_JOB, writes=True)
def due_post_publishes_when_the_clock_passes(ctx: Context) -> None:
    """A post due before the clock's new instant is published: executed_at, link, container."""
    scenario = _scenario(ctx)
    post = _executed(scenario, "due_soon")
    if not post.get("post_link") or not post.get("media_container_id"):
        raise CheckFailure(
            f"published post {post['id']} has post_link {post.get('post_link')!r} and "
            f"media_container_id {post.get('media_container_id')!r}",
            exchange=scenario.listed,
        )
    if post.get("failure") is not None or post.get("failed_at") is not None:
        raise CheckFailure(f"published post {post['id']} carries failure {post.get('failure')!r}",
                           exchange=scenario.listed)
    if not scenario.clock_before - 1e-6 <= float(post["executed_at"]) <= scenario.clock_after:
        raise CheckFailure(
            f"post {post['id']} has executed_at {post['executed_at']}, outside the clock's move "
            f"from {scenario.clock_before} to {scenario.clock_after}",
            exchange=scenario.listed,
        )


@check(
    layer=4,
    contract="A `due_at` in the past is accepted: the post is published at the next publishing "
    "run.",
    writes=True,
)
def overdue_post_publishes_at_the_next_run(ctx: Context) -> None:
    """A post created with a past `due_at` is accepted, and published when the clock next moves."""
    scenario = _scenario(ctx)
    post = _executed(scenario, "overdue")
    if not post.get("post_link"):
        raise CheckFailure(f"overdue post {post['id']} was executed but has no post_link",
                           exchange=scenario.listed)


def _failed(scenario: Scenario, role: str, message: str) -> None:
    post = _executed(scenario, role)
    exchange = scenario.listed
    if post.get("failure") != message:
        raise CheckFailure(
            f"post {post['id']} has failure {post.get('failure')!r}; it should fail with "
            f"{message!r}",
            exchange=exchange,
        )
    if post.get("post_link") is not None:
        raise CheckFailure(f"failed post {post['id']} has post_link {post.get('post_link')!r}",
                           exchange=exchange)
    failed_at = post.get("failed_at")
    try:
        instant = datetime.fromisoformat(str(failed_at).replace("Z", "+00:00")).timestamp()
    except ValueError:
        instant = None
    if not isinstance(failed_at, str) or instant is None:
        raise CheckFailure(f"failed post {post['id']} has failed_at {failed_at!r}, not an "
                           "ISO-8601 string", exchange=exchange)
    if abs(instant - float(post["executed_at"])) > 0.001:
        raise CheckFailure(
            f"failed post {post['id']} has failed_at {failed_at} but executed_at "
            f"{post['executed_at']}",
            exchange=exchange,
        )


@check(layer=4, contract=_JOB, writes=True)
def post_on_failing_page_fails_with_its_message(ctx: Context) -> None:
    """A post to a page that fails is executed as failed, with the page's failure message."""
    if not ctx.profile.failing_page or not ctx.profile.failing_page_message:
        raise CheckSkipped("the profile names no failing_page with its failing_page_message")
    _failed(_scenario(ctx), "failing_page", ctx.profile.failing_page_message)


@check(layer=4, contract=_JOB, writes=True)
def injected_failure_fails_the_post(ctx: Context) -> None:
    """A post given a failure through the control API fails with that message, no link."""
    scenario = _scenario(ctx)
    _failed(scenario, "injected", scenario.injected)


@check(layer=4, contract=_JOB, writes=True)
def posts_not_due_are_not_executed(ctx: Context) -> None:
    """A post due after the clock's new instant stays scheduled; a draft stays a draft."""
    scenario = _scenario(ctx)
    for role in ("not_due", "draft"):
        if role in scenario.refused:
            answer = scenario.refused[role]
            raise CheckFailure(f"creating the {role} post answered {answer.status}",
                               exchange=answer)
        shown = scenario.shown(role)
        if shown is None or shown.get("executed_at") is not None:
            raise CheckFailure(
                f"the {role.replace('_', ' ')} post was executed (or vanished) when the clock "
                f"moved to {scenario.clock_after}",
                exchange=scenario.advance,
            )


@check(
    layer=4,
    contract="**Deleted posts** (soft-deleted, `deleted_at` set) never appear in lists or stats",
    writes=True,
)
def deleted_post_is_never_published(ctx: Context) -> None:
    """A post deleted before it fell due is not executed when the clock passes its due_at."""
    scenario = _scenario(ctx)
    deleted = scenario.posts["deleted"]["id"]
    if any(t.get("post") == deleted for t in scenario.transitions if isinstance(t, dict)):
        raise CheckFailure(f"deleted post {deleted} was executed when the clock moved",
                           exchange=scenario.advance)
    if scenario.shown("deleted") is not None:
        raise CheckFailure(f"deleted post {deleted} is listed again after the clock moved",
                           exchange=scenario.listed)


@check(layer=4, contract=_JOB, writes=True)
def lists_and_stats_follow_publishing(ctx: Context) -> None:
    """Executed posts move from `status=scheduled` to `status=executed`, and stats follow."""
    scenario = _scenario(ctx)
    roles = [r for r in ("due_soon", "overdue", "injected", "failing_page")
             if r in scenario.posts]
    executed = ctx.list_all({**ctx.mine(), "status": "executed"})
    scheduled = ctx.list_all({**ctx.mine(), "status": "scheduled"})
    for role in roles:
        post_id = scenario.posts[role]["id"]
        if post_id not in {p.get("id") for p in executed}:
            raise CheckFailure(f"executed post {post_id} ({role}) is missing from status=executed",
                               exchange=executed.exchange)
        if post_id in {p.get("id") for p in scheduled}:
            raise CheckFailure(f"executed post {post_id} ({role}) is still in status=scheduled",
                               exchange=scheduled.exchange)
    answer, stats = ctx.stats({**ctx.mine(), "status": "executed"})
    mine = {p.get("id") for p in scenario.after or []}
    moved = sum(1 for t in scenario.transitions if isinstance(t, dict) and t.get("post") in mine)

    def total(counts: dict[str, Any]) -> int:
        return sum(int(str(v)) for k, v in counts.items() if k != "type" and str(v).isdigit())

    if total(stats) - total(scenario.stats_before) != moved:
        raise CheckFailure(
            f"stats for status=executed went from {total(scenario.stats_before)} to "
            f"{total(stats)} while {moved} of the user's posts were executed",
            exchange=answer,
        )


@check(
    layer=4,
    contract="an executed (published or failed) post answers **403** \"This post is executed\" and "
    "is not changed, as the real server answers; other implementations answer 409 Conflict, "
    "which is also acceptable",
    writes=True,
)
def executed_post_cannot_be_updated(ctx: Context) -> None:
    """A published or failed post refuses an update (403, or 409) and keeps its caption."""
    scenario = _scenario(ctx)
    for role in ("due_soon", "injected"):
        post = _executed(scenario, role)
        answer = ctx.update(post["id"], {"caption": ctx.caption(f"{role} after execution")})
        status_choice(ctx, answer, decision="an update of an executed post", mock=403,
                      acceptable=(403, 409), what=f"updating executed post {post['id']} ({role})")
        shown = ctx.find(post["id"])
        if shown is None or shown.get("caption") != post.get("caption"):
            raise CheckFailure(
                f"the refused update of executed post {post['id']} changed its caption to "
                f"{(shown or {}).get('caption')!r}", exchange=ctx.client.exchanges[-1])
    answer = ctx.delete(scenario.posts["injected"]["id"])
    if answer.status != 204:
        raise CheckFailure(f"deleting an executed post answered {answer.status}, expected 204",
                           exchange=answer)


@check(layer=4, contract="`updated_at` becomes the current time.", writes=True)
def update_stamps_the_current_time(ctx: Context) -> None:
    """An update sets `updated_at` to the (simulated) current time."""
    scenario = _scenario(ctx)
    post = scenario.posts["not_due"]
    answer = ctx.update(post["id"], {"caption": ctx.caption("not due, updated")})
    try:
        updated = answer.json()["data"]
    except (ValueError, KeyError, TypeError):
        raise CheckFailure(f"the update answered {answer.status}", exchange=answer) from None
    assert ctx.control is not None
    now = float(ctx.control.clock()["now"])
    stamp = updated.get("updated_at")
    fresh = isinstance(stamp, int | float) and scenario.clock_after - 1e-6 <= stamp <= now + 1e-6
    if not fresh or same_instant(stamp, post.get("updated_at")):
        raise CheckFailure(
            f"after an update at clock {now}, updated_at is {stamp!r} (it was "
            f"{post.get('updated_at')!r} at creation, clock {scenario.clock_before})",
            exchange=answer,
        )
    if not same_instant(updated.get("created_at"), post.get("created_at")):
        raise CheckFailure(
            f"the update (after the clock moved) changed created_at from "
            f"{post.get('created_at')!r} to {updated.get('created_at')!r}",
            exchange=answer,
        )


_SETTLEMENT = (
    "every post due by the new instant that is neither executed nor deleted is executed in "
    "`due_at` order, at the later of its `due_at` and the instant it was last saved."
)


@check(layer=4, contract=_SETTLEMENT, writes=True)
def executed_at_is_when_the_post_fell_due(ctx: Context) -> None:
    """`executed_at` is the later of the post's `due_at` and when it was last saved."""
    scenario = _scenario(ctx)
    for role in ("due_soon", "overdue", "injected"):
        if role not in scenario.posts:
            continue
        post = _executed(scenario, role)
        created = scenario.posts[role]
        expected = max(float(created["due_at"]), float(created["updated_at"]))
        if not same_instant(post.get("executed_at"), expected, tolerance=1e-3):
            raise CheckFailure(
                f"the {role.replace('_', ' ')} post (due_at {created['due_at']}, saved at "
                f"{created['updated_at']}) has executed_at {post.get('executed_at')}; expected "
                f"{expected}",
                exchange=scenario.listed,
            )


@check(layer=4, contract=_SETTLEMENT, writes=True)
def publishing_follows_due_order(ctx: Context) -> None:
    """The clock's settlement executes the run's due posts in `due_at` order."""
    scenario = _scenario(ctx)
    ours = {p["id"]: p for p in scenario.posts.values()}
    moved = [t.get("post") for t in scenario.transitions
             if isinstance(t, dict) and t.get("post") in ours]
    expected = sorted(moved, key=lambda i: float(ours[str(i)]["due_at"]))
    if moved != expected:
        raise CheckFailure(f"the settlement executed the run's posts in the order {moved}; by "
                           f"due_at it is {expected}", exchange=scenario.advance)


@check(
    layer=4,
    contract="`current_time` is the user's local time in their `timezone`, formatted as the real "
    "server's PostgreSQL does (`FMHH:MI AM - FMDay Mon DD, YYYY`): the hour is not padded, the "
    "day of the month is (`7:43 PM - Thursday Jan 02, 2026`). On the mock it follows the "
    "simulated clock.",
    writes=True,
)
def owner_current_time_follows_the_clock(ctx: Context) -> None:
    """After the clock moves into a new minute, the owner's `current_time` shows that minute."""
    scenario = _scenario(ctx)
    post = scenario.shown("due_soon") or {}
    owner = post.get("owner")
    if not isinstance(owner, dict) or not isinstance(owner.get("timezone"), str):
        raise CheckFailure("the post asked with associations=social_post.owner has no owner "
                           "with a timezone", exchange=scenario.listed)
    assert ctx.control is not None
    instants = [scenario.clock_after, float(ctx.control.clock()["now"])]
    if not matches_local_time(owner.get("current_time"), instants, owner["timezone"]):
        raise CheckFailure(
            f"after the clock moved to {scenario.clock_after}, the owner's current_time is "
            f"{owner.get('current_time')!r}; in {owner['timezone']} it is "
            f"{local_time(scenario.clock_after, owner['timezone'])!r}",
            exchange=scenario.listed,
        )


@check(
    layer=4,
    contract="Moving the clock answers with the settlement report: every transition it caused, "
    "in order.",
    writes=True,
)
def settlement_reports_each_transition(ctx: Context) -> None:
    """The clock's answer lists each post it executed: published or failed, when, and why."""
    scenario = _scenario(ctx)
    reported = {t.get("post"): t for t in scenario.transitions if isinstance(t, dict)}
    for role in ("due_soon", "overdue", "injected", "failing_page"):
        if role not in scenario.posts:
            continue
        post = _executed(scenario, role)
        transition = reported.get(post["id"])
        to = "failed" if post.get("failure") else "published"
        if (
            transition is None
            or transition.get("to") != to
            or transition.get("from") != "scheduled"
            or transition.get("failure") != post.get("failure")
            or not same_instant(transition.get("at"), post.get("executed_at"), tolerance=1e-3)
        ):
            raise CheckFailure(
                f"the settlement reports {transition!r} for the {role.replace('_', ' ')} post "
                f"{post['id']}, which was {to} at {post.get('executed_at')}",
                exchange=scenario.advance,
            )


@check(layer=4, contract="a `now` before the current instant answers 409.", writes=True)
def clock_refuses_to_move_backwards(ctx: Context) -> None:
    """Setting the mock's clock to an earlier instant answers 409 and leaves it where it was."""
    scenario = _scenario(ctx)
    assert ctx.control is not None
    before = float(ctx.control.clock()["now"])
    answer = ctx.client.request("POST", "/_mock/clock", json_body={"now": before - 3600},
                                token=ctx.control.token)
    after = float(ctx.control.clock()["now"])
    if answer.status != 409 or after < before:
        raise CheckFailure(
            f"setting the clock an hour back answered {answer.status} and the clock went from "
            f"{before} to {after} (after the run's move to {scenario.clock_after})",
            exchange=answer,
        )


# -- publishing on the server's own clock (no control API; opt-in with publish_wait) ------------

# Seconds ahead of the server's now a live post falls due, and between two reads of the list.
LIVE_LEAD = 3.0
LIVE_POLL = 0.5


@dataclass
class Live:
    """Posts due a few seconds ahead on the server's clock, and what the list showed last."""

    due_at: float = 0.0
    posts: dict[str, Post] = field(default_factory=dict)
    shown: dict[str, Post] = field(default_factory=dict)
    waited: float = 0.0
    polls: int = 0
    last: Exchange | None = None


def _live(ctx: Context) -> Live:
    """The live publishing scenario, run once per run and shared by the checks that read it."""
    if ctx.control is not None:
        raise CheckSkipped("the mock's control API drives publishing (the checks above)")
    if ctx.profile.publish_wait is None:
        raise CheckSkipped("no mock control API, and the profile sets no publish_wait (seconds "
                           "to wait for the server's own publishing job)")
    cached = ctx.memo.get("live")
    if isinstance(cached, Live):
        return cached
    if isinstance(cached, BaseException):
        raise cached
    try:
        live = _publish_live(ctx, ctx.profile.publish_wait)
    except (CheckFailure, CheckSkipped) as exc:
        ctx.memo["live"] = exc
        raise
    ctx.memo["live"] = live
    return live


def _publish_live(ctx: Context, wait: float) -> Live:
    """Create posts due ``LIVE_LEAD`` s ahead on the server's clock; poll until each is executed
    or ``wait`` seconds after it fell due have passed."""
    ctx.server_now = None
    ctx.create_post("publishing: reads the server's clock")  # a draft: its created_at is now
    live = Live(due_at=round(ctx.server_clock() + LIVE_LEAD, 3))
    pages = [("published", ctx.profile.publish_page or ctx.profile.facebook_page)]
    if ctx.profile.failing_page:
        pages.append(("failed", ctx.profile.failing_page))
    for role, page in pages:
        live.posts[role] = ctx.create_post(f"publishing live: {role}", facebook_page=page,
                                           due_at=live.due_at)
    began = time.monotonic()
    deadline = began + max(0.0, live.due_at - ctx.server_clock()) + wait
    while True:
        live.polls += 1
        live.last, page_body = ctx.list_page({**ctx.mine(), "status": "any",
                                              "order": "-created_at", "limit": 100})
        found = {p.get("id"): p for p in page_body["data"]}
        for role, post in live.posts.items():
            if post["id"] in found:
                live.shown[role] = found[post["id"]]
        pending = [r for r, p in live.posts.items()
                   if live.shown.get(r, {}).get("executed_at") is None]
        if not pending or time.monotonic() >= deadline:
            live.waited = time.monotonic() - began
            return live
        time.sleep(LIVE_POLL)


def _live_executed(ctx: Context, role: str) -> Post:
    live = _live(ctx)
    post = live.posts[role]
    shown = live.shown.get(role)
    if shown is None:
        raise CheckFailure(f"post {post['id']} ({role} on the server's clock) is missing from "
                           "the list", exchange=live.last)
    if shown.get("executed_at") is None:
        raise CheckFailure(
            f"post {post['id']}, due at {live.due_at} on the server's clock, was not executed "
            f"within publish_wait ({ctx.profile.publish_wait:g} s after it fell due; waited "
            f"{live.waited:.1f} s in all, {live.polls} reads of the list)",
            exchange=live.last,
        )
    executed_at = shown["executed_at"]
    if not isinstance(executed_at, int | float) or executed_at < live.due_at - 1e-3:
        raise CheckFailure(f"post {post['id']} due at {live.due_at} has executed_at "
                           f"{executed_at!r}: executed before it fell due", exchange=live.last)
    return shown


@check(layer=4, contract=_JOB, writes=True)
def due_post_publishes_on_the_servers_clock(ctx: Context) -> None:
    """Without a control API, a post due seconds ahead is published by the server's own job."""
    post = _live_executed(ctx, "published")
    if not post.get("post_link") or post.get("failure") is not None:
        raise CheckFailure(
            f"post {post['id']} was executed with post_link {post.get('post_link')!r} and "
            f"failure {post.get('failure')!r}: published is expected (publish_page)",
            exchange=_live(ctx).last,
        )


@check(layer=4, contract=_JOB, writes=True)
def post_on_failing_page_fails_on_the_servers_clock(ctx: Context) -> None:
    """Without a control API, a post due on the failing page fails, with its message."""
    if ctx.control is None and not ctx.profile.failing_page:
        raise CheckSkipped("the profile names no failing_page")
    post = _live_executed(ctx, "failed")
    expected = ctx.profile.failing_page_message
    problem = None
    if post.get("post_link") is not None:
        problem = f"has post_link {post.get('post_link')!r}"
    elif not isinstance(post.get("failed_at"), str) or not post.get("failure"):
        problem = (f"has failed_at {post.get('failed_at')!r} and failure "
                   f"{post.get('failure')!r}: an ISO-8601 failed_at and a failure are expected")
    elif expected and post.get("failure") != expected:
        problem = f"failed with {post.get('failure')!r}; the page fails with {expected!r}"
    if problem:
        raise CheckFailure(f"post {post['id']} on failing page {ctx.profile.failing_page} "
                           + problem, exchange=_live(ctx).last)
