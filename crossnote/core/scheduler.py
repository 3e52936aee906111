"""Periodic jobs on the embedded default: the CELERY_BEAT_SCHEDULE that `crossnote beat` runs at
scale, run in-process when there is no broker.

Each web process starts one scheduler thread (PeriodicJobsMiddleware, when the app loads); while
`crossnote serve`'s background process runs (crossnote.core.spool) its ticks pass and that
process runs the jobs instead, at its lower priority. Every
TICK seconds it runs the entries that are due, one after another, through the same task code and
retry policy as a worker (crossnote.core.tasks.run_now). The processes share the cache (a database
table on the embedded default), which holds each job's last run and a lock, so N web processes
run each job once per period, not N times. A job never run before is due at once; a process that
was down catches up with one run, not one per missed period.
"""

import logging
import os
import threading
import time
from datetime import UTC, datetime

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import MiddlewareNotUsed
from django.db import close_old_connections
from django.utils import timezone

log = logging.getLogger(__name__)

TICK = 30  # seconds between looks at the schedule
LOCK_SECONDS = 30 * 60  # a job holding its lock longer than this is presumed dead
PREFIX = "scheduler:"

_start_lock = threading.Lock()
_started_in: int | None = None  # the pid whose thread is running (a fork needs its own)


def _schedule_of(entry):
    from celery.schedules import maybe_schedule

    from crossnote.celery import app

    return maybe_schedule(entry["schedule"], app=app)


def describe(entry) -> str:
    """ "every 5.00 minutes", or a crontab's own description."""
    schedule = _schedule_of(entry)
    seconds = getattr(schedule, "human_seconds", None)
    return f"every {seconds}" if seconds else str(schedule)


def last_run(name: str) -> datetime | None:
    stamp = cache.get(f"{PREFIX}last:{name}")
    return datetime.fromtimestamp(stamp, UTC) if stamp is not None else None


def record_run(name: str) -> None:
    """Note that a job ran now (the scheduler, or an operator's `crossnote tasks run NAME`): it is
    next due a period from now, and `crossnote tasks periodic` shows when it last ran."""
    cache.set(f"{PREFIX}last:{name}", timezone.now().timestamp(), None)


def is_due(name: str, entry: dict) -> bool:
    last = last_run(name)
    return last is None or _schedule_of(entry).remaining_estimate(last).total_seconds() <= 0


def run_job(name: str, entry: dict) -> bool:
    """Run one entry in this thread if it is still due and no other process holds it; True when
    it ran (successfully or not: a failure is retried, then dead-lettered, by run_now)."""
    from crossnote.core.tasks import run_now, task_named

    lock = f"{PREFIX}lock:{name}"
    if not cache.add(lock, os.getpid(), LOCK_SECONDS):
        return False
    try:
        if not is_due(name, entry):  # another process ran it while we looked
            return False
        record_run(name)
        task = task_named(entry["task"])
        if task is None:
            raise LookupError(f"no task {entry['task']!r}")
        run_now(task, *entry.get("args", ()), **entry.get("kwargs", {}))
        return True
    finally:
        cache.delete(lock)


def run_due() -> list[str]:
    """One tick: run every due entry; the names of those that ran."""
    ran = []
    for name, entry in settings.CELERY_BEAT_SCHEDULE.items():
        try:
            if is_due(name, entry) and run_job(name, entry):
                ran.append(name)
        except Exception:  # one broken entry (unknown task, bad schedule) must not stop the rest
            log.exception("periodic job %s could not run", name)
    return ran


def tick() -> list[str]:
    """One look at the schedule from a web process's thread: the due jobs run unless periodic
    jobs are off (settings can change at run time: tests switch them off) or `crossnote
    serve`'s background process is running, which runs them instead (crossnote.core.spool)."""
    from crossnote.core import spool

    if wanted() and not spool.running():
        return run_due()
    return []


def _loop() -> None:
    from crossnote.core.tasks import sleep_between_retries

    sleep_between_retries()
    while True:
        close_old_connections()
        try:
            tick()
        except Exception:  # the cache or database is away for a moment: try next tick
            log.exception("periodic jobs: tick failed")
        finally:
            close_old_connections()
        time.sleep(TICK)


def wanted() -> bool:
    """In-process periodic jobs run on the embedded default only: with a broker `crossnote beat`
    sends them, and tests (inline tasks) run jobs explicitly."""
    from crossnote.core.tasks import uses_broker

    return (
        settings.CROSSNOTE_SCHEDULER and not uses_broker() and not settings.CROSSNOTE_TASKS_INLINE
    )


def ensure_started() -> bool:
    """Start this process's scheduler thread once; True when this call started it."""
    global _started_in
    if _started_in == os.getpid() or not wanted():
        return False
    with _start_lock:
        if _started_in == os.getpid():
            return False
        thread = threading.Thread(target=_loop, name="crossnote-scheduler", daemon=True)
        thread.start()
        _started_in = os.getpid()
    log.info("periodic jobs: in-process scheduler started (pid %s)", _started_in)
    return True


class PeriodicJobsMiddleware:
    """Starts the in-process scheduler when a web process loads the app (no request needed), then
    leaves the chain (MiddlewareNotUsed): requests never pass through it."""

    def __init__(self, get_response):
        ensure_started()
        raise MiddlewareNotUsed
