"""Layer 3: each list parameter has its documented effect, over the brand's posts (ours too)."""

from __future__ import annotations

import uuid
from typing import Any

from ..choices import status_choice
from ..context import ALL_ASSOCIATIONS, LIST_LIMIT, Context, expect_list
from ..posts import (
    ASSOCIATION_KEYS,
    ORDER_FIELDS,
    Post,
    describe,
    documented_order,
    ids,
    shorten,
    status_of,
)
from ..registry import check
from ..results import CheckDeviation, CheckFailure, CheckSkipped
from ..target.profile import MEDIUMS
from ..timefmt import local_time, matches_local_time


def _difference(got: list[Post], expected: list[Post]) -> str:
    """Which posts are missing and which are extra, in a few words."""
    got_ids, expected_ids = set(ids(got)), set(ids(expected))
    missing = [describe(p) for p in expected if p["id"] not in got_ids]
    extra = [describe(p) for p in got if p.get("id") not in expected_ids]
    parts = []
    if missing:
        parts.append(f"missing {len(missing)}: " + ", ".join(missing[:4]))
    if extra:
        parts.append(f"unexpected {len(extra)}: " + ", ".join(extra[:4]))
    return "; ".join(parts)


@check(layer=3, contract="Soft-deleted posts never appear.")
def listed_posts_are_live_posts_of_the_brand(ctx: Context) -> None:
    """Every listed post belongs to the brand asked for and is not deleted."""
    listing = ctx.list_all()
    for post in listing:
        if post.get("brand") != ctx.profile.brand or post.get("deleted_at") is not None:
            raise CheckFailure(
                f"the list of brand {ctx.profile.brand} shows post {post.get('id')} with brand "
                f"{post.get('brand')!r} and deleted_at {post.get('deleted_at')!r}",
                exchange=listing.exchange,
            )


@check(
    layer=3,
    contract="`executed`: posts with `executed_at` set, published or failed (the document's "
    "example includes a failed post). `scheduled`: not executed, `due_at` set. `draft`: not "
    "executed, no `due_at`. `any`: all of these.",
)
def status_filter_selects_exactly_its_posts(ctx: Context) -> None:
    """`status` keeps exactly the posts of that status (executed includes failed posts)."""
    everything = ctx.list_all()
    for status in ("executed", "scheduled", "draft", "any"):
        got = ctx.list_all({"status": status})
        expected = [p for p in everything if status in ("any", status_of(p))]
        if set(ids(got)) != set(ids(expected)) or len(got) != len(expected):
            raise CheckFailure(
                f"status={status} does not return exactly the brand's {status} posts: "
                + _difference(got, expected),
                exchange=got.exchange,
            )


@check(layer=3, contract="Keeps only the posts created by this user (`created_by`).")
def user_filter_keeps_only_that_author(ctx: Context) -> None:
    """`user` keeps exactly the posts whose `created_by` is that user."""
    everything = ctx.list_all()
    authors = [ctx.profile.user] if ctx.profile.user else []
    authors += sorted({str(p.get("created_by")) for p in everything} - set(authors))[:1]
    if not authors:
        raise CheckSkipped("the brand has no posts and the profile names no user")
    for author in authors:
        got = ctx.list_all({"user": author})
        expected = [p for p in everything if p.get("created_by") == author]
        if set(ids(got)) != set(ids(expected)):
            raise CheckFailure(
                f"user={author} does not return exactly that author's posts: "
                + _difference(got, expected),
                exchange=got.exchange,
            )
    nobody = str(uuid.uuid4())
    answer, body = ctx.list_page({"user": nobody})
    if body["data"]:
        raise CheckFailure(
            f"user={nobody} (no such user) returned {len(body['data'])} post(s)", exchange=answer
        )


