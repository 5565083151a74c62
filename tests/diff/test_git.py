"""``--base-ref`` and ``--head-ref``: the spec read from git revisions, in a scratch repository."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from socialpost.server.cli.diff import diff
from tests.diff.gallery import pair

CHANGE = pair("request-parameter-became-required")  # ERR, with a major bump


def git(repository: Path, *arguments: str) -> str:
    return subprocess.run(
        ["git", "-c", "user.name=Test", "-c", "user.email=test@example.com", *arguments],
        cwd=repository,
        check=True,
        capture_output=True,
        text=True,
    ).stdout


@pytest.fixture
def repository(tmp_path: Path) -> Path:
    """A repository whose first commit has BASE as ``openapi.yaml``, the working tree HEAD."""
    root = tmp_path / "repo"
    root.mkdir()
    git(root, "init", "--quiet", "--initial-branch=main")
    shutil.copy(CHANGE.base, root / "openapi.yaml")
    git(root, "add", "openapi.yaml")
    git(root, "commit", "--quiet", "-m", "base")
    shutil.copy(CHANGE.head, root / "openapi.yaml")
    return root


def run(*arguments: str | Path) -> Result:
    return CliRunner().invoke(diff, [str(argument) for argument in arguments])


def test_base_ref_compares_the_committed_spec_with_the_working_tree(repository: Path) -> None:
    result = run("--base-ref", "main", repository / "openapi.yaml")

    assert result.exit_code == 1, result.output
    assert "request-parameter-became-required" in result.stdout
    assert f"main:{repository / 'openapi.yaml'} -> {repository / 'openapi.yaml'}" in result.stdout


def test_base_ref_alone_reads_openapi_yaml_of_the_current_directory(
    repository: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(repository)

    result = run("--base-ref", "HEAD", "--format", "github")

    assert result.exit_code == 1
    assert result.stdout.startswith("::error file=openapi.yaml,line=17,")


def test_head_ref_compares_two_revisions(repository: Path) -> None:
    git(repository, "commit", "--quiet", "-am", "head")
    (repository / "openapi.yaml").write_text("not: openapi\n", encoding="utf-8")

    result = run("--base-ref", "HEAD~1", "--head-ref", "HEAD", repository / "openapi.yaml")

    assert result.exit_code == 1
    assert "request-parameter-became-required" in result.stdout


def test_base_ref_of_a_file_in_a_subdirectory(repository: Path) -> None:
    # Given HEAD committed as api/openapi.yaml, and BASE in the working tree
    (repository / "api").mkdir()
    git(repository, "mv", "openapi.yaml", "api/openapi.yaml")
    git(repository, "commit", "--quiet", "-am", "move")
    shutil.copy(CHANGE.base, repository / "api" / "openapi.yaml")

    # When the working tree is compared with the commit
    result = run("--base-ref", "HEAD", repository / "api" / "openapi.yaml")

    # Then the parameter became optional again: compatible
    assert result.exit_code == 0, result.output
    assert "INFO  request-parameter-became-optional" in result.stdout


def test_a_revision_git_does_not_know_exits_2(repository: Path) -> None:
    result = run("--base-ref", "no-such-branch", repository / "openapi.yaml")

    assert result.exit_code == 2
    assert "no-such-branch" in result.stderr and "git show failed" in result.stderr
    assert result.stdout == ""


def test_a_file_new_since_the_revision_has_nothing_to_break(repository: Path) -> None:
    (repository / "other.yaml").write_text(CHANGE.head.read_text("utf-8"), encoding="utf-8")

    result = run("--base-ref", "main", repository / "other.yaml")

    assert result.exit_code == 0, result.output
    assert "other.yaml: the file does not exist at main" in result.stderr
    assert "a new contract, nothing to compare" in result.stderr
    assert "no changes" in result.stdout


def test_a_file_new_since_the_revision_still_must_be_openapi(repository: Path) -> None:
    (repository / "other.yaml").write_text("not: [openapi\n", encoding="utf-8")

    result = run("--base-ref", "main", repository / "other.yaml")

    assert result.exit_code == 2


def test_several_files_are_each_compared_with_their_own_revision(repository: Path) -> None:
    (repository / "other.yaml").write_text(CHANGE.base.read_text("utf-8"), encoding="utf-8")
    git(repository, "add", "other.yaml")
    git(repository, "commit", "--quiet", "-m", "a second contract")

    result = run("--base-ref", "HEAD~1", repository / "openapi.yaml", repository / "other.yaml",
                 "--format", "github")

    assert result.exit_code == 1, result.output
    assert "request-parameter-became-required" in result.stdout
    assert "HEAD~1:" in result.stderr and "other.yaml" in result.stderr


def test_json_compares_one_file_at_a_time(repository: Path) -> None:
    result = run("--base-ref", "main", repository / "openapi.yaml", repository / "openapi.yaml",
                 "--format", "json")

    assert result.exit_code == 2
    assert "--format json compares one file" in result.output


def test_a_directory_outside_any_repository_exits_2(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    shutil.copy(CHANGE.head, outside / "openapi.yaml")

    result = run("--base-ref", "HEAD", outside / "openapi.yaml")

    assert result.exit_code == 2
    assert "git show failed" in result.stderr
