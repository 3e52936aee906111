"""Real Celery workers (`crossnote worker` processes) consuming from real Redis and RabbitMQ, on
the test's PostgreSQL database: tasks queued on commit run there; a worker killed with SIGKILL in
the middle of a task leaves its message unacknowledged, and after a restart the task completes
exactly once; a task that keeps failing is retried with backoff, then dead-lettered.

A second process cannot open the SQLite test database (it lives in memory), so these run in the
PostgreSQL pass of scripts/test.sh and skip on SQLite.
"""

import os
import secrets
import signal
import subprocess
import sys
import time
from pathlib import Path

import psycopg
import pytest
from django.conf import settings as django_settings
from django.db import connection
from kombu import pools

from crossnote.celery import app
from crossnote.core.models import FailedTask, TaskClaim
from crossnote.notes.models import Note
from crossnote.privacy import services
from crossnote.privacy.models import ExportRequest
from crossnote.social.models import Notification
from tests.conftest import make_user, require_service

pytestmark = pytest.mark.django_db(transaction=True)

BASE_DIR = Path(__file__).resolve().parents[2]


def _database_url() -> str:
    if connection.vendor != "postgresql":
        pytest.skip(
            "worker processes need a database another process can open: these tests run in the "
            "PostgreSQL pass (DATABASE_URL=postgres://...; scripts/test.sh)"
        )
    s = connection.settings_dict
    auth = s["USER"] + (f":{s['PASSWORD']}" if s["PASSWORD"] else "")
    return f"postgres://{auth}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"


def _own_redis_database(url: str) -> str:
    """The same Redis, database 14: other tests flush TEST_REDIS_URL's database (the `redis_url`
    fixture) at any moment, which would drop a queued task; each test here uses a queue of its
    own, so nothing needs flushing."""
    from urllib.parse import urlsplit, urlunsplit

    return urlunsplit(urlsplit(url)._replace(path="/14"))


@pytest.fixture(params=["redis", "amqp"])
def broker(request):
    """A real broker URL (skips when the service is unreachable; fails under REQUIRE_SERVICES)."""
    _database_url()
    if request.param == "redis":
        return _own_redis_database(require_service("redis"))
    return request.getfixturevalue("amqp_url")


@pytest.fixture
def redis_broker():
    _database_url()
    return _own_redis_database(require_service("redis"))


class Workers:
    """Starts `crossnote worker` processes on the test database and one queue of their own."""

    def __init__(self, broker_url: str, tmp_path: Path):
        self.broker_url, self.tmp_path = broker_url, tmp_path
        self.queue = f"test-{secrets.token_hex(6)}"
        self.procs: list[subprocess.Popen] = []

    def env(self, **extra) -> dict:
        env = {k: v for k, v in os.environ.items() if k != "CROSSNOTE_TASKS_INLINE"}
        env.update(
            DJANGO_SETTINGS_MODULE="crossnote.settings",
            DATABASE_URL=_database_url(),
            CELERY_BROKER_URL=self.broker_url,
            CROSSNOTE_DATA_DIR=str(self.tmp_path / "worker-data"),
            CROSSNOTE_EXPORTS_DIR=str(django_settings.CROSSNOTE_EXPORTS_DIR),
            MEDIA_ROOT=str(django_settings.MEDIA_ROOT),
            LOG_LEVEL="INFO",
        )
        env.update(extra)
        return env

    def start(self, **extra_env) -> subprocess.Popen:
        log = self.tmp_path / f"worker-{len(self.procs)}.log"
        argv = [sys.executable, "-m", "crossnote.cli", "worker", "--concurrency", "1"]
        argv += ["--queues", self.queue, "--hostname", f"w{len(self.procs)}-{self.queue}@%h"]
        with open(log, "wb") as out:
            proc = subprocess.Popen(  # noqa: S603 - our own CLI
                argv,
                env=self.env(**extra_env),
                cwd=BASE_DIR,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # its own process group: SIGKILL reaches the pool too
            )
        proc.log = log
        self.procs.append(proc)
        return proc

    def kill(self, proc) -> None:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(10)

    def stop_all(self) -> None:
        for proc in self.procs:
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGTERM)
                try:
                    proc.wait(15)
                except subprocess.TimeoutExpired:
                    os.killpg(proc.pid, signal.SIGKILL)
                    proc.wait(10)


