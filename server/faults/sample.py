"""A value built from a schema, for a documented response that has no example.

The simplest value the schema admits: its ``example`` or ``default`` or first ``enum`` value,
an object with its required properties, ``minItems`` items, a number at its ``minimum``. Not a
generator of every schema's values: whatever it builds is validated against the schema by the
caller, which fails loudly on a schema this cannot satisfy.
"""

from __future__ import annotations

from typing import Any

_FORMATS = {
    "uuid": "00000000-0000-4000-8000-000000000000",
    "date-time": "1970-01-01T00:00:00Z",
    "date": "1970-01-01",
    "uri": "urn:socialpost:example",
    "email": "[email protected]",
}


def sample(schema: dict[str, Any]) -> Any:
    """A value of a resolved (``$ref``-free) OpenAPI 3.0 schema."""
    for key in ("example", "default"):
        if key in schema:
            return schema[key]
    if schema.get("enum"):
        return schema["enum"][0]
    for key in ("allOf", "oneOf", "anyOf"):
        if schema.get(key):
            if key != "allOf":
                return sample(schema[key][0])
            merged: dict[str, Any] = {}
            for part in schema[key]:
                merged = _merge(merged, part)
            return sample(_merge(merged, {k: v for k, v in schema.items() if k != key}))
    kind = schema.get("type")
    if kind == "object" or "properties" in schema:
        properties = schema.get("properties", {})
        return {name: sample(properties.get(name, {})) for name in schema.get("required", [])}
    if kind == "array":
        return [sample(schema.get("items", {})) for _ in range(schema.get("minItems", 0))]
    if kind in ("integer", "number"):
        low = schema.get("minimum", 0)
        return low + 1 if schema.get("exclusiveMinimum") is True else low
    if kind == "boolean":
        return False
    if kind == "string":
        return _FORMATS.get(schema.get("format", ""), "x" * schema.get("minLength", 0))
    return None


def _merge(left: dict[str, Any], right: dict[str, Any]) -> dict[str, Any]:
    merged = {**left, **right}
    if "properties" in left or "properties" in right:
        merged["properties"] = {**left.get("properties", {}), **right.get("properties", {})}
    merged["required"] = [*left.get("required", []), *right.get("required", [])]
    return merged
