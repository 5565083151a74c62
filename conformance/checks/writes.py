"""Layer 3: create and update answer as documented and keep exactly what was sent."""

from __future__ import annotations

import json
import uuid
from typing import Any

from ..choices import REFUSALS, status_choice
from ..context import (
    ALL_ASSOCIATIONS,
    Context,
    Corpus,
    envelope_post,
    json_or_none,
)
from ..posts import same_instant
from ..registry import check
from ..results import CheckDeviation, CheckFailure, CheckSkipped
from ..target.http import Exchange

ECHOED = ("caption", "facebook_page", "due_at")
_UPDATE_CONTRACT = "Fields sent replace the stored ones; fields not sent are kept."


def _corpus(ctx: Context) -> Corpus:
    if ctx.corpus is None:
        raise CheckSkipped("the run created no posts (--read-only, or the creates failed)")
    return ctx.corpus


def _envelope(answer: Exchange, what: str) -> dict[str, Any]:
    """The post of a 200 ``{code: OK, data}`` answer, or a failure naming what came back."""
    if answer.status != 200:
        raise CheckFailure(f"{what} answered {answer.status}, expected 200", exchange=answer)
    try:
        body = answer.json()
    except ValueError:
        raise CheckFailure(f"{what} answered a body that is not JSON", exchange=answer) from None
    post = envelope_post(answer)
    if not isinstance(body, dict) or body.get("code") != "OK" or post is None:
        raise CheckFailure(f"{what} did not answer {{code: \"OK\", data: post}}", exchange=answer)
    return post


def _mismatch(post: dict[str, Any], sent: dict[str, Any], names: tuple[str, ...]) -> str | None:
    for name in names:
        if name not in sent:
            continue
        want, got = sent[name], post.get(name)
        equal = same_instant(got, want) if name.endswith("_at") else got == want
        if not equal:
            return f"{name} is {got!r}, sent {want!r}"
    return None


@check(layer=3, writes=True, contract="The document answers **200** (not 201) with the new post;")
def create_answers_200_with_the_post(ctx: Context) -> None:
    """A valid create answers 200 (not 201) with `{code: "OK", data: post}`."""
    corpus = _corpus(ctx)
    for role, answer in corpus.creates.items():
        _envelope(answer, f"the create of the {role.replace('_', ' ')} post")


@check(
    layer=3,
    writes=True,
    contract="Creates a post from exactly one of a template instance or a brand asset, for one "
    "of the brand's pages.",
)
def create_echoes_the_fields_sent(ctx: Context) -> None:
    """The created post shows the caption, page and due_at sent, in the brand asked for."""
    corpus = _corpus(ctx)
    for role, post in corpus.posts.items():
        answer = corpus.creates[role]
        problem = _mismatch(post, corpus.sent[role], ECHOED)
        if problem is None and post.get("brand") != ctx.profile.brand:
            problem = f"brand is {post.get('brand')!r}, created in {ctx.profile.brand}"
        if problem is None and post.get("type") != "social_post":
            problem = f"type is {post.get('type')!r}"
        if problem is None and (post.get("executed_at") is not None or post.get("post_link")):
            problem = "a new post already carries executed_at or post_link"
        if problem:
            raise CheckFailure(f"the created {role.replace('_', ' ')} post: {problem}",
                               exchange=answer)


@check(layer=3, writes=True, contract="Kept as sent (milliseconds).")
def due_at_keeps_milliseconds(ctx: Context) -> None:
    """`due_at` comes back exactly as sent, milliseconds included, on create and in the list."""
    corpus = _corpus(ctx)
    listed = {p["id"]: p for p in ctx.list_all(ctx.mine())}
    for role, sent in corpus.sent.items():
        if sent.get("due_at") is None:
            continue
        post = corpus.posts[role]
        if not same_instant(post.get("due_at"), sent["due_at"]):
            raise CheckFailure(
                f"the create answer has due_at {post.get('due_at')!r}, sent {sent['due_at']!r}",
                exchange=corpus.creates[role],
            )
        shown = listed.get(post["id"], {}).get("due_at")
        if post["id"] in listed and not same_instant(shown, sent["due_at"]):
            raise CheckFailure(
                f"the list shows due_at {shown!r} for post {post['id']}, sent {sent['due_at']!r}",
                exchange=ctx.client.exchanges[-1],
            )


