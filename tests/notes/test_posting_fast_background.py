"""Posting answers fast on the embedded default (issue 19): a note's photo variants and its
indexing go to `crossnote serve`'s low-priority background process through a spool of files
(crossnote.core.spool) while that process runs, and to a thread of the web process when it does
not; readers see the note only once the background process has made its variants; a file left
by a killed process is run again; the periodic jobs move to the background process with it."""

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from celery import shared_task

from crossnote.core import scheduler, spool, tasks
from crossnote.core.models import FailedTask
from crossnote.notes import policies, services
from crossnote.notes.tasks import make_note_variants
from crossnote.search.tasks import index_note
from tests.conftest import upload

pytestmark = pytest.mark.django_db

RAN: list[str] = []


@shared_task(name="tests.posting_fast.low", low_priority=True)
def low(label: str) -> None:
    RAN.append(label)


@shared_task(name="tests.posting_fast.ordinary")
def ordinary(label: str) -> None:
    RAN.append(label)


@pytest.fixture
def embedded(settings, tmp_path):
    """A server's settings: no broker, tasks not inline, a data folder of its own."""
    settings.DATA_DIR = tmp_path / "data"
    settings.DATA_DIR.mkdir()
    settings.CROSSNOTE_TASKS_INLINE = False
    settings.CELERY_BROKER_URL = ""
    RAN.clear()
    return settings


@pytest.fixture
def background_process(embedded):
    """The spool's lock as a running background process holds it (spool.main takes it so)."""
    fd = spool.hold_lock(spool.spool_dir())
    yield spool.spool_dir()
    os.close(fd)


def queued(folder: Path) -> list[dict]:
    return [json.loads(path.read_text()) for path in spool.waiting(folder)]


def wait_for(condition, seconds=10.0) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.02)


def test_without_a_background_process_tasks_run_in_a_thread_and_nothing_is_spooled(embedded):
    assert spool.running() is False
    tasks.dispatch(low, "in a thread")
    wait_for(lambda: RAN == ["in a thread"])
    assert not spool.spool_dir().exists() or not spool.waiting(spool.spool_dir())


def test_while_it_runs_low_priority_tasks_are_spooled_and_the_others_keep_their_thread(
    background_process,
):
    assert spool.running() is True
    tasks.dispatch(low, "spooled")
    tasks.dispatch(ordinary, "thread")
    wait_for(lambda: RAN == ["thread"])
    assert queued(background_process) == [
        {"task": "tests.posting_fast.low", "args": ["spooled"], "kwargs": {}}
    ]
    # Arguments JSON cannot hold are not lost: the task runs here instead.
    tasks.dispatch(low, {1, 2})
    wait_for(lambda: len(RAN) == 2)
    assert len(queued(background_process)) == 1


def test_in_the_background_process_what_a_task_queues_runs_in_the_same_thread(
    background_process, monkeypatch
):
    """Not a thread per queued task (hundreds at once while a backlog drains), not the spool."""
    import threading

    seen = []
    monkeypatch.setattr(tasks, "_inline_here", False)
    tasks.run_queued_tasks_inline()
    monkeypatch.setattr(low, "run", lambda label: seen.append(threading.get_ident()))
    tasks.dispatch(low, "here")
    tasks.dispatch(ordinary, "here too")
    assert seen == [threading.get_ident()] and RAN == ["here too"]
    assert queued(background_process) == []


def test_the_lock_of_a_process_that_ended_no_longer_counts(embedded):
    fd = spool.hold_lock(spool.spool_dir())
    assert spool.running() is True
    os.close(fd)  # what the kernel does when the process dies, even by SIGKILL
    assert spool.running() is False


def test_a_posted_note_waits_in_the_spool_until_the_background_process_makes_its_variants(
    background_process, django_capture_on_commit_callbacks, mia, lin
):
    with django_capture_on_commit_callbacks(execute=True):
        note = services.create_note(author=mia, title="Cat", body="#cats", images=[upload()])
    jobs = queued(background_process)
    assert {"task": make_note_variants.name, "args": [note.pk], "kwargs": {}} in jobs
    assert {"task": index_note.name, "args": [note.pk], "kwargs": {}} in jobs
    note.refresh_from_db()
    assert not note.media_ready and note.images.get().pending
    assert policies.can_view_note(mia, note) and not policies.can_view_note(lin, note)

    for path in spool.waiting(background_process):  # what the background process does
        spool.run_file(path)
    assert spool.waiting(background_process) == []
    note.refresh_from_db()
    assert note.media_ready and not note.images.get().pending
    assert len(note.images.get().pdq_hash) == 64  # hashed there, before readers were let in
    assert policies.can_view_note(lin, note)


