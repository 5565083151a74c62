"""A test double of the platform's 2022 real server, for ``conform``'s fairness (issue 10, §4).

It keeps everything the API document states (it is the mock underneath) and answers every point
the document leaves open the way the 2022 server does, as ``/work/shared/design/real-api.md``
records it from that server's public code:

* **errors** are ``application/json`` objects ``{"http": 404, "message": "...",
  "code": "ResourceNotFound"}`` (``Validation`` 400, ``UnauthorizedAccess`` 401,
  ``AccessForbidden`` 403, ``ResourceNotFound`` 404), not ``application/problem+json``;
* a **delete by a member who is not the post's creator** answers **401** (the mock: 403);
* a **caption of 2,200 characters or more** is a 400 ``Validation`` error (the mock allows
  2,200: Instagram's limit, counted inclusively);
* **unknown association names are ignored**, not rejected (the mock: 400 naming
  ``associations``), in every form the web app sends;
* an **update of an executed post** answers 403 "This Post is Executed", an **unknown brand**
  403 like a brand the user cannot reach, and another brand's page in a write 403 "Access
  denied". The mock answers these with the same statuses since issue 10; the double enforces
  them itself, so that it stays the 2022 server whatever the mock underneath chooses.

What a real server does not have, the double hides unless asked: the mock's control API
(``/_mock``) answers 404 as any unknown path, so ``conform`` meets it as it meets the real
server (its publishing layer is skipped). ``Real2022(control=True)`` keeps the control API, so
that the publishing layer's checks meet the 2022 answers too.

Not copied: the 2022 server's known quirks that real-api.md says a mock should not copy (``total``
0 on a page past the end, an update of a deleted post succeeding, invalid ``start``/``limit``
silently ignored). They are bugs of that server, not choices: ``conform`` rightly fails them.
"""

from __future__ import annotations

from typing import Any

from socialpost.server.handlers import posts
from tests.conformance.defects import Answer, Defective, Exchange

CODES = {400: "Validation", 401: "UnauthorizedAccess", 403: "AccessForbidden",
         404: "ResourceNotFound"}
# Fewer than this many characters (real-api.md: "a string shorter than 2,200 characters").
CAPTION_LIMIT = 2200
KNOWN_ASSOCIATIONS = frozenset(posts.ASSOCIATIONS)


def error(status: int, message: str, code: str | None = None) -> Answer:
    """The 2022 server's error object."""
    body = {"http": status, "message": message, "code": code or CODES.get(status, "Internal")}
    return Answer.of_json(status, body, "application/json")


class Real2022(Defective):
    """The mock answering every silent point as the 2022 real server does."""

    def __init__(self, control: bool = False) -> None:
        super().__init__()
        self.control = control

    async def handle(self, request: Exchange) -> Answer:
        if request.path.startswith("/_mock") and not self.control:
            return error(404, f"Cannot {request.method} {request.path}")
        refused = self.refuse_long_caption(request)
        if refused is not None:
            return refused
        answer = await self.forward(self.ignore_unknown_associations(request))
        answer = self.delete_by_another_member(request, answer)
        answer = self.forbidden_not_found(request, answer)
        if request.path.startswith("/_mock"):
            return answer
        return as_error_object(request, answer)

    # -- the silent points ---------------------------------------------------------------------

    def is_member(self, request: Exchange, brand: str) -> bool:
        user = self.store.user_for_token(request.token or "")
        record = self.store.get("brands", brand)
        return user is not None and record is not None and user in record["members"]

    def refuse_long_caption(self, request: Exchange) -> Answer | None:
        """A caption of 2,200 characters or more is a validation error (for a member: the
        brand's access is checked first, as every route of the real server does)."""
        route = request.route("list") if request.method == "POST" else request.route("post")
        if request.method not in ("POST", "PUT") or route is None:
            return None
        body = request.json()
        caption = body.get("caption") if isinstance(body, dict) else None
        if not isinstance(caption, str) or len(caption) < CAPTION_LIMIT:
            return None
        if not self.is_member(request, route["brand"]):
            return None
        return error(400, f"caption must be shorter than {CAPTION_LIMIT} characters "
                     f"(got {len(caption)})")

    def ignore_unknown_associations(self, request: Exchange) -> Exchange:
        """Association names the server does not know are dropped, in every form."""
        if request.route("list") is None and request.route("post") is None:
            return request
        pairs: list[tuple[str, str]] = []
        changed = False
        for key, value in request.params:
            if key not in ("associations", "associations[]"):
                pairs.append((key, value))
                continue
            names = value.split(",")
            known = [n for n in names if n in KNOWN_ASSOCIATIONS]
            if known != names:
                changed = True
            if known:
                pairs.append((key, ",".join(known)))
        return request.with_params(pairs) if changed else request

    def delete_by_another_member(self, request: Exchange, answer: Answer) -> Answer:
        """Only the creator deletes: anyone else (a member of the brand) gets 401."""
        route = request.route("post")
        if request.method != "DELETE" or route is None or answer.status != 403:
            return answer
        stored = self.stored(route["post"])
        if stored is None or stored["brand"] != route["brand"]:
            return answer
        if not self.is_member(request, route["brand"]):
            return answer
        return error(401, "Only the creator of a social post can delete it")


    def forbidden_not_found(self, request: Exchange, answer: Answer) -> Answer:
        """The 2022 server's 403s, whatever the mock underneath chose: an unknown brand (its
        existence is not revealed), another brand's page in a write ("Access denied"), an update
        of an executed post ("This Post is Executed")."""
        route = request.route("list") or request.route("stats") or request.route("post")
        if route is None or answer.status not in (404, 409):
            return answer
        if answer.status == 404 and self.store.get("brands", route["brand"]) is None:
            return error(403, "Access denied to brand")
        body = request.json()
        page = body.get("facebook_page") if isinstance(body, dict) else None
        record = self.store.get("facebook_pages", page) if isinstance(page, str) else None
        if (
            answer.status == 404 and request.method in ("POST", "PUT") and record is not None
            and record["brand"] != route["brand"]
        ):
            return error(403, "Access denied")
        stored = self.stored(route["post"]) if "post" in route else None
        if (
            answer.status == 409 and request.method == "PUT" and stored is not None
            and stored.get("executed_at") is not None
        ):
            return error(403, "This Post is Executed")
        return answer


def as_error_object(request: Exchange, answer: Answer) -> Answer:
    """A problem document rewritten as the 2022 server's ``{http, message, code}`` object."""
    if answer.status < 400:
        return answer
    problem: Any = answer.json()
    if answer.content_type.startswith("application/json") and isinstance(problem, dict) and (
        set(problem) == {"http", "message", "code"}
    ):
        return answer  # already the 2022 shape (made up by this double)
    message = "Internal Error"
    code: str | None = None
    if isinstance(problem, dict):
        message = str(problem.get("detail") or problem.get("message") or problem.get("title")
                      or message)
        code = problem.get("code") if isinstance(problem.get("code"), str) else None
    if answer.status == 403 and request.method == "PUT" and "executed" in message.lower():
        message = "This Post is Executed"
    result = error(answer.status, message, CODES.get(answer.status, code))
    for key, value in answer.headers:
        if key.lower() in (b"allow", b"www-authenticate"):
            result.headers.append((key, value))
    return result
