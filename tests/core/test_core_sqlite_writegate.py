"""The SQLite write gate (crossnote.core.sqlite3): writers from several processes and threads
queue for SQLite's one write lock instead of sleeping in its busy handler, no writer starves
behind a busy one, a killed writer leaves the gate open, and every way out of a transaction
(commit, rollback, an exception, a closed connection) lets the next writer in.

Each case runs real processes on a throwaway SQLite file with a bare Django configuration (the
test suite's own database is in memory, where the gate is off by design)."""

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from crossnote.core.sqlite3.base import writes

ROOT = Path(__file__).resolve().parents[2]

# One writer process: configures Django on the file, then runs MODE once "go" arrives on stdin.
CHILD = r"""
import json, sys, threading, time
import django
from django.conf import settings
mode, path, engine, timeout, threads, count = sys.argv[1:7]
settings.configure(DATABASES={"default": {
    "ENGINE": engine, "NAME": path,
    "OPTIONS": {"transaction_mode": "IMMEDIATE", "timeout": float(timeout),
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"}}})
django.setup()
from django.db import OperationalError, connection, transaction
with connection.cursor() as cursor:
    cursor.execute("SELECT 1")  # import the backend and open a connection before the start
connection.close()
errors, waits = [], []

def write(who):
    if mode == "autocommit":
        with connection.cursor() as cursor:
            cursor.execute("INSERT INTO row (who) VALUES (%s)", [who])
            cursor.execute("UPDATE counter SET n = n + 1")
        return
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("INSERT INTO row (who) VALUES (%s)", [who])
        cursor.execute("UPDATE counter SET n = n + 1")
        if mode == "hog":
            time.sleep(0.03)  # a slow transaction, then at once the next one
        if mode == "hold":
            print("holding", flush=True)
            time.sleep(600)

def work(who):
    for _ in range(int(count)):
        began = time.perf_counter()
        try:
            write(who)
        except OperationalError as error:
            errors.append(str(error))
        waits.append(time.perf_counter() - began)
        time.sleep(0.002)
    connection.close()

print("ready", flush=True)
sys.stdin.readline()
pool = [threading.Thread(target=work, args=(n,)) for n in range(int(threads))]
for thread in pool:
    thread.start()
for thread in pool:
    thread.join()
print(json.dumps({"errors": errors[:3], "error_count": len(errors), "max_wait": max(waits)}))
"""

GATED = "crossnote.core.sqlite3"


def make_database(folder: Path) -> Path:
    path = folder / "gate.sqlite3"
    database = sqlite3.connect(path)
    database.execute("PRAGMA journal_mode=WAL")
    database.execute("CREATE TABLE row (id INTEGER PRIMARY KEY, who INTEGER)")
    database.execute("CREATE TABLE counter (n INTEGER)")
    database.execute("INSERT INTO counter VALUES (0)")
    database.commit()
    database.close()
    return path


