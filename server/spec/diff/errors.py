"""The one failure of ``socialpost diff``: it could not compare (exit 2, never "no changes").

``DiffError`` covers a spec that cannot be read, parsed or recognised as OpenAPI, a ``$ref`` that
resolves to nothing, a git revision that does not exist and a severity file that is wrong. Its
message names the input and the reason, ready for stderr.
"""

from __future__ import annotations

__all__ = ["DiffError"]


class DiffError(Exception):
    """The comparison could not run; the message says which input and why."""
