"""From a contract's operationIds to the functions that answer them.

The contracts name operations the way client generators want them (``listSocialPosts``); the
handler is the function of the same name in snake case (``list_social_posts``) in the module
that serves that contract. Connexion's ``Resolver`` takes the lookup, so there is still no
routing table to keep in sync, and ``socialpost lint`` resolves operationIds the same way.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from connexion.exceptions import ResolverError
from connexion.resolver import Resolver

from .. import paths

# Which modules answer which of the project's contracts (the first that has the function).
HANDLER_MODULES: dict[Path, tuple[str, ...]] = {
    paths.SPEC_PATH.resolve(): ("socialpost.server.handlers.social_posts",),
    paths.CONTROL_SPEC_PATH.resolve(): tuple(
        f"socialpost.server.control.{name}"
        for name in ("handlers", "directory", "sessions", "snapshots", "faults", "requests")
    ),
}

_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")


def snake_case(operation_id: str) -> str:
    """``getSocialPostStats`` -> ``get_social_post_stats``."""
    return _CAMEL.sub("_", operation_id).lower()


def handler_for(module_names: str | tuple[str, ...], operation_id: str) -> Callable[..., Any]:
    """The function of the first of ``module_names`` that answers ``operation_id``.

    ResolverError if none does.
    """
    if not re.fullmatch(r"[a-z][A-Za-z0-9]*", operation_id):
        raise ResolverError(f"operationId {operation_id!r} is not a camelCase name")
    names = (module_names,) if isinstance(module_names, str) else module_names
    name = snake_case(operation_id)
    for module_name in names:
        handler = getattr(importlib.import_module(module_name), name, None)
        if callable(handler):
            return handler  # type: ignore[no-any-return]
    raise ResolverError(f"{' or '.join(names)} has no function {name}() for {operation_id!r}")


def resolver_for(spec_path: Path) -> Resolver:
    """Connexion's resolver for one of the project's contracts."""
    module_names = HANDLER_MODULES[spec_path.resolve()]
    return Resolver(function_resolver=lambda operation_id: handler_for(module_names, operation_id))