def start(mode: str, path: Path, *, threads: int, count: int, timeout: float = 1.0, engine=GATED):
    process = subprocess.Popen(  # noqa: S603 - our own interpreter and script
        [
            sys.executable,
            "-c",
            CHILD,
            mode,
            str(path),
            engine,
            str(timeout),
            str(threads),
            str(count),
        ],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    assert process.stdout.readline().strip() == "ready"
    return process


def go(process) -> None:
    process.stdin.write("go\n")
    process.stdin.flush()


def result(process) -> dict:
    out, _ = process.communicate(timeout=120)
    return json.loads(out.strip().splitlines()[-1])


def counts(path: Path) -> tuple[int, int]:
    database = sqlite3.connect(path)
    try:
        rows = database.execute("SELECT count(*) FROM row").fetchone()[0]
        counter = database.execute("SELECT n FROM counter").fetchone()[0]
        return rows, counter
    finally:
        database.close()


@pytest.mark.parametrize("mode", ["atomic", "autocommit"])
def test_writers_queue_behind_a_busy_writer_in_another_process_instead_of_timing_out(
    tmp_path, mode
):
    """One process writes 30 ms transactions back to back (2 ms apart) for about two seconds;
    another process's writers, with a 1 s timeout, must each get in within a transaction or two.
    SQLite's busy handler alone polls with growing sleeps and almost never lands in a 2 ms gap:
    its writers wait the whole second and often fail with "database is locked"."""
    path = make_database(tmp_path)
    hog = start("hog", path, threads=1, count=60)
    writers = start(mode, path, threads=2, count=10)
    go(hog)
    time.sleep(0.1)  # the hog holds the lock first
    go(writers)
    writers_result, hog_result = result(writers), result(hog)
    assert writers_result["error_count"] == 0, writers_result["errors"]
    assert hog_result["error_count"] == 0, hog_result["errors"]
    # Two hog transactions and the other writer's turn is about 70 ms; 0.5 s leaves room for a
    # loaded machine and still fails the busy handler, which waits out its 1 s timeout.
    assert writers_result["max_wait"] < 0.5, writers_result
    assert counts(path) == (80, 80)


def test_many_writers_in_two_processes_lose_nothing(tmp_path):
    path = make_database(tmp_path)
    processes = [
        start(mode, path, threads=4, count=40, timeout=20) for mode in ("atomic", "autocommit")
    ]
    for process in processes:
        go(process)
    for process in processes:
        outcome = result(process)
        assert outcome["error_count"] == 0, outcome["errors"]
    assert counts(path) == (2 * 4 * 40, 2 * 4 * 40)


def test_a_writer_killed_while_holding_the_gate_does_not_shut_it(tmp_path):
    """The kernel drops a dead process's flock (and SQLite's own locks): the next writer goes
    in at once, and the dead writer's transaction is rolled back."""
    path = make_database(tmp_path)
    holder = start("hold", path, threads=1, count=1)
    go(holder)
    assert holder.stdout.readline().strip() == "holding"
    writer = start("atomic", path, threads=1, count=3, timeout=5)
    holder.send_signal(signal.SIGKILL)
    holder.wait(timeout=10)
    go(writer)
    outcome = result(writer)
    assert outcome["error_count"] == 0, outcome["errors"]
    assert outcome["max_wait"] < 2
    assert counts(path) == (3, 3)


# Each way out of a transaction, in one process: the gate must be free afterwards (another
# thread takes it within 0.5 s), and a read outside a transaction never waits for it.
CHECKS = r"""
import sys, threading, time
import django
from django.conf import settings
settings.configure(DATABASES={"default": {
    "ENGINE": "crossnote.core.sqlite3", "NAME": sys.argv[1],
    "OPTIONS": {"transaction_mode": "IMMEDIATE", "timeout": 0.5,
                "init_command": "PRAGMA journal_mode=WAL;"}}})
django.setup()
from django.db import DatabaseError, connection, transaction

def other_thread_writes():
    outcome = []
    def write():
        from django.db import connection as mine
        try:
            with mine.cursor() as cursor:
                cursor.execute("INSERT INTO row (who) VALUES (2)")
            outcome.append("ok")
        except DatabaseError as error:
            outcome.append(str(error))
        finally:
            mine.close()
    thread = threading.Thread(target=write)
    thread.start()
    thread.join()
    return outcome[0]

def insert():
    with connection.cursor() as cursor:
        cursor.execute("INSERT INTO row (who) VALUES (1)")

class Boom(Exception):
    pass

# committed
with transaction.atomic():
    insert()
    assert connection.gate_held
assert not connection.gate_held
assert other_thread_writes() == "ok", "after a commit"

# nested blocks and a savepoint rolled back, then the outer block committed
with transaction.atomic():
    insert()
    try:
        with transaction.atomic():
            insert()
            raise Boom
    except Boom:
        pass
    assert connection.gate_held, "a savepoint's rollback must not let go"
assert not connection.gate_held
assert other_thread_writes() == "ok", "after a savepoint"

# an exception rolls the whole transaction back
try:
    with transaction.atomic():
        insert()
        raise Boom
except Boom:
    pass
assert not connection.gate_held
assert other_thread_writes() == "ok", "after a rollback"

# a read outside a transaction while another thread holds the gate: no wait
held, release = threading.Event(), threading.Event()
def hold():
    from django.db import connection as mine
    with transaction.atomic():
        with mine.cursor() as cursor:
            cursor.execute("INSERT INTO row (who) VALUES (3)")
        held.set()
        release.wait(10)
    mine.close()
holder = threading.Thread(target=hold)
holder.start()
held.wait(10)
began = time.perf_counter()
with connection.cursor() as cursor:
    cursor.execute("SELECT count(*) FROM row")
assert time.perf_counter() - began < 0.2, "a read waited for the gate"
assert other_thread_writes().startswith("database is locked"), "the gate let two writers in"
release.set()
holder.join()
assert other_thread_writes() == "ok", "after the holder committed"

# autocommit turned off by hand: SQLite begins a transaction at the first write and holds the
# write lock until the commit, so the gate is held that long too
transaction.set_autocommit(False)
insert()
assert connection.gate_held
transaction.commit()
assert not connection.gate_held
transaction.set_autocommit(True)
assert other_thread_writes() == "ok", "after a manual commit"

# the connection closed inside a transaction
try:
    with transaction.atomic():
        insert()
        connection.close()
except DatabaseError:
    pass
assert not connection.gate_held
assert other_thread_writes() == "ok", "after a close"
print("checks passed")
"""


def test_every_way_out_of_a_transaction_opens_the_gate_and_reads_never_wait(tmp_path):
    path = make_database(tmp_path)
    done = subprocess.run(  # noqa: S603 - our own interpreter and script
        [sys.executable, "-c", CHECKS, str(path)],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert "checks passed" in done.stdout


@pytest.mark.parametrize(
    ("sql", "expected"),
    [
        ('INSERT INTO "notes_notelike" ("user_id") VALUES (%s)', True),
        ("  update notes_note set like_count = like_count + 1", True),
        ('DELETE FROM "notes_notelike" WHERE id = %s', True),
        ("CREATE INDEX x ON y (z)", True),
        ("WITH gone AS (SELECT id FROM a) DELETE FROM b WHERE id IN gone", True),
        ('SELECT "notes_note"."id" FROM "notes_note"', False),
        ("WITH recent AS (SELECT id FROM a) SELECT * FROM recent", False),
        ("SAVEPOINT s1", False),
        ("PRAGMA journal_mode", False),
    ],
)
def test_statements_that_write_are_told_from_reads(sql, expected):
    assert writes(sql) is expected


def test_the_embedded_default_uses_the_gate_and_postgresql_is_untouched():
    def engine(**env):
        code = "from django.conf import settings; print(settings.DATABASES['default']['ENGINE'])"
        base = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
        done = subprocess.run(  # noqa: S603 - our own interpreter
            [sys.executable, "-c", code],
            cwd=ROOT,
            env={**base, "DJANGO_SETTINGS_MODULE": "crossnote.settings", **env},
            capture_output=True,
            text=True,
            check=True,
        )
        return done.stdout.strip()

    assert engine() == GATED
    assert engine(CROSSNOTE_SQLITE_WRITE_GATE="0") == "django.db.backends.sqlite3"
    assert engine(DATABASE_URL="postgres://u@127.0.0.1:5432/x") == "django.db.backends.postgresql"