@check(layer=3, writes=True, contract="`created_by` is the authenticated user.")
def created_by_is_the_authenticated_user(ctx: Context) -> None:
    """Created posts carry the token's user as `created_by`, whatever else is sent."""
    corpus = _corpus(ctx)
    expected = ctx.profile.user
    for role, post in corpus.posts.items():
        owner = post.get("owner")
        user = expected or (owner.get("id") if isinstance(owner, dict) else None)
        if user is None:
            raise CheckSkipped("the profile names no user for the token")
        if post.get("created_by") != user:
            raise CheckFailure(
                f"the created {role.replace('_', ' ')} post has created_by "
                f"{post.get('created_by')!r}; the token's user is {user}",
                exchange=corpus.creates[role],
            )


@check(layer=3, writes=True, contract="`due_at` null or absent makes a draft.")
def create_without_due_at_makes_a_draft(ctx: Context) -> None:
    """A post created with `due_at` null or absent is a draft, listed under `status=draft`."""
    corpus = _corpus(ctx)
    listing = ctx.list_all({**ctx.mine(), "status": "draft"})
    drafts = {p["id"] for p in listing}
    for role in ("template_draft", "asset_draft"):
        post = corpus.posts.get(role)
        if post is None:
            continue
        if post.get("due_at") is not None:
            raise CheckFailure(f"a post created without due_at has due_at {post['due_at']!r}",
                               exchange=corpus.creates[role])
        if post["id"] not in drafts:
            raise CheckFailure(
                f"draft {post['id']} is missing from status=draft", exchange=listing.exchange
            )


@check(
    layer=3,
    writes=True,
    contract="The template instance and the asset must exist, be live and belong to the brand: "
    "one that does not answers 404, with `field` naming it.",
)
def create_rejects_unknown_references(ctx: Context) -> None:
    """A create naming a page, template instance or asset that does not exist is refused (404)."""
    for field in ("facebook_page", "template_instance", "asset"):
        source = "asset" if field == "asset" else "template_instance"
        body = ctx.body(f"unknown {field}", source, **{field: str(uuid.uuid4())})
        answer = ctx.post_create(body)
        what = f"a create with an unknown {field}"
        status_choice(ctx, answer, decision=f"a create naming an unknown {field}", mock=404,
                      acceptable=(400, 403, 404), what=what)
        _names_field(ctx, answer, field, what)


def _names_field(ctx: Context, answer: Exchange, field: str, what: str) -> None:
    """The mock's refusals name the field (`field`, `detail`); other servers may not."""
    if field not in answer.response_body.decode("utf-8", "replace"):
        ctx.deviate(f"the refusal of {what} names the field", mock=f"names '{field}'",
                    target="does not name it", exchange=answer)


@check(
    layer=3,
    writes=True,
    contract="another brand's page answers 403 (\"Access denied\", `field: facebook_page`), as the "
    "real server does.",
)
def create_rejects_references_of_other_brands(ctx: Context) -> None:
    """A create naming another brand's page (403), template instance or asset (404) is refused."""
    foreign = {"facebook_page": ctx.profile.foreign_facebook_page,
               "template_instance": ctx.profile.foreign_template_instance,
               "asset": ctx.profile.foreign_asset}
    if not any(foreign.values()):
        raise CheckSkipped("the profile names no foreign_facebook_page, foreign_template_instance "
                           "or foreign_asset")
    for field, ref in foreign.items():
        if ref is None:
            continue
        source = "asset" if field == "asset" else "template_instance"
        answer = ctx.post_create(ctx.body(f"foreign {field}", source, **{field: ref}))
        what = f"a create naming another brand's {field} {ref}"
        mock = 403 if field == "facebook_page" else 404
        status_choice(ctx, answer, decision=f"a create naming another brand's {field}",
                      mock=mock, acceptable=(400, 403, 404), what=what)
        _names_field(ctx, answer, field, what)


