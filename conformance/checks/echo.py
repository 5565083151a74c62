"""Layer 3: every value a client sends comes back exactly, and nothing the request did not touch
moves.

The values are hostile but valid: captions from every Unicode plane (sent escaped and as raw
UTF-8), surrounding whitespace, CRLF, markup, combining and format characters, the empty and the
longest caption every server allows, `due_at` to the millisecond the document shows and far in
the future (finer precision kept is the mock's choice). Each is read back from the write's answer
and from the list. Updates and deletes leave every field and every other post as it was.
"""

from __future__ import annotations

import json
import uuid
from typing import Any

from ..choices import REFUSALS, status_choice
from ..context import ALL_ASSOCIATIONS, Context, envelope_post
from ..posts import Post, same_instant
from ..registry import check
from ..results import CheckDeviation, CheckFailure
from ..target.http import Exchange

# Hostile but valid captions, each with one kind of hostility, labelled for the message (the
# prefix keeps them recognisable as the run's; the empty one is in the ledger by its id).
CAPTIONS: tuple[tuple[str, str], ...] = (
    ("surrounding whitespace", "  \t{prefix} x  \t\n  "),
    ("astral characters", "{prefix} 😀 𠀀 🂡 \U00030000 \U000f0000 \U0010fffd"),
    ("format characters", "{prefix} 👨\u200d👩\u200d👧 ❤\ufe0f \u200e 🏴\U000e0067\U000e0062"
     "\U000e0073\U000e0063\U000e0074\U000e007f \u845b\U000e0100 a\u00adb \u200b\ufeff"),
    ("html markup", "{prefix} <b>a & b</b> \"q\" 'q' &amp; <script>x</script>"),
    ("combining characters", "{prefix} e\u0301 \u212b \u1e9b\u0323 ﬁ"),
    ("crlf line breaks", "{prefix} a\r\nb\rc\nd"),
    ("text of the BMP", "{prefix} Ünïcödé — Ω ж ع א\u200f हिन्दी ไทย 한국어 中文 \u00a0 ‰ € \\"),
    ("an empty caption", ""),
)
# Every kind at once: what an update must keep when it does not send the caption.
EVERYTHING = "\n".join(text for _, text in CAPTIONS if text)
# The document is silent on a caption's length: the mock allows 2,200 characters (Instagram's
# limit); the real server wants fewer than 2,200, so 2,199 is the longest every server keeps.
MOCK_CAPTION_MAX = 2200
_ECHO_CONTRACT = "Creates a post from exactly one of a template instance or a brand asset"
_UPDATE_CONTRACT = "Fields sent replace the stored ones; fields not sent are kept."
# What a write may change besides the fields it sends.
MOVING = {"updated_at"}


