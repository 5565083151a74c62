"""GitHub Actions workflow commands: annotations a job's log turns into marks on the diff.

``::error file=openapi.yaml,line=12,title=T::message``. Properties and messages escape ``%``,
CR and LF (properties also ``:`` and ``,``) as the runner's toolkit does, so a multi-line
message stays one annotation.
"""

from __future__ import annotations

from typing import Literal

__all__ = ["Level", "annotation"]

Level = Literal["error", "warning", "notice"]


def annotation(
    level: Level,
    message: str,
    *,
    file: str | None = None,
    line: int | None = None,
    title: str | None = None,
) -> str:
    """One workflow command line."""
    properties = {"file": file, "line": line, "title": title}
    rendered = ",".join(
        f"{key}={_escape_property(str(value))}" for key, value in properties.items() if value
    )
    return f"::{level}{' ' + rendered if rendered else ''}::{_escape_data(message)}"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")
