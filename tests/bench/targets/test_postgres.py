"""The PostgreSQL target: its own database on the server named, created and always dropped."""

from __future__ import annotations

import os

import pytest

from bench.targets.postgres import bench_database_name, database_url, scratch_database

PG_URL = os.environ.get("SOCIALPOST_BENCH_PG_URL", "postgresql://postgres@127.0.0.1:5432/test")


def test_the_database_of_a_url_is_replaced_keeping_user_host_and_port() -> None:
    assert database_url("postgresql://postgres@127.0.0.1:5432/test", "socialpost_bench_1_2") \
        == "postgresql://postgres@127.0.0.1:5432/socialpost_bench_1_2"
    assert database_url("postgresql://me@db/x?sslmode=disable", "y") \
        == "postgresql://me@db/y?sslmode=disable"


def test_bench_databases_are_named_after_the_process() -> None:
    assert bench_database_name(2) == f"socialpost_bench_{os.getpid()}_2"


def test_a_name_that_is_not_plain_is_refused() -> None:
    with pytest.raises(ValueError, match="not a plain database name"), \
            scratch_database(PG_URL, "x; DROP DATABASE test"):
        pass


def test_the_scratch_database_exists_while_used_and_is_dropped_after_a_failure() -> None:
    psycopg = pytest.importorskip("psycopg")
    try:
        psycopg.connect(PG_URL, connect_timeout=3).close()
    except psycopg.OperationalError as exc:
        pytest.skip(f"no PostgreSQL at {PG_URL}: {exc}")
    name = bench_database_name(99)
    with pytest.raises(RuntimeError, match="the run failed"), \
            scratch_database(PG_URL, name) as url:
        with psycopg.connect(url) as conn:
            assert conn.execute("select current_database()").fetchone() == (name,)
        raise RuntimeError("the run failed")
    with psycopg.connect(PG_URL, autocommit=True) as admin:
        assert admin.execute("select 1 from pg_database where datname = %s",
                             (name,)).fetchall() == []