def test_files_left_by_a_killed_process_run_oldest_first_and_each_once(embedded):
    folder = spool.spool_dir()
    folder.mkdir()
    left = [spool.put(low, [f"left {n}"], {}) for n in range(5)]
    # One thread: with two, the first to finish may start "left 2" before the other has even
    # recorded "left 1" (the PostgreSQL pass saw ['left 0', 'left 2', ...]).
    drainer = spool.Drainer(folder, threads=1)
    while drainer.pass_once() or not drainer.idle():
        drainer.freed.wait(0.1)
    drainer.pool.shutdown(wait=True)
    assert RAN == [f"left {n}" for n in range(5)]  # oldest first, each once
    assert not any(path.exists() for path in left)


def test_a_file_of_a_task_gone_is_a_dead_letter_and_a_broken_file_is_set_aside(embedded):
    folder = spool.spool_dir()
    folder.mkdir()
    unknown = folder / "00000000000000000001-gone.json"
    unknown.write_text(json.dumps({"task": "tests.no_such_task", "args": [7], "kwargs": {}}))
    garbled = folder / "00000000000000000002-half.json"
    garbled.write_text('{"task": "tests.posting')
    for path in spool.waiting(folder):
        spool.run_file(path)
    # A task nobody has any more is a dead letter an operator sees, not a file run forever.
    failed = FailedTask.objects.get()
    assert failed.task_name == "tests.no_such_task" and failed.args == [7]
    assert spool.waiting(folder) == [] and garbled.with_suffix(".bad").exists()


def test_periodic_jobs_leave_the_web_processes_while_the_background_process_runs(
    embedded, monkeypatch
):
    embedded.CROSSNOTE_SCHEDULER = True
    monkeypatch.setattr(scheduler, "run_due", lambda: ["ran"])
    assert scheduler.tick() == ["ran"]
    fd = spool.hold_lock(spool.spool_dir())
    try:
        assert scheduler.tick() == []
    finally:
        os.close(fd)
    assert scheduler.tick() == ["ran"]


@pytest.mark.parametrize(
    ("options", "broker", "started"),
    [([], "", True), (["--no-background-process"], "", False), ([], "redis://x:1/0", False)],
)
def test_serve_starts_the_background_process_beside_granian(
    monkeypatch, settings, options, broker, started
):
    from crossnote import cli

    settings.CELERY_BROKER_URL = broker
    for name in ("CROSSNOTE_SERVE_THREADS", "ASGI_THREADS", "CROSSNOTE_TRANSLATION_WARM_UP"):
        monkeypatch.setenv(name, "")
        monkeypatch.delenv(name)
    monkeypatch.setattr(cli, "_setup", lambda: None)
    monkeypatch.setattr(cli, "_port_taken", lambda host, port: "")
    seen: dict = {}
    monkeypatch.setattr(cli.os, "execv", lambda path, argv: seen.update(granian=argv))
    monkeypatch.setattr(subprocess, "Popen", lambda argv, **kw: seen.update(background=argv))
    cli.main(["serve", "--port", "8999", *options])
    assert "granian" in seen
    if started:
        assert seen["background"] == [
            sys.executable,
            "-m",
            "crossnote.core.spool",
            "--parent",
            str(os.getpid()),
        ]
    else:
        assert "background" not in seen


@pytest.mark.slow
def test_the_background_process_holds_the_lock_while_its_server_lives_and_ends_with_it(tmp_path):
    """The real process (`python -m crossnote.core.spool`, as crossnote serve starts it): the
    lock is taken before Django loads (the web processes spool from then on), and the process
    ends when the process that started it does (SIGKILL included: the kernel tells it)."""
    data = tmp_path / "data"
    env = {**os.environ, "CROSSNOTE_DATA_DIR": str(data), "CELERY_BROKER_URL": "", "REDIS_URL": ""}
    env.pop("DATABASE_URL", None)
    starter = subprocess.Popen(  # noqa: S603 - our own interpreter: a stand-in for granian
        [
            sys.executable,
            "-c",
            "import os, subprocess, sys, time; subprocess.Popen([sys.executable, '-m',"
            " 'crossnote.core.spool', '--parent', str(os.getpid())]); time.sleep(600)",
        ],
        env=env,
        cwd=Path(__file__).resolve().parents[2],
    )
    lock = data / "spool" / spool.LOCK_NAME
    try:
        wait_for(lambda: lock.exists() and held(lock), seconds=120)
    finally:
        starter.kill()
        starter.wait()
    wait_for(lambda: not held(lock), seconds=120)


def held(lock: Path) -> bool:
    import fcntl

    fd = os.open(lock, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    finally:
        os.close(fd)
    return False