@check(
    layer=3,
    writes=True,
    contract="The same ownership rules as create apply (another brand's page 403, a missing or "
    "deleted page 404).",
)
def update_rejects_unknown_references(ctx: Context) -> None:
    """An update naming an unknown page (404) or another brand's (403) is refused, unchanged."""
    post = ctx.create_post("update references", due_at=ctx.future(27, 111))
    for ref, mock, whose in ((str(uuid.uuid4()), 404, "an unknown"),
                             (ctx.profile.foreign_facebook_page, 403, "another brand's")):
        if ref is None:
            continue
        answer = ctx.update(post["id"], {"facebook_page": ref})
        status_choice(ctx, answer, decision=f"an update naming {whose} facebook_page", mock=mock,
                      acceptable=(400, 403, 404),
                      what=f"an update naming {whose} facebook_page {ref}")
    shown = ctx.find(post["id"])
    if shown is None or shown.get("facebook_page") != post.get("facebook_page"):
        raise CheckFailure(
            f"after refused updates of its page, post {post['id']} shows facebook_page "
            f"{(shown or {}).get('facebook_page')!r}; it was {post.get('facebook_page')!r}",
            exchange=ctx.client.exchanges[-1],
        )


@check(layer=3, writes=True,
       contract="The post's text; null when the post was created without one.")
def create_without_caption_has_null_caption(ctx: Context) -> None:
    """A post created without a caption has `caption: null`."""
    body = {"facebook_page": ctx.profile.facebook_page,
            "template_instance": ctx.profile.template_instance}
    answer = ctx.post_create(body)
    if answer.status in (400, 422):
        raise CheckDeviation("a create without caption", mock="200, caption null",
                             target=f"{answer.status} (caption required)", exchange=answer)
    post = _envelope(answer, "a create without caption")
    if post.get("caption") == "":
        raise CheckDeviation("a create without caption", mock="200, caption null",
                             target="200, caption \"\"", exchange=answer)
    if "caption" not in post or post["caption"] is not None:
        raise CheckFailure(f"a post created without caption has caption "
                           f"{post.get('caption', '(absent)')!r}, expected null", exchange=answer)


@check(layer=3, writes=True, contract="an empty object is rejected.")
def update_with_empty_body_is_400(ctx: Context) -> None:
    """An update with an empty JSON object answers 400 (or 200 changing nothing)."""
    post = ctx.create_post("empty update", due_at=ctx.future(27, 222))
    answer = ctx.update(post["id"], {})
    if answer.status == 400:
        return
    if answer.status == 200:
        shown = ctx.find(post["id"])
        problem = _mismatch(shown or {}, post, ("caption", "due_at", "facebook_page",
                                                "created_at", "created_by"))
        if shown is None or problem:
            raise CheckFailure(f"an empty update changed post {post['id']}: "
                               f"{problem or 'it is gone'}", exchange=answer)
        ctx.deviate("an update with an empty object", mock="400", target="200, nothing changed",
                    exchange=answer)
        return
    status_choice(ctx, answer, decision="an update with an empty object", mock=400,
                  acceptable=REFUSALS, what="an update with an empty object")


@check(layer=3, writes=True,
       contract="A parameter or the body is invalid; `detail` (and `message`) names the field and "
       "the rule,")