@check(
    layer=3,
    contract="`true` keeps only posts whose template instance's template is a video; `false` "
    "keeps only the others. Posts of brand assets have no template and count as not video.",
)
def video_filter_partitions_the_posts(ctx: Context) -> None:
    """`video=true` and `video=false` split the brand's posts in two; asset posts are not video."""
    everything = ctx.list_all({"associations": "social_post.asset"})
    video = ctx.list_all({"video": True})
    other = ctx.list_all({"video": False})
    both = set(ids(video)) & set(ids(other))
    if both:
        raise CheckFailure(
            f"{len(both)} post(s) are returned by both video=true and video=false, e.g. "
            f"{sorted(both)[0]}",
            exchange=other.exchange,
        )
    neither = set(ids(everything)) - set(ids(video)) - set(ids(other))
    if neither:
        raise CheckFailure(
            f"{len(neither)} post(s) are returned by neither video=true nor video=false, e.g. "
            f"{sorted(neither)[0]}",
            exchange=video.exchange,
        )
    asset_posts = {p["id"] for p in everything if isinstance(p.get("asset"), dict)}
    wrong = asset_posts & set(ids(video))
    if wrong:
        raise CheckFailure(
            f"asset post {sorted(wrong)[0]} is returned by video=true (asset posts are not video)",
            exchange=video.exchange,
        )
    corpus = ctx.corpus
    if corpus is not None and "video_scheduled" in corpus.posts:
        video_post = corpus.posts["video_scheduled"]["id"]
        if video_post not in set(ids(video)):
            raise CheckFailure(
                f"post {video_post}, made from the video template instance "
                f"{ctx.profile.video_template_instance}, is missing from video=true",
                exchange=video.exchange,
            )


@check(
    layer=3,
    contract="Keeps posts whose medium (the template's medium, or the asset's medium) is one of "
    "the given ones.",
)
def mediums_filter_agrees_with_stats(ctx: Context) -> None:
    """`mediums` returns as many posts per medium as stats counts; asset posts by their medium."""
    stats_answer, stats = ctx.stats()
    counts = {k: v for k, v in stats.items() if k != "type"}
    if not counts:
        raise CheckSkipped("stats count no medium for this brand")
    for medium, count in counts.items():
        got = ctx.list_all({"mediums": [medium]})
        if str(len(got)) != str(count):
            raise CheckFailure(
                f"mediums={medium} returned {len(got)} post(s); stats count {count!r} for "
                f"{medium} (stats: {stats_answer.response_body[:200]!r})",
                exchange=got.exchange,
            )
    pair = sorted(counts)[:2]
    if len(pair) == 2:
        got = ctx.list_all({"mediums": pair})
        expected = sum(int(str(counts[m])) for m in pair if str(counts[m]).isdigit())
        if len(got) != expected:
            raise CheckFailure(
                f"mediums={pair[0]}&mediums={pair[1]} returned {len(got)} post(s); stats count "
                f"{expected} for the two",
                exchange=got.exchange,
            )
    corpus, template_medium = ctx.corpus, ctx.profile.template_medium
    if corpus is not None and template_medium and "template_scheduled" in corpus.posts:
        post_id = corpus.posts["template_scheduled"]["id"]
        same = ctx.list_all({"mediums": [template_medium]})
        if post_id not in ids(same):
            raise CheckFailure(
                f"post {post_id} of template instance {ctx.profile.template_instance} (medium "
                f"{template_medium}) is missing from mediums={template_medium}",
                exchange=same.exchange,
            )
        others = [m for m in MEDIUMS if m != template_medium]
        elsewhere = ctx.list_all({"mediums": others})
        if post_id in ids(elsewhere):
            raise CheckFailure(
                f"post {post_id} (medium {template_medium}) is returned for the other ten mediums",
                exchange=elsewhere.exchange,
            )
    everything = ctx.list_all({"associations": "social_post.asset"})
    for post in everything:
        asset = post.get("asset")
        if isinstance(asset, dict) and isinstance(asset.get("medium"), str):
            medium = asset["medium"]
            same = ctx.list_all({"mediums": [medium]})
            if post["id"] not in ids(same):
                raise CheckFailure(
                    f"asset post {post['id']} (asset medium {medium}) is missing from "
                    f"mediums={medium}",
                    exchange=same.exchange,
                )
            break