def _sized(ctx: Context, label: str, length: int) -> str:
    """A caption of exactly ``length`` characters (code points, all in the BMP)."""
    head = ctx.caption(label) + " "
    filler = "Lorem ipsum é ñ 中 "
    text = head + filler * (length // len(filler) + 1)
    return text[:length - 1] + "."


def _create(ctx: Context, caption: str, raw: bool = False) -> tuple[Exchange, Post | None]:
    """Create a scheduled post with ``caption``, sent as escaped JSON or as raw UTF-8."""
    body = ctx.body("echo", due_at=ctx.future(33, 444), caption=caption)
    if not raw:
        answer = ctx.post_create(body)
    else:
        answer = ctx.client.request(
            "POST", ctx.posts_path, content=json.dumps(body, ensure_ascii=False).encode("utf-8"),
            headers={"Content-Type": "application/json; charset=utf-8"},
        )
        post_id = ctx.ledger.record_response(answer.status, _json(answer))
        if post_id is None and 200 <= answer.status < 300:
            raise CheckFailure("the create answered no post id", exchange=answer)
    return answer, envelope_post(answer) if 200 <= answer.status < 300 else None


def _json(answer: Exchange) -> Any:
    try:
        return answer.json()
    except ValueError:
        return None


def _echoed(ctx: Context, captions: list[tuple[str, str]], raw: bool = False) -> None:
    """Each labelled caption comes back exactly from its create and from the list."""
    created: list[tuple[str, str, Post]] = []
    for label, caption in captions:
        answer, post = _create(ctx, caption, raw)
        if post is None:
            raise CheckFailure(f"a create with a caption of {label} answered {answer.status}; "
                               "the caption is valid", exchange=answer)
        _same_caption(post.get("caption"), caption, f"caption with {label}: the create answer",
                      answer)
        created.append((label, caption, post))
    listing = ctx.list_all(ctx.mine())
    shown = {p.get("id"): p for p in listing}
    for label, caption, post in created:
        if post["id"] not in shown:
            raise CheckFailure(f"the post created with a caption of {label} is missing from the "
                               "list", exchange=listing.exchange)
        _same_caption(shown[post["id"]].get("caption"), caption,
                      f"caption with {label}: the list", listing.exchange)


def _same_caption(got: Any, sent: str, where: str, exchange: Exchange) -> None:
    if got == sent:
        return
    detail = "not a string"
    if isinstance(got, str):
        at = next((i for i, (a, b) in enumerate(zip(got, sent, strict=False)) if a != b),
                  min(len(got), len(sent)))
        detail = (f"{len(got)} characters for {len(sent)} sent, first difference at {at}: "
                  f"{got[at:at + 12]!r} for {sent[at:at + 12]!r}")
    raise CheckFailure(f"{where} came back as {got!r}, sent {sent!r} ({detail})",
                       exchange=exchange)


@check(layer=3, writes=True, contract=_ECHO_CONTRACT)
def caption_comes_back_exactly(ctx: Context) -> None:
    """Hostile but valid captions (whitespace, astral and format characters, markup, combining
    marks, CRLF, empty, 2,199 characters) come back exactly."""
    prefix = ctx.caption("caption")
    captions = [(label, text.format(prefix=prefix)) for label, text in CAPTIONS]
    captions.insert(4, ("the longest length every server allows (2,199 characters)",
                        _sized(ctx, "longest", MOCK_CAPTION_MAX - 1)))
    _echoed(ctx, captions)


@check(layer=3, writes=True, contract=_ECHO_CONTRACT)
def caption_sent_as_raw_utf8_comes_back_exactly(ctx: Context) -> None:
    """A caption of every Unicode plane sent as raw UTF-8 (not escaped) comes back exactly."""
    prefix = ctx.caption("raw UTF-8")
    text = " ".join(t.format(prefix="") for label, t in CAPTIONS if "characters" in label)
    _echoed(ctx, [("raw UTF-8 of every plane", f"{prefix} {text}")], raw=True)


@check(layer=3, writes=True, contract="The caption is at most 2,200 characters.")
def caption_of_2200_characters_is_kept(ctx: Context) -> None:
    """A caption of 2,200 characters comes back whole (or is refused: a deviation)."""
    caption = _sized(ctx, "2200 characters", MOCK_CAPTION_MAX)
    answer, post = _create(ctx, caption)
    if post is None and answer.status in (400, 422):
        raise CheckDeviation("the longest caption", mock="2,200 characters accepted",
                             target=f"{answer.status}: 2,200 characters refused", exchange=answer)
    if post is None:
        raise CheckFailure(f"a create with a 2,200-character caption answered {answer.status}",
                           exchange=answer)
    _same_caption(post.get("caption"), caption, "a caption of 2,200 characters", answer)


@check(layer=3, writes=True, contract="The caption is at most 2,200 characters.")
def caption_over_the_limit_is_never_cut(ctx: Context) -> None:
    """A caption over 2,200 characters is refused (400), or kept whole, never cut or changed."""
    caption = _sized(ctx, "2201 characters", MOCK_CAPTION_MAX + 1)
    answer, post = _create(ctx, caption)
    if post is None:
        status_choice(ctx, answer, decision="a caption over 2,200 characters", mock=400,
                      acceptable=REFUSALS, what="a create with a 2,201-character caption")
        return
    _same_caption(post.get("caption"), caption, "an accepted 2,201-character caption", answer)
    raise CheckDeviation("a caption over 2,200 characters", mock="400",
                         target=f"{answer.status}, kept whole", exchange=answer)


@check(layer=3, writes=True, contract="Kept as sent (milliseconds).")
def due_at_keeps_finer_precision(ctx: Context) -> None:
    """A `due_at` with microseconds comes back exactly (to the millisecond: a deviation)."""
    sent = float(f"{round(ctx.now()) + 34 * 86400:.0f}.291234")
    post = ctx.create_post("microseconds", due_at=sent)
    answer = ctx.client.exchanges[-1]
    got = post.get("due_at")
    if same_instant(got, sent):
        return
    if isinstance(got, int | float) and abs(float(got) - sent) <= 0.0005 + 1e-6:
        raise CheckDeviation("due_at finer than milliseconds", mock=f"kept ({sent!r})",
                             target=f"to the millisecond ({got!r})", exchange=answer)
    raise CheckFailure(f"due_at {sent!r} came back as {got!r}: even its milliseconds are lost",
                       exchange=answer)


@check(layer=3, writes=True, contract="Kept as sent (milliseconds).")
def far_future_due_at_is_kept(ctx: Context) -> None:
    """A `due_at` in 2100 (past 32-bit epoch seconds) comes back exactly, milliseconds too."""
    sent = 4102444800.123
    post = ctx.create_post("far future", due_at=sent)
    answer = ctx.client.exchanges[-1]
    if not same_instant(post.get("due_at"), sent):
        raise CheckFailure(f"a far-future due_at {sent!r} came back as {post.get('due_at')!r}",
                           exchange=answer)
    shown = ctx.find(post["id"])
    if shown is None or not same_instant(shown.get("due_at"), sent):
        raise CheckFailure(f"the list shows the far-future due_at {sent!r} as "
                           f"{(shown or {}).get('due_at')!r}", exchange=ctx.client.exchanges[-1])


def _differences(now: Post, before: Post, skip: set[str]) -> list[str]:
    """The fields (outside ``skip``) whose values differ between two views of a post."""
    changed = []
    for name in sorted(set(now) | set(before)):
        if name in skip:
            continue
        a, b = now.get(name), before.get(name)
        if name == "owner" and isinstance(a, dict) and isinstance(b, dict):
            a, b = a.get("id"), b.get("id")  # its current_time follows the clock
        if isinstance(a, dict) and isinstance(b, dict):
            a, b = a.get("id"), b.get("id")
        equal = same_instant(a, b) if name.endswith("_at") and a is not None else a == b
        if not equal or (name in now) != (name in before):
            changed.append(f"{name}: {b!r} -> {a!r}")
    return changed


@check(layer=3, writes=True, contract=_UPDATE_CONTRACT)
def update_changes_only_the_fields_sent(ctx: Context) -> None:
    """After a caption update, every other field (created_at, created_by, brand, source, page,
    due_at) is as created."""
    query = {"associations": ALL_ASSOCIATIONS}
    post = ctx.create_post("changes only the caption", query=query, due_at=ctx.future(35, 555))
    caption = EVERYTHING.format(prefix=ctx.caption("changes only the caption, updated"))
    answer = ctx.update(post["id"], {"caption": caption}, query)
    updated = envelope_post(answer)
    if answer.status != 200 or updated is None:
        raise CheckFailure(f"the update answered {answer.status}, expected 200", exchange=answer)
    _same_caption(updated.get("caption"), caption, "the update answer", answer)
    changed = _differences(updated, post, MOVING | {"caption"})
    if changed:
        raise CheckFailure("the update of the caption alone changed " + "; ".join(changed[:4]),
                           exchange=answer)
    shown = ctx.find(post["id"], query)
    if shown is None:
        raise CheckFailure(f"updated post {post['id']} is missing from the list",
                           exchange=ctx.client.exchanges[-1])
    changed = _differences(shown, updated, set())
    if changed:
        raise CheckFailure("the list shows the updated post otherwise than the update answered: "
                           + "; ".join(changed[:4]), exchange=ctx.client.exchanges[-1])


@check(layer=3, writes=True, contract=_UPDATE_CONTRACT)
def update_keeps_a_caption_not_sent(ctx: Context) -> None:
    """An update of `due_at` alone keeps a caption of every plane and its whitespace exactly."""
    caption = EVERYTHING.format(prefix=ctx.caption("caption kept"))
    post = ctx.create_post("caption kept", due_at=ctx.future(36, 666), caption=caption)
    due_at = ctx.future(37, 777)
    answer = ctx.update(post["id"], {"due_at": due_at})
    updated = envelope_post(answer)
    if answer.status != 200 or updated is None:
        raise CheckFailure(f"the update answered {answer.status}, expected 200", exchange=answer)
    _same_caption(updated.get("caption"), caption, "the answer to an update of due_at alone",
                  answer)
    shown = ctx.find(post["id"])
    _same_caption((shown or {}).get("caption"), caption,
                  "the list after an update of due_at alone", ctx.client.exchanges[-1])


@check(layer=3, writes=True,
       contract="A parameter or the body is invalid; `detail` (and `message`) names the field "
       "and the rule,")
def refused_update_changes_nothing(ctx: Context) -> None:
    """An update refused for one invalid field writes none of the valid fields sent with it."""
    post = ctx.create_post("refused update", due_at=ctx.future(38, 888))
    for invalid in ({"due_at": "next tuesday"}, {"facebook_page": str(uuid.uuid4())}):
        body = {"caption": ctx.caption("refused update, must not be stored"), **invalid}
        answer = ctx.update(post["id"], body)
        if 200 <= answer.status < 300:
            raise CheckFailure(f"an update with {invalid} was accepted ({answer.status})",
                               exchange=answer)
        shown = ctx.find(post["id"])
        changed = _differences(shown or {}, post, set())
        if shown is None or changed:
            raise CheckFailure(
                f"an update refused with {answer.status} for {invalid} still changed post "
                f"{post['id']}: " + ("; ".join(changed[:4]) or "it is gone"),
                exchange=answer,
            )


def _bystander_unchanged(ctx: Context, bystander: Post, what: str) -> None:
    shown = ctx.find(bystander["id"])
    if shown is None:
        raise CheckFailure(f"post {bystander['id']} vanished when {what}",
                           exchange=ctx.client.exchanges[-1])
    changed = _differences(shown, bystander, set())
    if changed:
        raise CheckFailure(f"post {bystander['id']} changed when {what}: " + "; ".join(changed[:4]),
                           exchange=ctx.client.exchanges[-1])


@check(layer=3, writes=True, contract=_UPDATE_CONTRACT)
def update_touches_only_that_post(ctx: Context) -> None:
    """An update of one post leaves the author's other posts exactly as they were."""
    bystander = ctx.create_post("beside an update", due_at=ctx.future(39, 101))
    updated = ctx.create_post("updated", due_at=ctx.future(39, 202))
    answer = ctx.update(updated["id"], {"caption": ctx.caption("updated, new"), "due_at": None})
    if answer.status != 200:
        raise CheckFailure(f"the update answered {answer.status}, expected 200", exchange=answer)
    _bystander_unchanged(ctx, bystander, f"only post {updated['id']} was updated")


@check(layer=2, writes=True,
       contract="Soft-deletes the post (`deleted_at` is set): it disappears from lists and stats")
def delete_removes_only_that_post(ctx: Context) -> None:
    """A delete of one post leaves the author's other posts listed exactly as they were."""
    bystander = ctx.create_post("beside a delete", due_at=ctx.future(39, 303))
    deleted = ctx.create_post("deleted", due_at=ctx.future(39, 404))
    answer = ctx.delete(deleted["id"])
    if not 200 <= answer.status < 300:
        raise CheckFailure(f"the delete answered {answer.status}, expected 204", exchange=answer)
    _bystander_unchanged(ctx, bystander, f"only post {deleted['id']} was deleted")
