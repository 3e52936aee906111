"""Background work for exports and erasures, and the sweeper that keeps them moving.

Exports and erasures are Celery tasks queued after commit (crossnote.core.tasks: a worker at
scale, a background thread on the embedded default), retried with backoff. Every row keeps an
explicit status that the task claims before working, so a message delivered twice does the work
once; a message delivered again because its worker died mid-way (acks late) takes back the claim
its own task id holds (core.tasks.retake). `sweep()` (a periodic job in CELERY_BEAT_SCHEDULE, or
`crossnote privacy sweep` from cron) re-queues work whose worker or thread died, fails rows that
keep failing, expires old archives and erases accounts whose grace period is over (STYLE.md:
explicit status + sweeper).
"""

import logging
from datetime import timedelta

from celery import shared_task
from django.conf import settings
from django.db.models import F, Q
from django.utils import timezone

from crossnote.core import tasks as background
from crossnote.privacy.erasure import run_erasure as erase
from crossnote.privacy.exports import build_export, expire_exports, when_unlocked
from crossnote.privacy.models import DeletionRequest, ExportRequest, LoginEvent

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 3
QUEUED_STUCK_AFTER = timedelta(minutes=2)  # queued, but no worker picked it up
RUNNING_STUCK_AFTER = timedelta(minutes=10)  # running, but no progress heartbeat


def queue_export(export_id: int) -> None:
    background.enqueue(run_export, export_id)


def queue_erasure(request_id: int) -> None:
    background.enqueue(run_erasure, request_id)


@shared_task(bind=True, max_retries=MAX_ATTEMPTS)
def run_export(self, export_id: int) -> None:
    """Claim a queued export and build it; quietly stop if it is gone, taken or finished."""

    key, now = f"privacy.export:{export_id}", timezone.now()
    claimed = when_unlocked(
        ExportRequest.objects.filter(pk=export_id, status=ExportRequest.Status.QUEUED).update,
        status=ExportRequest.Status.RUNNING,
        started_at=now,
        updated_at=now,
        attempts=F("attempts") + 1,
    )
    if claimed:
        background.take_over(key, self)
    elif not (
        ExportRequest.objects.filter(pk=export_id, status=ExportRequest.Status.RUNNING).exists()
        and background.retake(key, self)
    ):
        return
    export = ExportRequest.objects.select_related("user").get(pk=export_id)
    try:
        build_export(export=export)
    except Exception as exc:
        log.exception("export %s failed", export_id)
        gave_up = export.attempts >= MAX_ATTEMPTS
        status = ExportRequest.Status.FAILED if gave_up else ExportRequest.Status.QUEUED
        ExportRequest.objects.filter(pk=export_id).update(
            status=status, error=str(exc)[:300], updated_at=timezone.now()
        )
        background.release(key)
        if gave_up:
            raise background.PermanentFailure(f"export {export_id}: {exc}") from exc
        raise  # retried with backoff: the next try claims the row again
    background.release(key)


@shared_task(bind=True, max_retries=MAX_ATTEMPTS)
def run_erasure(self, request_id: int, now=None) -> None:
    """Claim a deletion request due by `now` (default: the present) and erase the account."""

    key = f"privacy.erasure:{request_id}"
    claimed = DeletionRequest.objects.filter(
        pk=request_id, status=DeletionRequest.Status.PENDING, erase_after__lte=now or timezone.now()
    ).update(
        status=DeletionRequest.Status.ERASING,
        attempts=F("attempts") + 1,
        updated_at=timezone.now(),
    )
    if claimed:
        background.take_over(key, self)
    elif not (
        DeletionRequest.objects.filter(
            pk=request_id, status=DeletionRequest.Status.ERASING
        ).exists()
        and background.retake(key, self)
    ):
        return
    request = DeletionRequest.objects.select_related("user").get(pk=request_id)
    try:
        erase(request=request)
    except Exception as exc:
        log.exception("erasure %s failed", request_id)
        gave_up = request.attempts >= MAX_ATTEMPTS
        status = DeletionRequest.Status.FAILED if gave_up else DeletionRequest.Status.PENDING
        DeletionRequest.objects.filter(pk=request_id).update(status=status, error=str(exc)[:300])
        background.release(key)
        if gave_up:
            raise background.PermanentFailure(f"erasure {request_id}: {exc}") from exc
        raise
    background.release(key)


def _requeue_stuck_exports(now) -> list[int]:

    Status = ExportRequest.Status
    stuck = ExportRequest.objects.filter(
        Q(status=Status.QUEUED, updated_at__lt=now - QUEUED_STUCK_AFTER)
        | Q(status=Status.RUNNING, updated_at__lt=now - RUNNING_STUCK_AFTER)
    )
    stuck.filter(attempts__gte=MAX_ATTEMPTS).update(
        status=Status.FAILED, error="gave up after repeated failures", updated_at=now
    )
    ids = list(stuck.filter(attempts__lt=MAX_ATTEMPTS).values_list("pk", flat=True))
    ExportRequest.objects.filter(pk__in=ids).update(status=Status.QUEUED, updated_at=now)
    return ids


def _stuck_erasures(now) -> list[int]:
    """Erasures whose thread died mid-way go back to pending (erasure is one transaction, so a
    dead one left nothing half-done)."""

    Status = DeletionRequest.Status
    DeletionRequest.objects.filter(
        status=Status.ERASING, updated_at__lt=now - RUNNING_STUCK_AFTER
    ).update(status=Status.PENDING, updated_at=now)
    due = DeletionRequest.objects.filter(status=Status.PENDING, erase_after__lte=now)
    due.filter(attempts__gte=MAX_ATTEMPTS).update(status=Status.FAILED)
    return list(due.filter(attempts__lt=MAX_ATTEMPTS).values_list("pk", flat=True))


def run_inline(target, *args) -> None:
    """Run a task in this thread (the CLI's sweep, which must finish before the process ends);
    a failure is logged and, once out of attempts, dead-lettered."""
    try:
        target(*args)
    except Exception as exc:
        log.exception("privacy task %s%r failed", target.__name__, args)
        if isinstance(exc, background.PermanentFailure):
            background.record_failure(
                task_name=target.name, task_id="", args=args, kwargs={}, exc=exc
            )


def sweep(*, now=None, run=None) -> dict:
    """One pass of the sweeper (module docstring); returns what it did. `run` starts each task
    (default: core.tasks.dispatch: the broker, or a background thread)."""

    now, run = now or timezone.now(), run or background.dispatch
    exports = _requeue_stuck_exports(now)
    for export_id in exports:
        run(run_export, export_id)
    erasures = _stuck_erasures(now)
    for request_id in erasures:
        run(run_erasure, request_id, now)
    expired = expire_exports(now=now)
    cutoff = now - timedelta(days=settings.CROSSNOTE_LOGIN_HISTORY_DAYS)
    logins, _rows = LoginEvent.objects.filter(at__lt=cutoff).delete()
    return {
        "exports_requeued": len(exports),
        "erasures_started": len(erasures),
        "exports_expired": expired,
        "logins_purged": logins,
    }


@shared_task
def sweep_privacy() -> None:
    """The periodic job (CELERY_BEAT_SCHEDULE): one sweep; each task it starts is queued like
    any other."""
    log.info("privacy sweep: %s", sweep())