@check(
    layer=3,
    contract="the mock also accepts the bracket spelling browsers' query libraries send "
    "(`mediums[]=Social`).",
)
def mediums_bracket_spelling_is_accepted(ctx: Context) -> None:
    """On the mock, `mediums[]=A&mediums[]=B` filters exactly as `mediums=A&mediums=B`."""
    if ctx.control is None:
        raise CheckSkipped("the bracket spelling is documented for the mock only")
    _, stats = ctx.stats()
    pair = sorted(k for k in stats if k != "type")[:2]
    if not pair:
        raise CheckSkipped("stats count no medium for this brand")
    plain = ctx.list_all({"mediums": pair})
    bracket = ctx.list_all({"mediums[]": pair})
    if ids(plain) != ids(bracket):
        raise CheckFailure(
            f"mediums[]={'&mediums[]='.join(pair)} returned {len(bracket)} post(s); the "
            f"repeated-key spelling returns {len(plain)}",
            exchange=bracket.exchange,
        )


def _out_of_order(got: list[Post], order: str) -> tuple[int, Post, Post] | None:
    """The first neighbours (among posts with a value) that ``order`` puts the wrong way round:
    the later one's position and both posts; None when sorted."""
    name = order.lstrip("-")
    descending = order.startswith("-")
    valued = [(i, p) for i, p in enumerate(got) if p.get(name) is not None]
    for (_, a), (position, b) in zip(valued, valued[1:], strict=False):
        earlier, later = float(a[name]), float(b[name])
        if (later > earlier) if descending else (later < earlier):
            return position, a, b
    return None


def _check_order(ctx: Context, order: str) -> None:
    """Any correct sort by ``order``'s field; where nulls go and how ties break are choices."""
    name = order.lstrip("-")
    descending = order.startswith("-")
    if name != "created_at":  # the document shows only created_at; other fields are the mock's
        probe = ctx.client.get(ctx.posts_path, {"order": order, "limit": 1})
        if probe.status in (400, 422):
            ctx.deviate("the fields `order` sorts by", mock=f"order={order} sorts by {name}",
                        target=f"{probe.status}: not a sort field", exchange=probe)
            return
    everything = ctx.list_all()
    got = ctx.list_all({"order": order})
    answer = got.exchange
    if sorted(ids(got)) != sorted(ids(everything)):
        raise CheckFailure(
            f"order={order} returns other posts than the unordered list: "
            + _difference(got, everything),
            exchange=answer,
        )
    unsorted = _out_of_order(got, order)
    if unsorted is not None:
        position, a, b = unsorted
        shown = [f"{p.get('id')}: {name}={p.get(name)!r}" for p in (a, b)]
        raise CheckFailure(
            f"order={order} is not sorted {'descending' if descending else 'ascending'} by "
            f"{name} at position {position}: {'; then '.join(shown)}",
            exchange=answer,
        )
    nulls = [i for i, p in enumerate(got) if p.get(name) is None]
    at_start, at_end = list(range(len(nulls))), list(range(len(got) - len(nulls), len(got)))
    if nulls and nulls not in (at_start, at_end):
        raise CheckFailure(f"order={order} mixes posts without {name} among the others (at "
                           f"positions {nulls[:6]})", exchange=answer)
    first_answer, first = ctx.list_page({"order": order, "limit": 3})
    page = first["data"]
    # A page of the wrong size is limit_caps_the_page's finding; here only its order counts.
    if len(page) == min(3, len(got)) and [p.get(name) for p in page] != [
        p.get(name) for p in got[:3]
    ]:
        raise CheckFailure(
            f"order={order}&limit=3 returned {shorten(ids(page))}; the first three of the whole "
            f"list in that order are {shorten(ids(got[:3]))} (sorted after windowing?)",
            exchange=first_answer,
        )
    expected = documented_order(got, order)
    if ids(got) != ids(expected):
        mock_nulls = "first" if descending else "last"
        nulls_first = bool(nulls) and nulls == at_start and len(nulls) < len(got)
        target = (f"posts without {name} {'first' if nulls_first else 'last'}"
                  if nulls and (nulls_first != descending) else "ties broken otherwise")
        ctx.deviate(f"order={order}: where posts without {name} go and how ties break",
                    mock=f"posts without {name} {mock_nulls}, ties by created_at then id",
                    target=target, exchange=answer)


