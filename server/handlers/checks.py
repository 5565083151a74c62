"""What a request may touch and change: brand membership, a brand's posts, references, edits.

Pure functions over the ``Store`` (callers hold ``reading()`` or ``atomic()``); each refusal is
an error of ``server.errors``, named for what the client sees.
"""

from __future__ import annotations

from ..errors import Conflict, Forbidden, NotFound
from ..store import Kind, Record, Row, Store


def member_brand(store: Store, brand: str, user: str) -> Row:
    """The brand, if the user may reach it; 403 otherwise.

    An unknown brand answers exactly as a brand the user is not a member of (as the real
    server does): the answer never reveals whether a brand exists.
    """
    record = store.get("brands", brand)
    if record is None or user not in record.get("members", []):
        raise Forbidden(f"Access denied: you are not a member of brand {brand}.")
    return record


def brand_post(store: Store, brand: str, post_id: str) -> Row:
    """A live post of this brand; posts of other brands and deleted ones are not found."""
    post = store.post(post_id)
    if post is None or post["brand"] != brand or post.get("deleted_at") is not None:
        raise NotFound(f"Social post {post_id} does not exist in brand {brand}.")
    return post


_REFERENCES: dict[str, tuple[Kind, str]] = {
    "facebook_page": ("facebook_pages", "facebook page"),
    "template_instance": ("template_instances", "template instance"),
    "asset": ("brand_assets", "brand asset"),
}


def check_references(store: Store, brand: str, body: Record) -> None:
    """Each page, template instance and asset sent exists, is live and belongs to the brand.

    One that does not exist (or is deleted) is 404. Another brand's Facebook page is 403, as
    on the real server ("Access denied"); another brand's template instance or asset is 404:
    to this brand it does not exist.
    """
    for field, (kind, noun) in _REFERENCES.items():
        ref = body.get(field)
        if ref is None:
            continue
        record = store.get(kind, ref)
        if record is None or record.get("deleted_at") is not None:
            raise NotFound(f"Body field '{field}': {noun} {ref} does not exist.", field=field)
        if record.get("brand") == brand:
            continue
        if field == "facebook_page":
            raise Forbidden(
                f"Body field '{field}': access denied to {noun} {ref}, a page of another brand.",
                field=field,
            )
        raise NotFound(
            f"Body field '{field}': {noun} {ref} does not belong to brand {brand}.",
            field=field,
        )


def changes(post: Row, body: Record, now: float) -> Record:
    """The body's changes to ``post``: one source replaces the other; 409 if none is left."""
    changes = {**body, "updated_at": now}
    if body.get("template_instance") is not None:
        changes["asset"] = None
    elif body.get("asset") is not None:
        changes["template_instance"] = None
    merged = {**post, **changes}
    if merged.get("template_instance") is None and merged.get("asset") is None:
        field, other = (("template_instance", "asset") if "template_instance" in body
                        else ("asset", "template_instance"))
        raise Conflict(
            f"Body field '{field}': null would leave the post with neither a template "
            f"instance nor an asset; send '{other}' with it.",
            field=field,
        )
    return changes