def wait_for(check, seconds: float, message: str, workers=None):
    """Poll `check` until it is truthy; on timeout fail with the workers' logs. The limits are
    generous: a worker takes seconds to start on a busy two-core machine."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = check()
        if value:
            return value
        time.sleep(0.2)
    logs = (
        "".join(f"\n--- {p.log.name}:\n{p.log.read_text()[-4000:]}" for p in workers.procs)
        if workers
        else ""
    )
    pytest.fail(f"{message}{logs}")


def _use_broker(settings, url: str, queue: str):
    """Point this (test) process's Celery app at the broker and queue: enqueue() sends there."""
    settings.CELERY_BROKER_URL = url
    settings.CROSSNOTE_TASKS_INLINE = False
    app.conf.update(broker_url=url, task_always_eager=False, task_default_queue=queue)
    app._pool = None
    app.__dict__.pop("amqp", None)  # queues, router and producers are cached there


def _forget_broker(before: dict):
    app.conf.update(before)
    pools.reset()  # close and forget kombu's connection and producer pools for that broker
    app._pool = None
    app.__dict__.pop("amqp", None)


@pytest.fixture
def workers_on(settings, tmp_path):
    settings.CROSSNOTE_EXPORTS_DIR = tmp_path / "exports"
    made = []
    before = {
        key: app.conf[key] for key in ("broker_url", "task_always_eager", "task_default_queue")
    }

    def make(url: str) -> Workers:
        workers = Workers(url, tmp_path)
        made.append(workers)
        _use_broker(settings, url, workers.queue)
        return workers

    yield make
    for workers in made:
        workers.stop_all()
    _forget_broker(before)


def _ready_notifications(user) -> int:
    return Notification.objects.filter(recipient=user, verb=Notification.Verb.EXPORT_READY).count()


def _zips() -> list[Path]:
    return sorted(Path(django_settings.CROSSNOTE_EXPORTS_DIR).rglob("*.zip"))


def _waiting_on_a_lock() -> bool:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
            "AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()"
        )
        return cursor.fetchone()[0] > 0


def test_a_task_queued_on_commit_runs_on_a_worker(broker, workers_on, make_note):
    mia = make_user("mia_worker")
    make_note(mia, title="Before the broker")
    workers = workers_on(broker)
    workers.start()
    export = services.request_export(user=mia)  # commits, then sends the task to the broker
    wait_for(
        lambda: ExportRequest.objects.get(pk=export.pk).status == "ready",
        180,
        "the worker never built the export",
        workers,
    )
    assert _ready_notifications(mia) == 1 and len(_zips()) == 1


def test_a_worker_killed_mid_task_finishes_it_after_a_restart_with_no_duplicate(
    broker, workers_on, make_note
):
    mia = make_user("mia_killed")
    make_note(mia, title="A note to export", body="its words")
    workers = workers_on(broker)
    # Redis hands a dead worker's unacknowledged message out again after the visibility timeout
    # (default an hour): 3 s here (RabbitMQ does it as soon as the connection drops).
    fast_redelivery = {"CROSSNOTE_TASK_VISIBILITY_TIMEOUT": "3"}
    first = workers.start(**fast_redelivery)
    # Hold the notes table: the worker claims the export, then blocks reading Mia's notes.
    blocker = psycopg.connect(_database_url().replace("postgres://", "postgresql://", 1))
    blocker.execute(f'LOCK TABLE "{Note._meta.db_table}" IN ACCESS EXCLUSIVE MODE')
    try:
        export = services.request_export(user=mia)
        wait_for(
            lambda: (
                ExportRequest.objects.get(pk=export.pk).status == "running" and _waiting_on_a_lock()
            ),
            180,
            "the worker never started the export",
            workers,
        )
        claim = TaskClaim.objects.get(key=f"privacy.export:{export.pk}")
        assert claim.task_id  # mid-task: claimed by this message, archive not yet written
        workers.kill(first)
    finally:
        blocker.rollback()
        blocker.close()
    assert ExportRequest.objects.get(pk=export.pk).status == "running"
    assert _ready_notifications(mia) == 0 and _zips() == []

    workers.start(**fast_redelivery)  # never acknowledged: delivered again, same task id
    key = f"privacy.export:{export.pk}"
    wait_for(  # ready, and the task finished (it lets go of its claim last)
        lambda: (
            ExportRequest.objects.get(pk=export.pk).status == "ready"
            and not TaskClaim.objects.filter(key=key).exists()
        ),
        180,
        "the export never finished after the restart",
        workers,
    )
    export.refresh_from_db()
    assert export.attempts == 1 and export.progress == 100
    assert _ready_notifications(mia) == 1  # one "your export is ready", not two
    assert len(_zips()) == 1 and _zips()[0].name == Path(export.file_name).name
    assert not FailedTask.objects.exists()


