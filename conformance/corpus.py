"""The posts layer 3 lists and counts over: one of each kind, created once per run.

Their `due_at` values run against their creation order (so a list that ignores `order` shows),
carry milliseconds (so rounding shows), and lie days ahead (so nothing publishes them on a real
server before the run deletes them).
"""

from __future__ import annotations

from typing import Any

from .context import ALL_ASSOCIATIONS, Context, Corpus, envelope_post
from .results import CheckFailure

# role, source, due_at (days ahead, milliseconds) or None for a draft, associations asked
_PLAN: tuple[tuple[str, str, tuple[int, int] | None, bool], ...] = (
    ("template_scheduled", "template_instance", (12, 291), True),
    ("asset_scheduled", "asset", (10, 364), False),
    ("template_draft", "template_instance", None, False),
    ("asset_draft", "asset", None, False),
    ("video_scheduled", "video_template_instance", (11, 507), False),
)


def build_corpus(ctx: Context) -> tuple[Corpus, list[CheckFailure]]:
    """Create the corpus; any 2xx with a post counts (the checks judge the status codes).

    A post that cannot be created is left out, with the failure saying why.
    """
    corpus = Corpus()
    failures: list[CheckFailure] = []
    for role, source, due, expand in _PLAN:
        ref = getattr(ctx.profile, source)
        if ref is None:
            continue
        field = "template_instance" if source.endswith("template_instance") else "asset"
        body: dict[str, Any] = {"facebook_page": ctx.profile.facebook_page, field: ref,
                                "caption": ctx.caption(f"corpus: {role}")}
        if due is not None:
            body["due_at"] = ctx.future(*due)
        elif role == "asset_draft":
            body["due_at"] = None
        query = {"associations": ALL_ASSOCIATIONS} if expand else None
        answer = ctx.post_create(body, query)
        post = envelope_post(answer)
        if post is None or not 200 <= answer.status < 300:
            failures.append(CheckFailure(
                f"creating the suite's {role.replace('_', ' ')} post answered {answer.status}: "
                "a valid create must answer 200 with {code: OK, data: post}",
                exchange=answer,
            ))
            continue
        corpus.posts[role] = post
        corpus.sent[role] = {**body, field: ref}
        corpus.creates[role] = answer
    return corpus, failures
