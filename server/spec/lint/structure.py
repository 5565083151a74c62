"""Rule ``openapi-structure``: what openapi-spec-validator rejects, located where it can be.

Its meta-schema errors carry paths into the document and are reported at their pointer; its
later semantic errors do not (theirs are relative to some schema) and are reported at the root.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from jsonschema.exceptions import best_match
from jsonschema.validators import validator_for
from openapi_spec_validator import OpenAPIV30SpecValidator, OpenAPIV31SpecValidator
from openapi_spec_validator.schemas import schema_v30, schema_v31
from openapi_spec_validator.validation.exceptions import UnresolvableParameterError
from openapi_spec_validator.validation.validators import SpecValidator

from .document import pointer
from .problem import Finding, clip, explain

__all__ = ["structure_findings"]


# With jsonschema-rs installed (schemathesis requires it) openapi-spec-validator checks the
# document with it, and those errors drop the sub-errors that explain a failed oneOf
# ("not valid under any of the schemas" instead of "'description' is a required property").
# These subclasses keep every rule of the library and pin the pure-Python backend.
class _SpecValidator30(OpenAPIV30SpecValidator):
    schema_validator = validator_for(schema_v30)(schema_v30)


class _SpecValidator31(OpenAPIV31SpecValidator):
    schema_validator = validator_for(schema_v31)(schema_v31)


def structure_findings(spec: dict[str, Any], base_uri: str) -> Iterator[Finding]:
    """Report openapi-spec-validator's findings, located where the library can locate them."""
    version = str(spec.get("openapi", ""))
    if version.startswith("3.0."):
        validator_cls: type[SpecValidator] = _SpecValidator30
    elif version.startswith("3.1."):
        validator_cls = _SpecValidator31
    else:
        yield Finding(
            "/openapi" if "openapi" in spec else "",
            f"OpenAPI version {version!r} is not supported: use 3.0.x or 3.1.x.",
        )
        return
    seen: set[tuple[str, tuple[Any, ...]]] = set()
    for error in validator_cls.schema_validator.iter_errors(spec):
        seen.add((error.message, tuple(error.absolute_path)))
        error = _most_specific(error)
        yield Finding(
            pointer(*error.absolute_path),
            f"Not valid OpenAPI {version[:3]}: {clip(error.message)}.",
        )
    try:
        for error in validator_cls(spec, base_uri=base_uri).iter_errors():
            # Unresolved path parameters are the path-parameter rule's, reported with a pointer.
            key = (error.message, tuple(error.absolute_path))
            if key not in seen and not isinstance(error, UnresolvableParameterError):
                yield Finding(
                    "", f"openapi-spec-validator reports, with no location: {clip(error.message)}."
                )
    except Exception as exc:  # its semantic pass assumes a well-formed document
        yield Finding("", f"openapi-spec-validator stopped early: {explain(exc)}.")


def _most_specific(error: Any) -> Any:
    """Descend a failed oneOf/anyOf to the alternative that explains it.

    Nearly every OpenAPI object may also be a Reference Object, and "'$ref' is a required
    property" is never the useful explanation, so those alternatives are ignored.
    """
    while error.context:
        candidates = [e for e in error.context if e.validator_value != ["$ref"]]
        if not candidates:
            break
        error = best_match(candidates)
    return error
