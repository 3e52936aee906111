"""`crossnote migrate-data`: the demo world moves from SQLite to a fresh PostgreSQL database
without loss, proven by per-table counts and checksums; tampering is caught."""

import os
import sqlite3
import subprocess
import sys
import uuid
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest
from django.core.management import CommandError, call_command

from tests.conftest import require_service

CROSSNOTE = str(Path(sys.executable).parent / "crossnote")


def _env(tmp_path, **extra):
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("CROSSNOTE_", "DJANGO_"))
        and k not in ("DATABASE_URL", "REDIS_URL", "CELERY_BROKER_URL")
    }
    env.update(CROSSNOTE_DATA_DIR=str(tmp_path / "data"), **extra)
    return env


def crossnote(tmp_path, *args, **env):
    return subprocess.run(  # noqa: S603 - our own command
        [CROSSNOTE, *args],
        cwd=tmp_path,
        env=_env(tmp_path, **env),
        capture_output=True,
        text=True,
        timeout=400,
    )


@pytest.fixture
def fresh_postgres():
    """A new, empty PostgreSQL database on the test server, dropped afterwards."""
    import psycopg

    url = require_service("postgres")
    parts = urlsplit(url)
    name = f"crossnote_migrate_test_{uuid.uuid4().hex[:10]}"
    admin = urlunsplit(parts._replace(scheme="postgresql", path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    target = urlunsplit(parts._replace(scheme="postgres", path=f"/{name}"))
    try:
        yield target
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _pg(url):
    import psycopg

    return psycopg.connect(url.replace("postgres://", "postgresql://", 1), autocommit=True)


@pytest.mark.slow
def test_the_demo_world_moves_to_postgresql_and_is_verified(tmp_path, fresh_postgres):
    assert crossnote(tmp_path, "migrate", "-v", "0").returncode == 0
    demo = crossnote(tmp_path, "demo", "--users", "8", "--notes", "30", "--seed", "7")
    assert demo.returncode == 0, demo.stderr
    source_file = tmp_path / "data" / "crossnote.sqlite3"
    source = f"sqlite:///{source_file}"

    moved = crossnote(tmp_path, "migrate-data", "--from", source, "--to", fresh_postgres)
    assert moved.returncode == 0, moved.stdout + moved.stderr
    assert "counts and checksums match" in moved.stdout

    # Independently of the command's own check: the same rows on both sides.
    lite = sqlite3.connect(source_file)
    with _pg(fresh_postgres) as pg:
        for table in ("accounts_user", "notes_note", "notes_noteimage", "notes_comment"):
            (n_lite,) = lite.execute(f"SELECT count(*) FROM {table}").fetchone()  # noqa: S608
            (n_pg,) = pg.execute(f"SELECT count(*) FROM {table}").fetchone()  # noqa: S608
            assert n_lite == n_pg > 0, table
        lite_notes = lite.execute("SELECT id, title, body FROM notes_note ORDER BY id").fetchall()
        pg_notes = pg.execute("SELECT id, title, body FROM notes_note ORDER BY id").fetchall()
        assert [tuple(r) for r in lite_notes] == [tuple(r) for r in pg_notes]
        assert any(any("\u4e00" <= ch <= "\u9fff" for ch in r[1] + r[2]) for r in pg_notes)
        # PostgreSQL's full-text column is computed for every copied search row.
        (unindexed,) = pg.execute(
            "SELECT count(*) FROM search_noteentry WHERE document IS NULL"
        ).fetchone()
        assert unindexed == 0
        (max_user,) = pg.execute("SELECT max(id) FROM accounts_user").fetchone()

    # --verify-only compares without copying, and catches changed and missing rows.
    check = crossnote(
        tmp_path, "migrate-data", "--from", source, "--to", fresh_postgres, "--verify-only"
    )
    assert check.returncode == 0, check.stdout + check.stderr
    with _pg(fresh_postgres) as pg:
        pg.execute(
            "UPDATE notes_note SET body = body || ' ' WHERE id = (SELECT min(id) FROM notes_note)"
        )
        pg.execute("DELETE FROM notes_notelike WHERE id = (SELECT min(id) FROM notes_notelike)")
    tampered = crossnote(
        tmp_path, "migrate-data", "--from", source, "--to", fresh_postgres, "--verify-only"
    )
    assert tampered.returncode != 0
    assert "2 table(s) differ" in tampered.stderr
    assert "notes_note," in tampered.stderr and "notes_notelike" in tampered.stderr
    assert "MISMATCH" in tampered.stdout

    # Sequences continue after the copied ids: a new account on the target just works.
    made = crossnote(
        tmp_path,
        "createsuperuser",
        "--noinput",
        "--username",
        "new_admin",
        "--email",
        "admin@example.com",
        DATABASE_URL=fresh_postgres,
        DJANGO_SUPERUSER_PASSWORD="a long admin password 42",
    )
    assert made.returncode == 0, made.stderr
    with _pg(fresh_postgres) as pg:
        (new_id,) = pg.execute("SELECT id FROM accounts_user WHERE username='new_admin'").fetchone()
    assert new_id > max_user

    # A target that holds accounts is never written to.
    again = crossnote(tmp_path, "migrate-data", "--from", source, "--to", fresh_postgres)
    assert again.returncode != 0
    assert "already holds 9 account(s)" in again.stderr


@pytest.mark.parametrize(
    "source, target, message",
    [
        ("sqlite:////nonexistent/crossnote.sqlite3", "postgres://x@127.0.0.1/y", "No SQLite"),
        ("not a url", "postgres://x@127.0.0.1/y", "Not a database URL"),
        # An unknown scheme, or a database Crossnote does not run on, is refused up front
        # (it used to fail mid-run with Django's ImproperlyConfigured traceback).
        ("nosuch://x", "postgres://x@127.0.0.1/y", "Not a database URL Crossnote runs on"),
        ("mysql://u@127.0.0.1/y", "postgres://x@127.0.0.1/y", "Not a database URL Crossnote"),
    ],
)
def test_bad_urls_are_refused_with_a_message(source, target, message):
    with pytest.raises(CommandError, match=message):
        call_command("migrate_data", source=source, target=target)


def test_the_same_database_twice_is_refused(tmp_path):
    db = tmp_path / "a.sqlite3"
    sqlite3.connect(db).close()
    url = f"sqlite:///{db}"
    with pytest.raises(CommandError, match="same database"):
        call_command("migrate_data", source=url, target=url)


def test_a_source_behind_on_migrations_is_refused(tmp_path, django_db_blocker):
    source = tmp_path / "old.sqlite3"
    sqlite3.connect(source).close()  # an empty file: nothing migrated
    target = tmp_path / "new.sqlite3"
    with django_db_blocker.unblock(), pytest.raises(CommandError, match="unapplied migration"):
        call_command("migrate_data", source=f"sqlite:///{source}", target=f"sqlite:///{target}")
    assert not target.exists() or target.stat().st_size == 0  # nothing written