_ORDER_CONTRACT = (
    "Sort field, `-` prefix for descending. The document's example is `-created_at`; the sortable "
    "fields are the post's numeric timestamps."
)


@check(layer=3, contract=_ORDER_CONTRACT)
def order_sorts_ascending(ctx: Context) -> None:
    """`order=<field>` sorts ascending, posts without a value last, ties by created_at then id."""
    for name in ORDER_FIELDS:
        _check_order(ctx, name)


@check(layer=3, contract=_ORDER_CONTRACT)
def order_sorts_descending(ctx: Context) -> None:
    """`order=-<field>` sorts descending, posts without a value first, ties by created_at, id."""
    for name in ORDER_FIELDS:
        _check_order(ctx, "-" + name)


@check(
    layer=3,
    contract="The brand's posts that match every filter given, ordered by `order`, windowed by "
    "`start`/`limit`.",
)
def order_applies_under_a_status_filter(ctx: Context) -> None:
    """`order` sorts the posts a `status` filter keeps, not only the unfiltered list."""
    tried = 0
    for status, order in (("scheduled", "-due_at"), ("scheduled", "due_at"),
                          ("any", "-created_at"), ("executed", "-created_at"),
                          ("draft", "-created_at"), ("scheduled", "-created_at")):
        got = ctx.list_all({"status": status, "order": order})
        name = order.lstrip("-")
        if len({p[name] for p in got if p.get(name) is not None}) < 2:
            continue
        tried += 1
        unsorted = _out_of_order(got, order)
        if unsorted is not None:
            position, a, b = unsorted
            raise CheckFailure(
                f"with status={status}, order={order} is not applied: {name} "
                f"{'rises' if order.startswith('-') else 'falls'} from {a[name]!r} to "
                f"{b[name]!r} at position {position} (the status filter answered in another "
                "order)",
                exchange=got.exchange,
            )
    if not tried:
        raise CheckSkipped("no status keeps two posts with different values to sort")


@check(
    layer=3,
    contract="Default `created_at` (ascending, as the document's example list is ordered).",
)
def list_defaults_are_documented(ctx: Context) -> None:
    """Without parameters the list answers 200 with the mock's defaults (others deviate)."""
    plain_answer, plain = ctx.list_page()
    explicit_answer, explicit = ctx.list_page({"status": "any", "order": "created_at", "start": 0,
                                               "limit": 100})
    if ids(plain["data"]) != ids(explicit["data"]):
        difference = _difference(plain["data"], explicit["data"]) or "same posts, other order"
        raise CheckDeviation(
            "the list's defaults (status, order, start, limit)",
            mock="status=any&order=created_at&start=0&limit=100",
            target=f"other posts or order without parameters ({difference}; "
            f"{len(plain['data'])} post(s) of {plain['info']['total']})",
            exchange=plain_answer,
        )


_ASSOCIATIONS_CONTRACT = (
    "Each one asked for adds its key to every post returned: the expanded object, or `null` when "
    "the post has none (a template-instance post has `asset: null`). Associations not asked for "
    "are absent from the post; in particular the post never carries the bare id of its template "
    "instance or asset."
)


@check(layer=3, contract=_ASSOCIATIONS_CONTRACT)
def associations_absent_unless_asked(ctx: Context) -> None:
    """Posts carry no `template_instance`, `asset` or `owner` key unless asked for."""
    for query in ({}, {"associations": "social_post.owner"}, {"associations": "social_post.asset"}):
        answer, body = ctx.list_page(query)
        asked = {ASSOCIATION_KEYS[a] for a in str(query.get("associations", "")).split(",") if a}
        for post in body["data"]:
            extra = sorted(set(ASSOCIATION_KEYS.values()) & set(post) - asked)
            if extra:
                raise CheckFailure(
                    f"post {post.get('id')} carries {', '.join(extra)} although "
                    f"associations={query.get('associations', '(none)')}",
                    exchange=answer,
                )
    corpus = ctx.corpus
    if corpus is not None and "asset_scheduled" in corpus.creates:
        answer = corpus.creates["asset_scheduled"]
        post = corpus.posts["asset_scheduled"]
        extra = sorted(set(ASSOCIATION_KEYS.values()) & set(post))
        if extra:
            raise CheckFailure(
                f"the create answer (no associations asked) carries {', '.join(extra)}",
                exchange=answer,
            )


