"""``socialpost db``: the schema set up and checked, sessions moved to and from TinyDB files."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import httpx
import psycopg
from click.testing import CliRunner, Result

from socialpost.server.cli import main
from socialpost.server.store.postgres import SCHEMA_VERSION
from tests.conftest import AUTH
from tests.live import free_port, serve_process
from tests.shared.replicas import Replica, create_post, list_posts, replicas


def db(*args: str) -> Result:
    return CliRunner().invoke(main, ["db", *args], catch_exceptions=False)


def query(url: str, sql: str) -> list[tuple[object, ...]]:
    with psycopg.connect(url) as conn:
        return conn.execute(sql.encode()).fetchall()


def test_init_on_an_empty_database_creates_the_schema_and_the_default_session(
    store_url: str,
) -> None:
    ran = db("init", "--store", store_url)
    assert ran.exit_code == 0, ran.output
    assert "applying database migration 1" in ran.output
    assert "created the default session" in ran.output
    assert query(store_url, "SELECT max(version) FROM socialpost_schema") == [(SCHEMA_VERSION,)]
    assert query(store_url, "SELECT name FROM socialpost_sessions") == [("default",)]
    again = db("init", "--store", store_url)
    assert again.exit_code == 0, again.output
    assert "the default session exists" in again.output
    assert "applying" not in again.output


def test_migrate_twice_applies_each_migration_once(store_url: str) -> None:
    first = db("migrate", "--store", store_url)
    second = db("migrate", "--store", store_url)
    assert first.exit_code == second.exit_code == 0, first.output + second.output
    assert first.output.count("applying database migration") == SCHEMA_VERSION
    assert "applying" not in second.output
    assert f"schema at version {SCHEMA_VERSION}" in second.output
    assert query(store_url, "SELECT count(*) FROM socialpost_schema") == [(SCHEMA_VERSION,)]


def test_serve_on_a_database_without_the_schema_migrates_it_and_says_so(
    store_url: str, tmp_path: Path
) -> None:
    with replicas(store_url, 1, tmp_path) as (replica,):
        assert "applying database migration 1" in replica.output()
    assert query(store_url, "SELECT max(version) FROM socialpost_schema") == [(SCHEMA_VERSION,)]


def test_a_session_exported_to_a_file_is_served_by_serve_db_with_the_same_posts(
    store_url: str, tmp_path: Path, http: httpx.Client
) -> None:
    with replicas(store_url, 1, tmp_path) as (replica,):
        made = {create_post(http, replica.url, caption=f"export {n}")["id"] for n in range(3)}
        shared = list_posts(http, replica.url)
    file = tmp_path / "exported.json"
    ran = db("export", "--store", store_url, str(file))
    assert ran.exit_code == 0, ran.output
    stored = query(store_url, "SELECT count(*) FROM socialpost_rows"
                              " WHERE session = 'default' AND tbl = 'social_posts'")[0][0]
    assert f"exported {stored} posts of session default" in ran.output
    with serve_process(file) as embedded:
        served = list_posts(http, embedded.url)
    assert made <= {post["id"] for post in served}
    assert served == shared


def test_a_file_written_by_serve_db_imported_into_a_session_is_seen_by_a_running_replica(
    store_url: str, tmp_path: Path, http: httpx.Client
) -> None:
    file = tmp_path / "local.json"
    with serve_process(file) as embedded:
        made = {create_post(http, embedded.url, caption=f"local {n}")["id"] for n in range(3)}
        local = list_posts(http, embedded.url)
    with replicas(store_url, 1, tmp_path) as (replica,):
        qa = {**AUTH, "X-Mock-Session": "imported"}
        assert not made & {p["id"] for p in list_posts(http, replica.url, headers=qa)}
        # When the file is imported into that session, which the replica holds in memory
        ran = db("import", "--store", store_url, "--session", "imported", str(file))
        assert ran.exit_code == 0, ran.output
        assert re.search(r"imported \d+ posts into session imported", ran.output), ran.output
        # Then the replica's next read shows the file's posts, and the default session is as it was
        assert list_posts(http, replica.url, headers=qa) == local
        assert not made & {p["id"] for p in list_posts(http, replica.url)}


def test_a_database_of_a_newer_schema_is_refused_with_exit_2(
    store_url: str, tmp_path: Path
) -> None:
    assert db("migrate", "--store", store_url).exit_code == 0
    with psycopg.connect(store_url) as conn:
        conn.execute("INSERT INTO socialpost_schema (version, description) VALUES (%s, 'future')",
                     (SCHEMA_VERSION + 1,))
    ran = db("migrate", "--store", store_url)
    assert ran.exit_code == 2
    newer = f"schema is version {SCHEMA_VERSION + 1}"
    assert newer in ran.output and "upgrade socialpost" in ran.output
    replica = Replica(store_url, free_port(), tmp_path)
    replica.launch()
    assert replica.process is not None
    try:
        code = replica.process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        replica.stop()
        raise
    assert code == 2, replica.output()
    assert newer in replica.output() and "upgrade socialpost" in replica.output()