def malformed_json_is_400(ctx: Context) -> None:
    """A create whose body is not well-formed JSON answers 400."""
    answer = ctx.client.request("POST", ctx.posts_path, content=b'{"facebook_page": ',
                                headers={"Content-Type": "application/json"})
    ctx.ledger.record_response(answer.status, json_or_none(answer))
    status_choice(ctx, answer, decision="a malformed JSON body", mock=400, acceptable=REFUSALS,
                  what="a create with a truncated JSON body")


@check(layer=3, writes=True, contract="The request body is not `application/json`.")
def non_json_body_is_415(ctx: Context) -> None:
    """A create sent as `text/plain` answers 415."""
    body = json.dumps(ctx.body("sent as text")).encode()
    answer = ctx.client.request("POST", ctx.posts_path, content=body,
                                headers={"Content-Type": "text/plain"})
    ctx.ledger.record_response(answer.status, json_or_none(answer))
    status_choice(ctx, answer, decision="a body that is not application/json", mock=415,
                  acceptable=REFUSALS, what="a create sent as text/plain")


@check(layer=3, writes=True,
       contract="The request body is over the size limit (64 KiB on the mock).")
def oversized_body_is_413(ctx: Context) -> None:
    """A create body far over the size limit answers 413 (on the mock: over 64 KiB)."""
    body = json.dumps({**ctx.body("oversized"), "padding": "x" * 1_100_000}).encode()
    answer = ctx.client.request("POST", ctx.posts_path, content=body,
                                headers={"Content-Type": "application/json"})
    ctx.ledger.record_response(answer.status, json_or_none(answer))
    status_choice(ctx, answer, decision="a body over the size limit", mock=413,
                  acceptable=(400, 413), what=f"a {len(body)}-byte create")


@check(
    layer=3,
    writes=True,
    contract="Exactly one of `template_instance` and `asset` is a uuid; the other is null or "
    "absent.",
)
def create_requires_exactly_one_source(ctx: Context) -> None:
    """A create with both a template instance and an asset, or neither, answers 400."""
    both = ctx.body("both sources", asset=ctx.profile.asset)
    status_choice(ctx, ctx.post_create(both), decision="a create with two sources", mock=400,
                  acceptable=REFUSALS, what="a create with both template_instance and asset")
    neither = {"facebook_page": ctx.profile.facebook_page, "caption": ctx.caption("no source")}
    status_choice(ctx, ctx.post_create(neither), decision="a create without a source", mock=400,
                  acceptable=REFUSALS, what="a create with neither template_instance nor asset")


@check(layer=3, writes=True, contract="Unknown fields are rejected.")
def create_rejects_unknown_fields(ctx: Context) -> None:
    """A create sending `created_by` answers 400 (or ignores it), never forging the author."""
    forged = str(uuid.uuid4())
    answer = ctx.post_create(ctx.body("unknown field", created_by=forged))
    if 200 <= answer.status < 300:
        post = envelope_post(answer)
        if post is None or post.get("created_by") == forged:
            raise CheckFailure(f"a create sending created_by {forged} was accepted with that "
                               "author: created_by must be the authenticated user",
                               exchange=answer)
        raise CheckDeviation("a create with a field the contract does not define (created_by)",
                             mock="400 naming 'created_by'",
                             target=f"{answer.status}, the field ignored", exchange=answer)
    status_choice(ctx, answer, decision="a create with a field the contract does not define",
                  mock=400, acceptable=REFUSALS, what="a create with created_by in the body")
    if "created_by" not in answer.response_body.decode("utf-8", "replace"):
        ctx.deviate("the refusal of an unknown body field names it", mock="names 'created_by'",
                    target="does not name it", exchange=answer)


@check(layer=3, writes=True, contract=_UPDATE_CONTRACT)
def update_answers_200_with_the_post(ctx: Context) -> None:
    """A valid update answers 200 with `{code: "OK", data: post}` of that post."""
    post = ctx.create_post("update status", due_at=ctx.future(20, 101))
    answer = ctx.update(post["id"], {"caption": ctx.caption("update status, updated")})
    updated = _envelope(answer, "the update")
    if updated.get("id") != post["id"]:
        raise CheckFailure(f"the update of {post['id']} answered post {updated.get('id')}",
                           exchange=answer)