def _association_problem(post: Post, sent: dict[str, Any] | None) -> str | None:
    missing = [k for k in ASSOCIATION_KEYS.values() if k not in post]
    if missing:
        return f"lacks {', '.join(missing)}"
    instance, asset, owner = post["template_instance"], post["asset"], post["owner"]
    if (instance is None) == (asset is None):
        return "must have exactly one of template_instance and asset as an object, the other null"
    for name, value in (("template_instance", instance), ("asset", asset), ("owner", owner)):
        if value is not None and not isinstance(value, dict):
            return f"has {name} {value!r}: an expanded object or null is expected"
    # The owner is a user: the one who connected the post's page (not necessarily its author).
    if not isinstance(owner, dict) or not isinstance(owner.get("id"), str):
        return f"has owner {owner!r}: the expanded user is expected"
    if sent is not None:
        for name in ("template_instance", "asset"):
            value = post[name]
            shown = value.get("id") if isinstance(value, dict) else None
            if shown != sent.get(name):
                return f"expands {name} to {shown!r}; it was created with {sent.get(name)!r}"
    return None


@check(layer=3, contract=_ASSOCIATIONS_CONTRACT)
def associations_expanded_when_asked(ctx: Context) -> None:
    """Asked-for associations are the expanded objects (or null), matching the post's own ids."""
    sent = {}
    corpus = ctx.corpus
    if corpus is not None:
        sent = {corpus.posts[role]["id"]: body for role, body in corpus.sent.items()}
    answer, body = ctx.list_page({**ctx.mine(), "associations": ALL_ASSOCIATIONS})
    for post in body["data"]:
        problem = _association_problem(post, sent.get(str(post.get("id"))))
        if problem:
            raise CheckFailure(
                f"with associations={ALL_ASSOCIATIONS}, post {post.get('id')} {problem}",
                exchange=answer,
            )
    if corpus is not None and "template_scheduled" in corpus.creates:
        answer = corpus.creates["template_scheduled"]
        problem = _association_problem(
            corpus.posts["template_scheduled"], corpus.sent["template_scheduled"]
        )
        if problem:
            raise CheckFailure(
                f"the create answer with associations={ALL_ASSOCIATIONS} {problem}",
                exchange=answer,
            )


_FORMS_CONTRACT = (
    "may be sent comma-separated, as repeated keys, in the bracket form (`associations[]=`) or "
    "mixed;"
)


@check(layer=3, contract=_FORMS_CONTRACT)
def associations_in_every_form_combine(ctx: Context) -> None:
    """Associations sent as repeated keys or in bracket form all apply (or 400), never one only."""
    pair = ["social_post.asset", "social_post.owner"]
    for key, form in (("associations", "repeated keys"), ("associations[]", "bracket form")):
        answer = ctx.client.get(ctx.posts_path, {**ctx.mine(), key: pair, "limit": 5})
        if answer.status in (400, 422):
            ctx.deviate(f"`associations` as {form}", mock="every value applies",
                        target=f"{answer.status}: the form is not read", exchange=answer)
            continue
        body = expect_list(answer)
        if not body["data"]:
            raise CheckSkipped("the user's list is empty")
        for post in body["data"]:
            missing = [k for k in ("asset", "owner") if k not in post]
            if missing:
                sent = "&".join(f"{key}={value}" for value in pair)
                raise CheckFailure(
                    f"with {sent} ({form}), post {post.get('id')} lacks "
                    f"{', '.join(missing)}: an association asked for was silently dropped",
                    exchange=answer,
                )


