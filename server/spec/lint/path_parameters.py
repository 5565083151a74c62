"""Rule ``path-parameter``: each path template's ``{variables}`` and its ``in: path``
parameters (of the path item, or of every operation) name the same things."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from .document import as_list, follow, mapping, operations, path_items
from .problem import Finding

__all__ = ["path_parameter_findings"]

_TEMPLATE_VARIABLE = re.compile(r"\{([^{}]+)\}")


def path_parameter_findings(spec: dict[str, Any]) -> Iterator[Finding]:
    """Match each path template's ``{variables}`` against its ``in: path`` parameters."""
    for path_pointer, template, item in path_items(spec):
        variables = list(dict.fromkeys(_TEMPLATE_VARIABLE.findall(template)))
        shared = _path_parameters(spec, item.get("parameters"), f"{path_pointer}/parameters")
        own = {
            op_pointer: _path_parameters(spec, op.get("parameters"), f"{op_pointer}/parameters")
            for _, op_pointer, op in operations(item, path_pointer)
        }
        for variable in variables:
            lacking = [op_pointer for op_pointer, names in own.items() if variable not in names]
            if variable in shared or (own and not lacking):
                continue
            message = (
                f"Path template variable '{{{variable}}}' in '{template}' is not declared "
                "as an 'in: path' parameter"
            )
            if len(lacking) == len(own):
                yield Finding(path_pointer, f"{message}.")
            else:
                for where in lacking:
                    yield Finding(where, f"{message} of this operation.")
        for declared in (shared, *own.values()):
            for name, where in declared.items():
                if name not in variables:
                    yield Finding(
                        where,
                        f"Path parameter '{name}' is declared but "
                        f"'{template}' has no '{{{name}}}' in it.",
                    )


def _path_parameters(spec: dict[str, Any], params: Any, where: str) -> dict[str, str]:
    """Map each ``in: path`` parameter name to the pointer of its entry in the list."""
    found: dict[str, str] = {}
    for index, node in enumerate(as_list(params)):
        param = mapping(follow(spec, node, "")[0])
        if param.get("in") == "path" and isinstance(param.get("name"), str):
            found[param["name"]] = f"{where}/{index}"
    return found
