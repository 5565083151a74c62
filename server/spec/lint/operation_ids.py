"""Rule ``operation-id-handler``: every operation has an operationId that names a callable.

For the project's own documents the lookup is the mock's (``http.resolver.handler_for``:
``listSocialPosts`` is ``list_social_posts`` of the handlers' module); for any other document it
is Connexion's default, a dotted import path ``package.module.function``.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator
from typing import Any

from ...http.resolver import handler_for
from .document import operations, path_items
from .problem import Finding, explain

__all__ = ["operation_id_findings", "unresolvable", "unresolved_handler"]


def operation_id_findings(
    spec: dict[str, Any], why_not: Callable[[Any], str | None]
) -> Iterator[Finding]:
    """Require every operationId to name a callable; ``why_not`` says why one does not."""
    for path_pointer, template, item in path_items(spec):
        for method, op_pointer, operation in operations(item, path_pointer):
            operation_id = operation.get("operationId")
            if operation_id is None:
                yield Finding(
                    op_pointer,
                    f"Operation {method.upper()} {template} has no "
                    "operationId, so no handler serves it.",
                )
                continue
            reason = why_not(operation_id)
            if reason:
                yield Finding(
                    f"{op_pointer}/operationId",
                    f"operationId {operation_id!r} does not resolve: {reason}.",
                )


def unresolved_handler(modules: str | tuple[str, ...], operation_id: Any) -> str | None:
    """Say why ``operation_id`` names no function of ``modules`` (None if it does)."""
    module_name = modules if isinstance(modules, str) else " or ".join(modules)
    if not isinstance(operation_id, str):
        return f"it is a {type(operation_id).__name__}, not a camelCase name"
    try:
        handler_for(modules, operation_id)
    except LookupError as exc:  # Connexion's ResolverError
        return str(exc)
    except ImportError as exc:
        return f"module '{module_name}' does not import: {exc}"
    except Exception as exc:
        return f"importing module '{module_name}' raised {explain(exc)}"
    return None


def unresolvable(operation_id: Any) -> str | None:
    """Say why ``operation_id`` names no callable (None if it does), trying the longest module."""
    if not isinstance(operation_id, str) or "." not in operation_id:
        return "it is not a dotted path 'package.module.function'"
    module_name, _, attributes = operation_id.rpartition(".")
    first_import_error: ImportError | None = None
    while True:
        try:
            target: Any = importlib.import_module(module_name)
            break
        except ImportError as exc:  # maybe the tail is an attribute path, e.g. module.Class.method
            first_import_error = first_import_error or exc
            module_name, _, head = module_name.rpartition(".")
            if not module_name:
                return str(first_import_error)
            attributes = f"{head}.{attributes}"
        except Exception as exc:
            return f"importing module '{module_name}' raised {explain(exc)}"
    owner = f"module '{module_name}'"
    for attribute in attributes.split("."):
        if not hasattr(target, attribute):
            # The deepest failed import explains more than a missing attribute of its parent.
            return str(first_import_error or f"{owner} has no attribute '{attribute}'")
        target, owner = getattr(target, attribute), f"'{owner}.{attribute}'"
    if not callable(target):
        return f"it names a {type(target).__name__}, not a callable"
    return None