@check(
    layer=3,
    contract="any name outside the list answer 400 naming `associations`: a value is never "
    "dropped silently.",
)
def unknown_association_names_are_refused(ctx: Context) -> None:
    """An unknown association name answers 400 naming `associations` (ignoring it deviates)."""
    query: dict[str, str | int] = {
        "associations": "social_post.template_instance,social_post.no_such_thing", "limit": 3}
    answer = ctx.client.get(ctx.posts_path, query)
    if answer.status == 200:
        expect_list(answer)
        raise CheckDeviation("unknown association names", mock="400 naming 'associations'",
                             target="200: the unknown name ignored", exchange=answer)
    status_choice(ctx, answer, decision="unknown association names", mock=400,
                  acceptable=(400, 422), what="associations=...,social_post.no_such_thing")
    if "associations" not in answer.response_body.decode("utf-8", "replace"):
        ctx.deviate("the refusal of an unknown association names the parameter",
                    mock="names 'associations'", target="does not name it", exchange=answer)


@check(
    layer=3,
    contract="`template_instance.template` expands the template inside the expanded template "
    "instance.",
)
def nested_template_association_expands_the_template(ctx: Context) -> None:
    """`template_instance.template` adds the template inside each expanded template instance."""
    nested = "social_post.template_instance,template_instance.template"
    answer = ctx.client.get(ctx.posts_path, {**ctx.mine(), "associations": nested,
                                             "limit": LIST_LIMIT})
    if answer.status in (400, 422):
        raise CheckDeviation("the nested association template_instance.template",
                             mock="expands the template", target=f"{answer.status}: not known",
                             exchange=answer)
    body = expect_list(answer)
    instances = [p["template_instance"] for p in body["data"]
                 if isinstance(p.get("template_instance"), dict)]
    if not instances:
        raise CheckSkipped("no listed post of the user has a template instance")
    for instance in instances:
        template = instance.get("template")
        if not isinstance(template, dict) or not isinstance(template.get("id"), str):
            raise CheckFailure(
                f"with associations={nested}, template instance {instance.get('id')} carries "
                f"template {template!r}: the expanded template is expected",
                exchange=answer,
            )
        medium = ctx.profile.template_medium
        if (instance.get("id") == ctx.profile.template_instance and medium
                and template.get("medium") != medium):
            raise CheckFailure(
                f"template instance {instance.get('id')} expands a template of medium "
                f"{template.get('medium')!r}; its medium is {medium}",
                exchange=answer,
            )
    alone = ctx.client.get(ctx.posts_path, {**ctx.mine(), "associations": "template_instance."
                                            "template", "limit": 5})
    if alone.status == 200:
        for post in expect_list(alone)["data"]:
            if "template_instance" in post or "template" in post:
                raise CheckFailure(
                    "template_instance.template asked for without social_post.template_instance "
                    f"adds keys to post {post.get('id')}; it changes nothing",
                    exchange=alone,
                )


@check(
    layer=3,
    contract="`owner` is the user who connected the post's Facebook page",
)
def owner_is_the_same_for_every_post_of_a_page(ctx: Context) -> None:
    """Every post of one Facebook page has the same `owner`, whoever created the post."""
    listing = ctx.list_all({"associations": "social_post.owner"})
    owners: dict[str, tuple[str, str]] = {}
    for post in listing:
        owner = post.get("owner")
        if not isinstance(owner, dict):
            continue
        page, user = str(post.get("facebook_page")), str(owner.get("id"))
        first = owners.setdefault(page, (user, str(post.get("id"))))
        if first[0] != user:
            raise CheckFailure(
                f"posts {first[1]} and {post.get('id')} of page {page} have owners {first[0]} "
                f"and {user}: the owner is who connected the page, not the post's author",
                exchange=listing.exchange,
            )


