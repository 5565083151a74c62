"""Which operation of a contract a request is for, before Connexion's routing has run.

The layers outside Connexion (the request journal, faults, ``Prefer``) name operations by their
operationIds; this table finds one from the method and path alone, literal segments before
variables as Connexion matches them (``/stats`` before ``/{socialPostId}``).
"""

from __future__ import annotations

import re
from typing import Any

VERBS = ("get", "put", "post", "delete", "patch", "head", "options", "trace")
# Distinct (method, path) pairs whose operation is remembered (then forgotten all at once).
MATCHED = 4096


class Operations:
    """``(method, path) -> operationId`` for one OpenAPI document."""

    def __init__(self, spec: dict[str, Any], base_path: str = "") -> None:
        templates = sorted(spec.get("paths", {}).items(), key=lambda kv: kv[0].count("{"))
        self._routes: list[tuple[re.Pattern[str], dict[str, str]]] = []
        self.ids: dict[str, tuple[str, str]] = {}  # operationId -> (METHOD, path template)
        for template, item in templates:
            pattern = re.compile(
                "^" + re.escape(base_path) + re.sub(r"\\\{[^/]+?\\\}", "[^/]+", re.escape(template))
                + "/?$"
            )
            methods = {}
            for method in VERBS:
                operation = item.get(method)
                if isinstance(operation, dict) and "operationId" in operation:
                    methods[method.upper()] = operation["operationId"]
                    self.ids[operation["operationId"]] = (method.upper(), base_path + template)
            self._routes.append((pattern, methods))
        # (method, path) -> operationId: a client asks for the same few paths again and again.
        self._matched: dict[tuple[str, str], str | None] = {}

    def match(self, method: str, path: str) -> str | None:
        """The operationId answering ``method path``; None when no operation does."""
        found = self._matched.get((method, path), self)
        if found is not self:
            return found  # type: ignore[return-value]  # an operationId or None
        if len(self._matched) >= MATCHED:
            self._matched.clear()
        found = self._matched[method, path] = self._match(method, path)
        return found

    def _match(self, method: str, path: str) -> str | None:
        method = "GET" if method.upper() == "HEAD" else method.upper()
        for pattern, methods in self._routes:
            if pattern.match(path):
                return methods.get(method)
        return None