@check(layer=3, writes=True, contract=_UPDATE_CONTRACT)
def update_replaces_the_fields_sent(ctx: Context) -> None:
    """An update's caption, due_at and page replace the stored ones (echoed as sent)."""
    post = ctx.create_post("update replaces", "asset", due_at=ctx.future(21, 202))
    sent = {"caption": ctx.caption("update replaces, new caption"),
            "due_at": ctx.future(22, 303), "facebook_page": ctx.profile.facebook_page}
    answer = ctx.update(post["id"], sent)
    problem = _mismatch(_envelope(answer, "the update"), sent, ECHOED)
    if problem:
        raise CheckFailure(f"the updated post: {problem}", exchange=answer)


@check(layer=3, writes=True, contract=_UPDATE_CONTRACT)
def update_keeps_the_fields_not_sent(ctx: Context) -> None:
    """An update of the caption alone keeps due_at, page and the asset as they were."""
    query = {"associations": ALL_ASSOCIATIONS}
    post = ctx.create_post("update keeps", "asset", query=query, due_at=ctx.future(23, 404))
    answer = ctx.update(post["id"], {"caption": ctx.caption("update keeps, new caption")}, query)
    updated = _envelope(answer, "the update")
    problem = _mismatch(updated, post, ("due_at", "facebook_page", "created_by", "created_at"))
    asset = updated.get("asset")
    if problem is None and (not isinstance(asset, dict) or asset.get("id") != ctx.profile.asset):
        problem = f"asset is {asset!r}, kept from {ctx.profile.asset}"
    if problem is None and updated.get("template_instance") is not None:
        problem = f"template_instance is {updated.get('template_instance')!r}, kept from null"
    if problem:
        raise CheckFailure(f"after updating only the caption, {problem}", exchange=answer)


_SOURCE_CONTRACT = (
    "sending one of them (a uuid) replaces the post's source, so the other becomes null, whether "
    "it is sent as null (as the document's example does) or not sent."
)


def _switch(ctx: Context, body: dict[str, Any], how: str) -> None:
    query = {"associations": "social_post.template_instance,social_post.asset"}
    post = ctx.create_post(f"switch source {how}", "asset", due_at=ctx.future(24, 505))
    answer = ctx.update(post["id"], body, query)
    if "asset" not in body and answer.status in REFUSALS:
        # The document's example sends `asset: null`; without it, refusing is a reading too.
        ctx.deviate("an update sending a template_instance alone to an asset post",
                    mock="200, the source replaced", target=str(answer.status), exchange=answer)
        return
    updated = _envelope(answer, f"the switch to a template instance {how}")
    instance = updated.get("template_instance")
    if not isinstance(instance, dict) or instance.get("id") != ctx.profile.template_instance:
        raise CheckFailure(
            f"after the switch {how}, template_instance is {instance!r}; sent "
            f"{ctx.profile.template_instance}",
            exchange=answer,
        )
    if updated.get("asset") is not None:
        raise CheckFailure(f"after the switch {how}, asset is {updated.get('asset')!r}; it must "
                           "become null", exchange=answer)


@check(layer=3, writes=True, contract=_SOURCE_CONTRACT)
def update_switches_the_source(ctx: Context) -> None:
    """A `template_instance` sent to an asset post replaces its asset (sent as null or not)."""
    instance = ctx.profile.template_instance
    _switch(ctx, {"asset": None, "template_instance": instance}, "with asset: null")
    _switch(ctx, {"template_instance": instance}, "without asset")


