"""A spec as it was at a git revision: ``git show REV:./path``, run beside the file.

Running git in the file's directory with a ``./`` path lets ``openapi.yaml`` name the file at the
repository's root or anywhere below it, whatever the current directory. A revision or path git
does not know is a ``DiffError`` with git's own words, never an empty document.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from ..errors import DiffError
from .document import Spec, load_spec

__all__ = ["AbsentAtRevision", "load_revision"]


class AbsentAtRevision(DiffError):
    """The revision exists but the file did not exist yet: a new contract, nothing to break."""


def load_revision(path: Path, revision: str) -> Spec:
    """The spec at ``path`` as of ``revision``, shown as ``REV:path``."""
    label = f"{revision}:{path}"
    directory = path.parent
    if not directory.is_dir():
        raise DiffError(f"{label}: directory {directory} does not exist")
    if revision.startswith("-"):
        raise DiffError(f"{label}: a revision cannot start with '-'")
    try:
        shown = subprocess.run(
            ["git", "show", f"{revision}:./{path.name}"],
            cwd=directory,
            capture_output=True,
            check=False,
        )
    except OSError as exc:
        raise DiffError(f"{label}: cannot run git: {exc}") from exc
    if shown.returncode != 0 and _is_commit(revision, directory):
        if not _exists_at(revision, path.name, directory):
            raise AbsentAtRevision(f"{label}: the file does not exist at {revision}")
    if shown.returncode != 0:
        reason = shown.stderr.decode("utf-8", "replace").strip() or f"exit {shown.returncode}"
        raise DiffError(f"{label}: git show failed: {reason}")
    try:
        text = shown.stdout.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise DiffError(f"{label}: not UTF-8 text: {exc}") from exc
    return load_spec(path, name=label, text=text)


def _is_commit(revision: str, directory: Path) -> bool:
    return _git_ok(["rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}"], directory)


def _exists_at(revision: str, name: str, directory: Path) -> bool:
    return _git_ok(["cat-file", "-e", f"{revision}:./{name}"], directory)


def _git_ok(args: list[str], directory: Path) -> bool:
    try:
        return subprocess.run(["git", *args], cwd=directory, capture_output=True).returncode == 0
    except OSError:
        return False
