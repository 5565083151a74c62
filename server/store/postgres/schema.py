"""The PostgreSQL schema, as numbered migrations applied in order (never edited once released).

``socialpost_schema`` records each migration applied. ``migrate`` applies the missing ones under
an advisory lock, so replicas starting together apply each exactly once; a database whose schema
is newer than this socialpost is refused rather than misread.

One session is a row of ``socialpost_sessions`` (its version, clock, generation) and the rows of
``socialpost_rows``: one per record (``tbl``: ``social_posts``, a related kind, ``tokens`` or
``post_failures``), each stamped with the session version (``seq``) that last wrote it, so a
replica catches up by reading ``seq > <the version it has>``. A cleared post failure stays as a
row with ``data`` null, for the same reason. The session's fault rules (with their counters) are
one document on its row, versioned apart from the records; its snapshots and request journal
have tables of their own. What clients send is kept as JSON bytes (``bytea``), not ``jsonb``:
JSON may carry ``\u0000``, which PostgreSQL text cannot.
"""

from __future__ import annotations

from collections.abc import Callable

import psycopg

from ..journal import StoreError

# A fixed key for pg_advisory_xact_lock: one migration run at a time per database.
MIGRATION_LOCK = 0x50C1A1

MIGRATIONS: tuple[tuple[str, str], ...] = (
    ("sessions and their records", """
        CREATE TABLE socialpost_sessions (
            name text PRIMARY KEY,
            generation bigint NOT NULL,
            version bigint NOT NULL,
            clock jsonb NOT NULL,
            scenario text,
            created double precision NOT NULL
        );
        CREATE TABLE socialpost_rows (
            session text NOT NULL REFERENCES socialpost_sessions (name) ON DELETE CASCADE,
            tbl text NOT NULL,
            key text NOT NULL,
            seq bigint NOT NULL,
            ord bigint NOT NULL,
            data bytea,
            PRIMARY KEY (session, tbl, key)
        );
        CREATE INDEX socialpost_rows_seq ON socialpost_rows (session, seq);
    """),
    ("fault rules, snapshots, request journal and idle time of sessions", """
        ALTER TABLE socialpost_sessions
            ADD COLUMN faults bytea NOT NULL
                DEFAULT convert_to('{"added": 0, "rules": []}', 'UTF8'),
            ADD COLUMN faults_version bigint NOT NULL DEFAULT 0,
            ADD COLUMN last_used double precision NOT NULL DEFAULT 0;
        CREATE TABLE socialpost_snapshots (
            session text NOT NULL REFERENCES socialpost_sessions (name) ON DELETE CASCADE,
            name text NOT NULL,
            created double precision NOT NULL,
            snapshot bytea NOT NULL,
            PRIMARY KEY (session, name)
        );
        CREATE TABLE socialpost_journal (
            session text NOT NULL REFERENCES socialpost_sessions (name) ON DELETE CASCADE,
            id bigserial NOT NULL,
            entry bytea NOT NULL,
            request_body bytea NOT NULL,
            response_body bytea NOT NULL,
            dropped boolean NOT NULL DEFAULT false,
            PRIMARY KEY (session, id)
        );
        -- bodies stored as they are: compressing a 120 KiB answer costs more than writing it
        ALTER TABLE socialpost_journal
            ALTER COLUMN request_body SET STORAGE EXTERNAL,
            ALTER COLUMN response_body SET STORAGE EXTERNAL;
    """),
    ("request journal bodies compressed with lz4 where the server has it", """
        -- A 121 KiB page kept as 64 KiB is ~33 TOAST rows as it is, ~3 once lz4 has it (~6
        -- KiB): the journal insert every request waits for costs PostgreSQL far less.
        -- (pglz, the only method without lz4, costs more than writing the bytes as they are.)
        DO $$
        BEGIN
            IF EXISTS (SELECT FROM pg_settings WHERE name = 'default_toast_compression'
                       AND 'lz4' = ANY (enumvals)) THEN
                ALTER TABLE socialpost_journal
                    ALTER COLUMN request_body SET STORAGE EXTENDED,
                    ALTER COLUMN request_body SET COMPRESSION lz4,
                    ALTER COLUMN response_body SET STORAGE EXTENDED,
                    ALTER COLUMN response_body SET COMPRESSION lz4;
            END IF;
        END
        $$;
    """),
)
SCHEMA_VERSION = len(MIGRATIONS)


def current_version(conn: psycopg.Connection) -> int:
    """The schema version of the database (0: never initialised)."""
    exists = conn.execute("SELECT to_regclass('socialpost_schema') IS NOT NULL").fetchone()
    if not exists or not exists[0]:
        return 0
    found = conn.execute("SELECT coalesce(max(version), 0) FROM socialpost_schema").fetchone()
    return int(found[0]) if found else 0


def migrate(conn: psycopg.Connection, say: Callable[[str], None] = lambda _: None) -> list[int]:
    """Apply every migration the database lacks; the numbers applied."""
    applied: list[int] = []
    with conn.transaction():
        conn.execute("SELECT pg_advisory_xact_lock(%s)", (MIGRATION_LOCK,))
        conn.execute("CREATE TABLE IF NOT EXISTS socialpost_schema (version integer PRIMARY KEY,"
                     " description text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())")
        current = current_version(conn)
        if current > SCHEMA_VERSION:
            raise StoreError(f"the database's schema is version {current}; this socialpost "
                             f"knows versions up to {SCHEMA_VERSION}: upgrade socialpost")
        for number in range(current + 1, SCHEMA_VERSION + 1):
            description, sql = MIGRATIONS[number - 1]
            say(f"applying database migration {number}: {description}")
            conn.execute(sql.encode())
            conn.execute("INSERT INTO socialpost_schema (version, description) VALUES (%s, %s)",
                         (number, description))
            applied.append(number)
    return applied
