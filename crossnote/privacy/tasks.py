"""Background work for exports and erasures, and the sweeper that keeps them moving.

There is no Celery broker on the embedded default: work is queued after commit and runs in a
background thread. Every row keeps an explicit status, so `sweep()` (run every few minutes by
PrivacySweepMiddleware, or by `crossnote privacy sweep` from cron) re-queues work whose thread
died with its process, fails rows that keep failing, expires old archives and erases accounts
whose grace period is over (STYLE.md: explicit status + sweeper).
"""

import logging
import threading
from datetime import timedelta

from django.db import connections, transaction
from django.db.models import F, Q
from django.utils import timezone

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 3
QUEUED_STUCK_AFTER = timedelta(minutes=2)  # queued, but no thread picked it up
RUNNING_STUCK_AFTER = timedelta(minutes=10)  # running, but no progress heartbeat


def _in_thread(target, *args) -> None:
    try:
        target(*args)
    except Exception:
        log.exception("privacy task %s%r failed", target.__name__, args)
    finally:
        connections.close_all()


def spawn(target, *args) -> None:
    """Run `target(*args)` in a background thread (tests replace this to run inline)."""
    threading.Thread(target=_in_thread, args=(target, *args), daemon=True).start()


def queue_export(export_id: int) -> None:
    transaction.on_commit(lambda: spawn(run_export, export_id))


def queue_erasure(request_id: int) -> None:
    transaction.on_commit(lambda: spawn(run_erasure, request_id))


def run_export(export_id: int) -> None:
    """Claim a queued export and build it; quietly stop if it is gone or taken."""
    from crossnote.privacy import services
    from crossnote.privacy.models import ExportRequest

    now = timezone.now()
    claimed = services.when_unlocked(
        ExportRequest.objects.filter(pk=export_id, status=ExportRequest.Status.QUEUED).update,
        status=ExportRequest.Status.RUNNING,
        started_at=now,
        updated_at=now,
        attempts=F("attempts") + 1,
    )
    if not claimed:
        return
    export = ExportRequest.objects.select_related("user").get(pk=export_id)
    try:
        services.build_export(export=export)
    except Exception as exc:
        log.exception("export %s failed", export_id)
        status = (
            ExportRequest.Status.FAILED
            if export.attempts >= MAX_ATTEMPTS
            else ExportRequest.Status.QUEUED
        )
        ExportRequest.objects.filter(pk=export_id).update(
            status=status, error=str(exc)[:300], updated_at=timezone.now()
        )


def run_erasure(request_id: int, now=None) -> None:
    """Claim a deletion request due by `now` (default: the present) and erase the account."""
    from crossnote.privacy import services
    from crossnote.privacy.models import DeletionRequest

    claimed = DeletionRequest.objects.filter(
        pk=request_id, status=DeletionRequest.Status.PENDING, erase_after__lte=now or timezone.now()
    ).update(
        status=DeletionRequest.Status.ERASING,
        attempts=F("attempts") + 1,
        updated_at=timezone.now(),
    )
    if not claimed:
        return
    request = DeletionRequest.objects.select_related("user").get(pk=request_id)
    try:
        services.run_erasure(request=request)
    except Exception as exc:
        log.exception("erasure %s failed", request_id)
        status = (
            DeletionRequest.Status.FAILED
            if request.attempts >= MAX_ATTEMPTS
            else DeletionRequest.Status.PENDING
        )
        DeletionRequest.objects.filter(pk=request_id).update(status=status, error=str(exc)[:300])


def _requeue_stuck_exports(now) -> list[int]:
    from crossnote.privacy.models import ExportRequest

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
    from crossnote.privacy.models import DeletionRequest

    Status = DeletionRequest.Status
    DeletionRequest.objects.filter(
        status=Status.ERASING, updated_at__lt=now - RUNNING_STUCK_AFTER
    ).update(status=Status.PENDING, updated_at=now)
    due = DeletionRequest.objects.filter(status=Status.PENDING, erase_after__lte=now)
    due.filter(attempts__gte=MAX_ATTEMPTS).update(status=Status.FAILED)
    return list(due.filter(attempts__lt=MAX_ATTEMPTS).values_list("pk", flat=True))


def run_inline(target, *args) -> None:
    """Run a task in this thread (the CLI's sweep, which must finish before the process ends)."""
    try:
        target(*args)
    except Exception:
        log.exception("privacy task %s%r failed", target.__name__, args)


def sweep(*, now=None, run=None) -> dict:
    """One pass of the sweeper (module docstring); returns what it did. `run` starts each task
    (default: a background thread)."""
    from django.conf import settings

    from crossnote.privacy import services
    from crossnote.privacy.models import LoginEvent

    now, run = now or timezone.now(), run or spawn
    exports = _requeue_stuck_exports(now)
    for export_id in exports:
        run(run_export, export_id)
    erasures = _stuck_erasures(now)
    for request_id in erasures:
        run(run_erasure, request_id, now)
    expired = services.expire_exports(now=now)
    cutoff = now - timedelta(days=settings.CROSSNOTE_LOGIN_HISTORY_DAYS)
    logins, _rows = LoginEvent.objects.filter(at__lt=cutoff).delete()
    return {
        "exports_requeued": len(exports),
        "erasures_started": len(erasures),
        "exports_expired": expired,
        "logins_purged": logins,
    }


def has_work(now=None) -> bool:
    """A cheap check the middleware makes before starting a sweeper thread."""
    from crossnote.privacy.models import DeletionRequest, ExportRequest

    now = now or timezone.now()
    return (
        DeletionRequest.objects.filter(
            status__in=["pending", "erasing"], erase_after__lte=now
        ).exists()
        or ExportRequest.objects.filter(
            Q(status__in=["queued", "running"], updated_at__lt=now - QUEUED_STUCK_AFTER)
            | Q(status="ready", expires_at__lte=now)
        ).exists()
    )
