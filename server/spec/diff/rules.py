"""The rule catalogue: every kind of change ``socialpost diff`` reports, with its default level.

Ids follow oasdiff's kebab-case names where oasdiff has the same check. Levels are read from the
client's side: ERR breaks existing clients, WARN may break some, INFO is a compatible addition.
Schema rules come in two directions: ``request-*`` for what clients send (narrowing breaks them)
and ``response-*`` for what they receive (widening breaks them); they apply to parameters and
bodies alike, and the message says which parameter or property.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from .changes import Level

__all__ = ["RULES", "Rule", "rules_by_id"]

ERR, WARN, INFO = Level.ERR, Level.WARN, Level.INFO


@dataclass(frozen=True)
class Rule:
    """One rule: its id, its level unless a severity file says otherwise, and what it means."""

    id: str
    level: Level
    description: str


RULES: tuple[Rule, ...] = (
    # Operations
    Rule("endpoint-added", INFO, "an operation was added"),
    Rule("api-removed-without-deprecation", ERR,
         "an operation was removed without being deprecated first"),
    Rule("api-removed-before-sunset", ERR,
         "a deprecated operation was removed before its x-sunset date"),
    Rule("api-removed-with-deprecation", INFO,
         "a deprecated operation was removed after its sunset (or with no sunset)"),
    Rule("endpoint-deprecated", INFO, "an operation was deprecated with an x-sunset date"),
    Rule("api-deprecated-sunset-missing", WARN,
         "an operation was deprecated without an x-sunset date"),
    Rule("endpoint-reactivated", INFO, "an operation is no longer deprecated"),
    Rule("api-operation-id-removed", ERR,
         "an operationId (a generated client's function name) was removed or renamed"),
    Rule("api-operation-id-added", INFO, "an operation gained an operationId"),
    # Security
    Rule("api-security-added", ERR,
         "an operation open to anonymous clients now requires credentials"),
    Rule("api-security-changed", ERR,
         "credentials a client used are no longer accepted (scheme, scope or requirement changed)"),
    Rule("api-security-removed", INFO,
         "security was removed or relaxed: every client's credentials still work"),
    # Request parameters
    Rule("new-required-request-parameter", ERR, "a required request parameter was added"),
    Rule("new-optional-request-parameter", INFO, "an optional request parameter was added"),
    Rule("request-parameter-removed", ERR,
         "a request parameter was removed (clients sending it may be refused)"),
    Rule("request-parameter-became-required", ERR, "an optional request parameter became required"),
    Rule("request-parameter-became-optional", INFO, "a required request parameter became optional"),
    Rule("request-parameter-serialization-changed", ERR,
         "a request parameter's style or explode changed"),
    Rule("request-path-parameter-renamed", INFO,
         "a path parameter was renamed (the URL clients build is the same)"),
    # Request bodies
    Rule("request-body-added", INFO, "an optional request body was added"),
    Rule("request-body-removed", WARN,
         "the request body was removed (clients still sending it may be refused)"),
    Rule("request-body-became-required", ERR,
         "the request body became required, or a required one was added"),
    Rule("request-body-became-optional", INFO, "the request body became optional"),
    Rule("request-media-type-added", INFO, "the request body accepts a new media type"),
    Rule("request-media-type-removed", ERR, "the request body no longer accepts a media type"),
    # Request body properties
    Rule("new-required-request-property", ERR, "a required request property was added"),
    Rule("new-optional-request-property", INFO, "an optional request property was added"),
    Rule("request-property-removed", WARN,
         "a request property was removed (refused if unknown properties are)"),
    Rule("request-property-became-required", ERR, "an optional request property became required"),
    Rule("request-property-became-optional", INFO, "a required request property became optional"),
    # Request schemas (parameters and bodies)
    Rule("request-type-changed", ERR,
         "a request value's type or format changed or narrowed (e.g. no longer nullable)"),
    Rule("request-type-generalized", INFO,
         "a request value's type widened (integer to number, nullable, format dropped)"),
    Rule("request-enum-value-removed", ERR,
         "a request value lost an enum value, or became restricted to an enum"),
    Rule("request-enum-value-added", INFO,
         "a request value gained an enum value, or lost its enum"),
    Rule("request-constraint-narrowed", ERR,
         "a request constraint narrowed (maxLength, maximum, minItems, pattern added, ...)"),
    Rule("request-constraint-widened", INFO, "a request constraint widened or was removed"),
    Rule("request-pattern-changed", WARN,
         "a request pattern was replaced (it may reject values it accepted)"),
    Rule("request-one-of-removed", ERR, "a request oneOf/anyOf branch was removed"),
    Rule("request-one-of-added", INFO, "a request oneOf/anyOf branch was added"),
    Rule("request-default-changed", WARN,
         "a request value's default was added, changed or removed"),
    # Responses
    Rule("response-success-status-removed", ERR, "a success (2xx) response status was removed"),
    Rule("response-non-success-status-removed", WARN, "a non-success response status was removed"),
    Rule("response-success-status-added", WARN, "a success (2xx) response status was added"),
    Rule("response-non-success-status-added", INFO, "a non-success response status was added"),
    Rule("response-media-type-removed", ERR, "a response no longer offers a media type"),
    Rule("response-media-type-added", INFO, "a response offers a new media type"),
    Rule("response-header-removed", WARN, "a response header was removed"),
    # Response body properties
    Rule("response-property-removed", ERR,
         "a required (always present) response property was removed"),
    Rule("response-optional-property-removed", WARN, "an optional response property was removed"),
    Rule("response-property-became-optional", ERR,
         "a required response property became optional (may be absent)"),
    Rule("response-property-became-required", INFO,
         "an optional response property became required"),
    Rule("response-property-added", INFO, "a response property was added"),
    # Response schemas
    Rule("response-type-changed", ERR,
         "a response value's type or format changed or widened (e.g. became nullable)"),
    Rule("response-type-specialized", INFO,
         "a response value's type narrowed (number to integer, no longer null)"),
    Rule("response-enum-value-added", ERR,
         "a response value gained an enum value, or lost its enum"),
    Rule("response-enum-value-removed", INFO,
         "a response value lost an enum value, or became restricted to an enum"),
    Rule("response-constraint-widened", WARN,
         "a response constraint widened or was removed (longer, larger values)"),
    Rule("response-constraint-narrowed", INFO, "a response constraint narrowed"),
    Rule("response-pattern-changed", WARN, "a response pattern was replaced"),
    Rule("response-one-of-added", ERR,
         "a response oneOf/anyOf branch was added (a shape clients never handled)"),
    Rule("response-one-of-removed", INFO, "a response oneOf/anyOf branch was removed"),
    # The document
    Rule("breaking-change-without-major-version-bump", WARN,
         "a breaking change without a major info.version bump (minor for 0.x)"),
)  # fmt: skip


def rules_by_id() -> Mapping[str, Rule]:
    """The catalogue keyed by rule id."""
    return MappingProxyType({rule.id: rule for rule in RULES})