def test_a_task_that_keeps_failing_on_a_worker_is_retried_then_dead_lettered(
    redis_broker, workers_on, tmp_path
):
    mia = make_user("mia_failing")
    workers = workers_on(redis_broker)
    not_a_folder = tmp_path / "exports-is-a-file"
    not_a_folder.write_text("the archive cannot be stored under a file")
    workers.start(CROSSNOTE_EXPORTS_DIR=str(not_a_folder))
    export = services.request_export(user=mia)
    failed = wait_for(
        lambda: FailedTask.objects.filter(task_name="crossnote.privacy.tasks.run_export").first(),
        180,
        "no dead letter",
        workers,
    )
    export.refresh_from_db()
    assert export.status == "failed" and export.attempts == 3  # tried, retried twice, gave up
    assert failed.args == [export.pk] and failed.attempts == 3
    assert "PermanentFailure" in failed.exception
    assert _ready_notifications(mia) == 0


def test_beat_runs_on_the_broker_with_every_periodic_job(redis_broker, tmp_path, settings):
    """`crossnote beat` starts, keeps its state file and schedules CELERY_BEAT_SCHEDULE."""
    import shelve

    schedule = tmp_path / "beat-schedule"
    workers = Workers(redis_broker, tmp_path)
    log = tmp_path / "beat.log"
    with open(log, "wb") as out:
        beat = subprocess.Popen(  # noqa: S603 - our own CLI
            [sys.executable, "-m", "crossnote.cli", "beat", "--schedule", str(schedule)],
            env=workers.env(),
            cwd=BASE_DIR,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:

        def scheduled():
            if beat.poll() is not None:
                pytest.fail(f"beat exited ({beat.returncode}):\n{log.read_text()}")
            try:
                with shelve.open(str(schedule), flag="r") as state:  # noqa: S301 - ours
                    return set(state.get("entries", {}))
            except Exception:  # not written yet (or being written)
                return None

        entries = wait_for(lambda: scheduled() or None, 180, f"no beat state:\n{log}")
    finally:
        os.killpg(beat.pid, signal.SIGTERM)
        beat.wait(15)
    assert set(settings.CELERY_BEAT_SCHEDULE) <= entries


def test_a_queue_nobody_consumes_is_reported_with_its_age(broker, workers_on, client):
    """REDIS_URL set and no `crossnote worker`: /readyz, doctor (and the status page, which
    shows doctor's findings) say tasks wait with no consumer, and for how long."""
    from django.core.cache import cache

    from crossnote.core.tasks import UNPICKED_KEY
    from crossnote.ops import doctor, probes, views

    mia = make_user("mia_unconsumed")
    workers = workers_on(broker)  # the broker and a queue of its own, no worker yet
    cache.delete(UNPICKED_KEY)
    export = services.request_export(user=mia)  # commits, then sends the task to the broker
    queue = probes.background(timeout=0.5)
    assert queue["queue"] == workers.queue and queue["workers"] == 0
    assert queue["waiting"] >= 1
    time.sleep(1.2)
    queue = probes.background(timeout=0.5)
    assert queue["unpicked_seconds"] >= 1
    finding = doctor._queue_finding(queue)
    assert finding.level == doctor.ERROR and "no worker consumes it" in finding.message
    views._BACKGROUND_MEMO.clear()
    ready = client.get("/readyz")
    assert ready.status_code == 200  # pages are still served without workers
    assert ready.json()["background"]["status"] == "no consumer"
    assert ready.json()["background"]["unpicked_seconds"] >= 1

    workers.start()
    wait_for(
        lambda: ExportRequest.objects.get(pk=export.pk).status == "ready",
        180,
        "the worker never built the export",
        workers,
    )
    queue = probes.background(timeout=3)
    assert queue["workers"] >= 1 and queue["waiting"] == 0 and queue["unpicked_seconds"] == 0
    assert doctor._queue_finding(queue).level == doctor.OK


def _two_exports_in_one_commit(*users) -> list:
    """Two exports asked for in one transaction: their tasks go to the broker as one message
    (crossnote.core.tasks._SentTogether)."""
    from django.db import transaction

    with transaction.atomic():
        return [services.request_export(user=user) for user in users]


def test_the_tasks_of_one_commit_reach_a_worker_as_one_message_and_each_runs(broker, workers_on):
    from crossnote.ops import probes

    mia, leo = make_user("mia_together"), make_user("leo_together")
    workers = workers_on(broker)
    exports = _two_exports_in_one_commit(mia, leo)
    assert probes.background(timeout=0.5)["waiting"] == 1  # one message for both
    workers.start()
    wait_for(
        lambda: all(ExportRequest.objects.get(pk=e.pk).status == "ready" for e in exports),
        180,
        "the worker did not build both exports",
        workers,
    )
    assert _ready_notifications(mia) == 1 and _ready_notifications(leo) == 1
    assert len(_zips()) == 2 and not FailedTask.objects.exists()


def test_a_task_failing_inside_a_shared_message_retries_and_dead_letters_on_its_own(
    redis_broker, workers_on, tmp_path
):
    mia, leo = make_user("mia_together_fails"), make_user("leo_together_fails")
    workers = workers_on(redis_broker)
    not_a_folder = tmp_path / "exports-is-a-file"
    not_a_folder.write_text("the archive cannot be stored under a file")
    workers.start(CROSSNOTE_EXPORTS_DIR=str(not_a_folder))
    exports = _two_exports_in_one_commit(mia, leo)
    letters = wait_for(
        lambda: (
            rows
            if len(rows := list(FailedTask.objects.filter(task_name__endswith="run_export"))) == 2
            else None
        ),
        180,
        "not one dead letter for each export",
        workers,
    )
    assert sorted(row.args[0] for row in letters) == sorted(e.pk for e in exports)
    for export in exports:
        export.refresh_from_db()
        assert export.status == "failed" and export.attempts == 3  # each its own three tries
    assert all(row.attempts == 3 for row in letters)
    assert not FailedTask.objects.filter(task_name="core.run_together").exists()


def test_a_worker_killed_inside_a_shared_message_finishes_each_task_once_after_a_restart(
    redis_broker, workers_on
):
    mia, leo = make_user("mia_together_killed"), make_user("leo_together_killed")
    workers = workers_on(redis_broker)
    fast_redelivery = {"CROSSNOTE_TASK_VISIBILITY_TIMEOUT": "3"}
    first = workers.start(**fast_redelivery)
    blocker = psycopg.connect(_database_url().replace("postgres://", "postgresql://", 1))
    blocker.execute(f'LOCK TABLE "{Note._meta.db_table}" IN ACCESS EXCLUSIVE MODE')
    try:
        exports = _two_exports_in_one_commit(mia, leo)
        wait_for(
            lambda: (
                ExportRequest.objects.get(pk=exports[0].pk).status == "running"
                and _waiting_on_a_lock()
            ),
            180,
            "the worker never started the first export",
            workers,
        )
        claim = TaskClaim.objects.get(key=f"privacy.export:{exports[0].pk}")
        assert claim.task_id.endswith("-0")  # the shared message's id and the task's place
        workers.kill(first)
    finally:
        blocker.rollback()
        blocker.close()
    workers.start(**fast_redelivery)  # the message comes again: the same ids, the claim retaken
    wait_for(
        lambda: all(
            ExportRequest.objects.get(pk=e.pk).status == "ready"
            and not TaskClaim.objects.filter(key=f"privacy.export:{e.pk}").exists()
            for e in exports
        ),
        180,
        "the exports never finished after the restart",
        workers,
    )
    for export in exports:
        export.refresh_from_db()
        assert export.attempts == 1
    assert _ready_notifications(mia) == 1 and _ready_notifications(leo) == 1
    assert len(_zips()) == 2 and not FailedTask.objects.exists()