@check(
    layer=3,
    contract="The brand's posts that match every filter given, ordered by `order`, windowed by "
    "`start`/`limit`.",
)
def filters_combine(ctx: Context) -> None:
    """Two filters together return exactly the posts each returns alone (the intersection)."""
    _, stats = ctx.stats()
    medium = next((k for k in sorted(stats) if k != "type"), None)
    pairs: list[dict[str, Any]] = [{"status": "scheduled", "video": False}]
    if medium is not None:
        pairs += [{"video": True, "mediums": [medium]}, {"video": False, "mediums": [medium]},
                  {"status": "scheduled", "mediums": [medium]}]
    if ctx.profile.user:
        pairs += [{**ctx.mine(), "video": True}, {**ctx.mine(), "status": "draft"}]
    for pair in pairs:
        alone = [set(ids(ctx.list_all({k: v}))) for k, v in pair.items()]
        expected = set.intersection(*alone)
        got = ctx.list_all(pair)
        if set(ids(got)) != expected:
            shown = "&".join(f"{k}={v[0] if isinstance(v, list) else v}".replace("True", "true")
                             .replace("False", "false") for k, v in pair.items())
            raise CheckFailure(
                f"{shown} returned {len(got)} post(s); the posts each filter returns alone "
                f"have {len(expected)} in common",
                exchange=got.exchange,
            )


def _execution_problem(post: Post) -> str | None:
    failed = post.get("failure") is not None or post.get("failed_at") is not None
    if status_of(post) != "executed":
        if post.get("post_link") is not None or failed:
            return "is not executed but carries post_link, failed_at or failure"
        return None
    if not failed:
        if post.get("post_link") and post.get("media_container_id"):
            return None
        return "is published (no failure) but lacks post_link or media_container_id"
    if post.get("post_link") is not None:
        return "failed but carries a post_link"
    if not isinstance(post.get("failed_at"), str) or not post.get("failure"):
        return "failed but lacks failed_at (an ISO-8601 string) or failure"
    return None


@check(
    layer=3,
    contract="Published posts carry `post_link` and `media_container_id`; failed posts carry "
    "`failed_at` and `failure` and no `post_link`; both carry `executed_at`.",
)
def execution_fields_match_status(ctx: Context) -> None:
    """Executed posts are published (a link) or failed (a failure); others carry neither."""
    listing = ctx.list_all()
    for post in listing:
        problem = _execution_problem(post)
        if problem:
            raise CheckFailure(f"post {post.get('id')} {problem}", exchange=listing.exchange)


@check(
    layer=3,
    contract="`current_time` is the user's local time in their `timezone`, formatted as the real "
    "server's PostgreSQL does (`FMHH:MI AM - FMDay Mon DD, YYYY`): the hour is not padded, the "
    "day of the month is (`7:43 PM - Thursday Jan 02, 2026`).",
)
def owner_current_time_is_local_time(ctx: Context) -> None:
    """The owner's `current_time` is the current time in the owner's timezone."""
    before = _now(ctx)
    answer, body = ctx.list_page({"associations": "social_post.owner", "limit": 5})
    after = _now(ctx)
    owners = [p["owner"] for p in body["data"] if isinstance(p.get("owner"), dict)]
    if not owners:
        raise CheckSkipped("no listed post shows an owner")
    for owner in owners:
        zone = owner.get("timezone")
        if not isinstance(zone, str) or local_time(before, zone) is None:
            continue
        # The server read its clock between our two readings; off the mock, clocks may differ
        # by a minute and a half.
        slack = 0.0 if ctx.control is not None else 90.0
        instants = [float(t) for t in range(int(before - slack), int(after + slack) + 1, 30)]
        instants += [before, after]
        if matches_local_time(owner.get("current_time"), instants, zone):
            continue
        if matches_local_time(owner.get("current_time"), instants, zone, padded=False):
            ctx.deviate("the day of the month in owner.current_time",
                        mock=f"padded ({local_time(after, zone)!r})",
                        target=f"not padded ({owner.get('current_time')!r})", exchange=answer)
        else:
            raise CheckFailure(
                f"owner {owner.get('id')} has current_time {owner.get('current_time')!r}; in "
                f"{zone} it is {local_time(after, zone)!r}",
                exchange=answer,
            )


def _now(ctx: Context) -> float:
    """The server's clock: the mock's simulated one, else as read from a post it created."""
    return ctx.server_clock()