@check(
    layer=3,
    writes=True,
    contract="Keeps posts whose medium (the template's medium, or the asset's medium) is one of "
    "the given ones.",
)
def medium_follows_a_source_switch(ctx: Context) -> None:
    """After an update switches an asset post to a template instance, `mediums` and stats
    count it under the template's medium, no longer under the asset's."""
    template_medium = ctx.profile.template_medium
    query = {"associations": "social_post.asset"}
    post = ctx.create_post("medium switch", "asset", query=query, due_at=ctx.future(24, 808))
    asset = post.get("asset")
    asset_medium = asset.get("medium") if isinstance(asset, dict) else None
    if template_medium is None or asset_medium is None or asset_medium == template_medium:
        raise CheckSkipped("the profile's template instance and asset need two known mediums")
    counted = {"status": "scheduled", **ctx.mine()}
    _, before = ctx.stats(counted)
    answer = ctx.update(post["id"], {"asset": None,
                                     "template_instance": ctx.profile.template_instance})
    _envelope(answer, "the switch to a template instance")
    now_in = ctx.list_all({"mediums": [template_medium]})
    if post["id"] not in {p.get("id") for p in now_in}:
        raise CheckFailure(
            f"after the switch to a template instance, post {post['id']} is missing from "
            f"mediums={template_medium} (its medium is now the template's)",
            exchange=now_in.exchange,
        )
    was_in = ctx.list_all({"mediums": [asset_medium]})
    if post["id"] in {p.get("id") for p in was_in}:
        raise CheckFailure(
            f"after the switch to a template instance, post {post['id']} is still listed under "
            f"mediums={asset_medium}, its old asset's medium",
            exchange=was_in.exchange,
        )
    stats_answer, after = ctx.stats(counted)

    def count(stats: dict[str, Any], medium: str) -> int:
        value = stats.get(medium)
        return int(value) if isinstance(value, str) and value.isdigit() else 0

    moved = (count(after, asset_medium) - count(before, asset_medium),
             count(after, template_medium) - count(before, template_medium))
    if moved != (-1, 1):
        raise CheckFailure(
            f"after the switch to a template instance, stats moved {asset_medium} by "
            f"{moved[0]:+d} and {template_medium} by {moved[1]:+d}; expected -1 and +1",
            exchange=stats_answer,
        )


@check(layer=3, writes=True, contract="Sending both set, or both null, is invalid (400);")
def update_rejects_both_or_neither_source(ctx: Context) -> None:
    """An update sending both a template instance and an asset, or both null, answers 400."""
    post = ctx.create_post("two sources", "asset", due_at=ctx.future(25, 606))
    for body, what in (
        ({"template_instance": ctx.profile.template_instance, "asset": ctx.profile.asset},
         "both set"),
        ({"template_instance": None, "asset": None}, "both null"),
    ):
        answer = ctx.update(post["id"], body)
        status_choice(ctx, answer, decision=f"an update with both sources {what}", mock=400,
                      acceptable=REFUSALS,
                      what=f"an update with template_instance and asset {what}")


@check(
    layer=3,
    writes=True,
    contract="sending null for the post's only source, without the other, leaves it with "
    "neither and answers 409.",
)
def update_removing_the_only_source_is_409(ctx: Context) -> None:
    """`asset: null` alone on an asset post answers 409 (it would have no source)."""
    post = ctx.create_post("only source", "asset", due_at=ctx.future(25, 707))
    answer = ctx.update(post["id"], {"asset": None})
    status_choice(ctx, answer, decision="an update removing the post's only source", mock=409,
                  acceptable=REFUSALS, what="an update sending asset: null alone to an asset post")


@check(layer=3, writes=True, contract="`due_at: null` turns a scheduled post into a draft.")
def update_due_at_null_makes_a_draft(ctx: Context) -> None:
    """`due_at: null` turns a scheduled post into a draft."""
    post = ctx.create_post("to draft", due_at=ctx.future(26, 707))
    answer = ctx.update(post["id"], {"due_at": None})
    updated = _envelope(answer, "the update to a draft")
    if updated.get("due_at") is not None:
        raise CheckFailure(f"after due_at: null, due_at is {updated.get('due_at')!r}",
                           exchange=answer)
    drafts = ctx.list_all({**ctx.mine(), "status": "draft"})
    if post["id"] not in {p["id"] for p in drafts}:
        raise CheckFailure(f"post {post['id']} is not listed under status=draft after due_at: null",
                           exchange=drafts.exchange)


