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

# Which module answers which of the project's contracts.
HANDLER_MODULES: dict[Path, str] = {
    paths.SPEC_PATH.resolve(): "socialpost.server.handlers.social_posts",
    paths.CONTROL_SPEC_PATH.resolve(): "socialpost.server.control.handlers",
}

_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")


def snake_case(operation_id: str) -> str:
    """``getSocialPostStats`` -> ``get_social_post_stats``."""
    return _CAMEL.sub("_", operation_id).lower()


def handler_for(module_name: str, operation_id: str) -> Callable[..., Any]:
    """The function of ``module_name`` that answers ``operation_id``; ResolverError if none."""
    if not re.fullmatch(r"[a-z][A-Za-z0-9]*", operation_id):
        raise ResolverError(f"operationId {operation_id!r} is not a camelCase name")
    module = importlib.import_module(module_name)
    name = snake_case(operation_id)
    handler = getattr(module, name, None)
    if not callable(handler):
        raise ResolverError(f"{module_name} has no function {name}() for {operation_id!r}")
    return handler  # type: ignore[no-any-return]


def resolver_for(spec_path: Path) -> Resolver:
    """Connexion's resolver for one of the project's contracts."""
    module_name = HANDLER_MODULES[spec_path.resolve()]
    return Resolver(function_resolver=lambda operation_id: handler_for(module_name, operation_id))
