"""Periodic jobs on the embedded default: the in-process scheduler runs CELERY_BEAT_SCHEDULE
entries when due, once across processes (a lock and the last run in the shared cache), and the
registered jobs (privacy sweep, moderation sweep, ...) name real tasks."""

import secrets
import threading
from datetime import timedelta

import pytest
from celery import shared_task
from django.core.cache import cache
from django.db import connection, connections
from django.utils import timezone

from crossnote.core import scheduler, tasks
from crossnote.privacy import services
from crossnote.privacy.models import DeletionRequest

pytestmark = pytest.mark.django_db

RUNS: list = []


@shared_task(name="tests.core.tick")
def tick(label="tick"):
    RUNS.append(label)


@pytest.fixture
def job(settings):
    """A five-minute job under a fresh name (the cache may be a Redis shared by test runs)."""
    RUNS.clear()
    name = f"test-{secrets.token_hex(4)}"
    settings.CELERY_BEAT_SCHEDULE = {
        name: {"task": "tests.core.tick", "schedule": 300.0, "args": (name,)}
    }
    yield name
    cache.delete_many([f"{scheduler.PREFIX}last:{name}", f"{scheduler.PREFIX}lock:{name}"])


def test_a_job_never_run_is_due_at_once_then_waits_for_its_period(job):
    assert scheduler.last_run(job) is None
    assert scheduler.run_due() == [job] and RUNS == [job]
    assert abs((timezone.now() - scheduler.last_run(job)).total_seconds()) < 5
    assert scheduler.run_due() == [] and RUNS == [job]  # ran a moment ago
    # Six minutes later (another process may have run it: the record is shared).
    cache.set(f"{scheduler.PREFIX}last:{job}", (timezone.now() - timedelta(minutes=6)).timestamp())
    assert scheduler.run_due() == [job] and RUNS == [job, job]


def test_a_job_another_process_holds_is_skipped(job):
    cache.add(f"{scheduler.PREFIX}lock:{job}", 12345, 60)  # another web process is running it
    assert scheduler.run_due() == [] and RUNS == []
    cache.delete(f"{scheduler.PREFIX}lock:{job}")
    assert scheduler.run_due() == [job]


@pytest.mark.django_db(transaction=True)
def test_two_processes_ticking_together_run_a_job_once(job):
    """Threads stand in for web processes: they share the cache and race for the lock.

    Not on the SQLite test database: it lives in memory in shared-cache mode, where each
    thread's own connection locks tables against the others (SQLITE_LOCKED, which has no busy
    wait: CI once failed here with "database table is locked: crossnote_cache"), which no
    server sees (its file database waits its turn). The PostgreSQL pass runs it, on Redis."""
    if connection.vendor == "sqlite":
        pytest.skip(
            "threads lock SQLite's shared in-memory test database against each other: "
            "this test runs in the PostgreSQL pass (scripts/test.sh)"
        )
    barrier = threading.Barrier(4)
    ran = []

    def process():
        barrier.wait()
        try:
            ran.extend(scheduler.run_due())
        finally:
            connections.close_all()

    threads = [threading.Thread(target=process) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert ran == [job] and RUNS == [job]


def test_a_broken_entry_does_not_stop_the_others(settings, job):
    settings.CELERY_BEAT_SCHEDULE = {
        "broken": {"task": "no.such.task", "schedule": 60.0},
        **settings.CELERY_BEAT_SCHEDULE,
    }
    try:
        assert scheduler.run_due() == [job]
    finally:
        cache.delete(f"{scheduler.PREFIX}last:broken")


def test_the_privacy_sweep_job_erases_an_account_whose_grace_period_is_over(mia, settings):
    """What PrivacySweepMiddleware did on a request, the scheduler now does on its own."""
    settings.CELERY_BEAT_SCHEDULE = {
        "privacy-sweep": settings.CELERY_BEAT_SCHEDULE["privacy-sweep"]
    }
    cache.delete(f"{scheduler.PREFIX}last:privacy-sweep")
    request = services.schedule_erasure(user=mia, via="test")
    DeletionRequest.objects.filter(pk=request.pk).update(
        erase_after=timezone.now() - timedelta(minutes=1)
    )
    try:
        assert scheduler.run_due() == ["privacy-sweep"]
    finally:
        cache.delete(f"{scheduler.PREFIX}last:privacy-sweep")
    request.refresh_from_db()
    assert request.status == "done"


def test_every_registered_periodic_job_names_a_real_task(settings):
    assert {"privacy-sweep", "moderation-sweep", "task-claims-purge"} <= set(
        settings.CELERY_BEAT_SCHEDULE
    )
    for name, entry in settings.CELERY_BEAT_SCHEDULE.items():
        task = tasks.task_named(entry["task"])
        assert task is not None, f"{name}: no task {entry['task']}"
        assert isinstance(task, tasks.CrossnoteTask), name
        assert scheduler._schedule_of(entry).remaining_estimate(timezone.now()).total_seconds() > 0


def test_the_moderation_sweep_job_ends_a_suspension_whose_time_is_up(mia):
    from crossnote.moderation.models import Suspension

    mia.is_active = False
    mia.save(update_fields=["is_active"])
    Suspension.objects.create(user=mia, until=timezone.now() - timedelta(hours=1))
    job = tasks.task_named("crossnote.moderation.tasks.moderation_sweep")
    assert tasks.run_now(job)
    mia.refresh_from_db()
    assert mia.is_active and Suspension.objects.get(user=mia).lifted


def test_the_scheduler_thread_starts_once_per_process_on_the_embedded_default_only(
    settings, monkeypatch
):
    started = []
    monkeypatch.setattr(scheduler, "_loop", lambda: started.append(threading.get_ident()))
    monkeypatch.setattr(scheduler, "_started_in", None)
    assert scheduler.ensure_started() is False  # tests run tasks inline: no thread
    settings.CROSSNOTE_TASKS_INLINE = False
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:6379/0"
    assert scheduler.ensure_started() is False  # a broker: `crossnote beat` sends the jobs
    settings.CELERY_BROKER_URL = ""
    settings.CROSSNOTE_SCHEDULER = False
    assert scheduler.ensure_started() is False  # switched off (cron runs the commands)
    settings.CROSSNOTE_SCHEDULER = True
    assert scheduler.ensure_started() is True
    assert scheduler.ensure_started() is False  # already running in this process
    for _ in range(50):
        if started:
            break
        threading.Event().wait(0.05)
    assert len(started) == 1


def test_the_web_app_loads_the_scheduler_middleware(settings):
    assert "crossnote.core.scheduler.PeriodicJobsMiddleware" in settings.MIDDLEWARE


def test_the_cli_lists_and_runs_periodic_jobs(job, capsys):
    from crossnote import cli

    cli.main(["tasks", "periodic"])
    out = capsys.readouterr().out
    assert job in out and "tests.core.tick" in out and "never" in out
    cli.main(["tasks", "run", job])
    assert RUNS == [job] and f"{job}: done" in capsys.readouterr().out
    with pytest.raises(SystemExit, match="no periodic job 'nope'"):
        cli.main(["tasks", "run", "nope"])
