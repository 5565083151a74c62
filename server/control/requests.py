"""The control API's request journal: ``/_mock/requests`` lists, counts and clears it.

Each acts on the caller's session (``X-Mock-Session`` or the ``/_sessions/<name>`` prefix), so
a test reads only its own requests. Filters are described in ``journal.filters``.
"""

from __future__ import annotations

from connexion import request
from starlette.responses import Response

from ..journal.filters import Filters
from ..state import state_of
from .views import JSON, Answer


def list_requests(
    operation: str | None = None, method: str | None = None, status: str | None = None,
    path: str | None = None, field: str | None = None, equals: str | None = None,
    since: str | None = None, after: int | None = None, start: int = 0, limit: int = 100,
    order: str = "desc",
) -> Answer:
    filters = Filters.parse(operation=operation, method=method, status=status, path=path,
                            field=field, equals=equals, since=since, after=after)
    page = state_of(request).journal.query(filters, start=start, limit=limit,
                                           newest_first=order != "asc")
    data = [entry.to_json() for entry in page.entries]
    info = {"count": len(data), "total": page.total, "start": start, "limit": limit,
            "last_id": page.last_id}
    return {"data": data, "info": info}, 200, JSON


def count_requests(
    operation: str | None = None, method: str | None = None, status: str | None = None,
    path: str | None = None, field: str | None = None, equals: str | None = None,
    since: str | None = None, after: int | None = None,
) -> Answer:
    filters = Filters.parse(operation=operation, method=method, status=status, path=path,
                            field=field, equals=equals, since=since, after=after)
    return {"count": state_of(request).journal.count(filters)}, 200, JSON


def clear_requests() -> Response:
    state_of(request).journal.clear()
    return Response(status_code=204)