@check(
    layer=3,
    writes=True,
    contract="an executed (published or failed) post answers **403** \"This post is executed\" and "
    "is not changed, as the real server answers; other implementations answer 409 Conflict, "
    "which is also acceptable",
)
def update_of_executed_post_is_refused(ctx: Context) -> None:
    """Updating an executed post is refused, 403 (or 409); its own caption is sent back."""
    target = ctx.profile.executed_post
    if target is None:
        raise CheckSkipped("the profile names no executed_post")
    executed = ctx.list_all({"status": "executed"})
    post = next((p for p in executed if p.get("id") == target), None)
    if post is None:
        raise CheckSkipped(f"executed_post {target} is not among the brand's executed posts")
    answer = ctx.update(target, {"caption": post.get("caption")})
    status_choice(ctx, answer, decision="an update of an executed post", mock=403,
                  acceptable=(403, 409), what=f"updating executed post {target}")


@check(layer=3, writes=True, contract="A deleted or unknown post answers 404.")
def unknown_post_is_404(ctx: Context) -> None:
    """Updating or deleting a post id that does not exist answers 404."""
    unknown = str(uuid.uuid4())
    answer = ctx.update(unknown, {"caption": ctx.caption("unknown post")})
    status_choice(ctx, answer, decision="an unknown post", mock=404, acceptable=(404, 410),
                  what=f"updating unknown post {unknown}")
    answer = ctx.delete(unknown)
    status_choice(ctx, answer, decision="an unknown post", mock=404, acceptable=(404, 410),
                  what=f"deleting unknown post {unknown}")


@check(layer=3, writes=True,
       contract="A post of another brand addressed through this brand's path answers 404.")
def other_brands_post_is_404(ctx: Context) -> None:
    """Another brand's post, updated or deleted through this brand's path, is refused (404)."""
    target = ctx.profile.foreign_post
    if target is None:
        raise CheckSkipped("the profile names no foreign_post")
    if ctx.control is None:
        raise CheckSkipped("only tried on the mock: a defective server would change that post")
    answer = ctx.update(target, {"caption": ctx.caption("another brand's post")})
    status_choice(ctx, answer, decision="another brand's post through this brand's path",
                  mock=404, acceptable=(403, 404),
                  what=f"updating another brand's post {target} through brand {ctx.profile.brand}")
    answer = ctx.client.request("DELETE", ctx.post_path(target))
    status_choice(ctx, answer, decision="another brand's post through this brand's path",
                  mock=404, acceptable=(403, 404),
                  what=f"deleting another brand's post {target} through brand {ctx.profile.brand}")


@check(
    layer=3,
    writes=True,
    contract="**Timestamps** are epoch seconds as JSON numbers (fractional, microsecond "
    "precision)",
)
def created_at_is_the_clock_to_the_microsecond(ctx: Context) -> None:
    """On the mock, a new post's `created_at` and `updated_at` are its clock's now, unrounded."""
    if ctx.control is None:
        raise CheckSkipped("the server's clock is only known on the mock")
    before = float(ctx.control.clock()["now"])
    post = ctx.create_post("clock precision", due_at=ctx.future(28, 333))
    after = float(ctx.control.clock()["now"])
    for name in ("created_at", "updated_at"):
        stamp = post.get(name)
        if not isinstance(stamp, int | float) or not before - 1e-6 <= stamp <= after + 1e-6:
            raise CheckFailure(
                f"a post created at clock {before} has {name} {stamp!r} (microseconds expected)",
                exchange=ctx.client.exchanges[-2],
            )
