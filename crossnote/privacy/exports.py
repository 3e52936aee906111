"""Building and expiring export archives: the work the background tasks run (and the
operator's `crossnote privacy export`, through services.export_now).

Below both services and tasks (docs/architecture: privacy's layers): services queue the tasks
(crossnote.privacy.tasks), the tasks run this; nothing here queues anything, so the way from a
request to its work goes one way, with no import back up.
"""

import logging
import os
import time
from datetime import timedelta

from django.conf import settings
from django.core.files import File
from django.core.files.storage import FileSystemStorage, storages
from django.db import OperationalError, transaction
from django.utils import timezone
from django.utils.crypto import get_random_string

from crossnote.privacy import archive
from crossnote.privacy.models import ExportRequest
from crossnote.social.models import Notification
from crossnote.social.services import notify

log = logging.getLogger(__name__)


def export_storage():
    """Where archives live: never served as /media/, only through signed download links. On the
    local disk, CROSSNOTE_EXPORTS_DIR (outside MEDIA_ROOT); with MEDIA_STORAGE=s3, the storage
    STORAGES["exports"] (a private folder of the bucket), which every machine shares."""
    if "exports" in settings.STORAGES:
        return storages["exports"]
    return FileSystemStorage(location=str(settings.CROSSNOTE_EXPORTS_DIR))


LOCK_TRIES = 50


def when_unlocked(write, *args, **kwargs):
    """Run a short write from a background thread, waiting while SQLite reports the table locked
    (a page request may be reading it at that moment); other errors are raised at once."""
    for attempt in range(LOCK_TRIES):
        try:
            return write(*args, **kwargs)
        except OperationalError as exc:
            if "locked" not in str(exc) or attempt == LOCK_TRIES - 1:
                raise
            time.sleep(0.1)
    return None


def _progress(export: ExportRequest, step: str, percent: int) -> None:
    """The progress bar's heartbeat; cosmetic, so a busy database only skips a beat."""
    try:
        ExportRequest.objects.filter(pk=export.pk).update(
            step=step, progress=percent, updated_at=timezone.now()
        )
    except OperationalError:
        log.info("export %s: progress not recorded (database busy)", export.pk)


def build_export(*, export: ExportRequest) -> ExportRequest:
    """Write the archive, keep it for CROSSNOTE_EXPORT_DAYS and tell the person it is ready."""
    user = export.user
    path = archive.write_archive(
        user, language=export.language, progress=lambda step, n: _progress(export, step, n)
    )
    try:
        stamp = timezone.now().strftime("%Y%m%d")
        name = f"{user.pk}/crossnote-{stamp}-{get_random_string(16)}.zip"
        with open(path, "rb") as handle:
            stored = export_storage().save(name, File(handle))
        size = os.path.getsize(path)
    finally:
        os.remove(path)
    now = timezone.now()
    if not when_unlocked(lambda: _mark_ready(export, stored, size, now)):
        # Another run finished it first, or it was given up (failed) or expired meanwhile: this
        # archive is nobody's, so it goes, and the person is not told twice.
        export_storage().delete(stored)
        log.info("export %s: no longer running; its archive %s was discarded", export.pk, stored)
    export.refresh_from_db()
    return export


def _mark_ready(export: ExportRequest, stored: str, size: int, now) -> bool:
    """Running -> ready, and tell the person; False (nothing changed) when the export is no
    longer running (a second run after a requeue finished first, or it failed or expired)."""
    with transaction.atomic():
        changed = ExportRequest.objects.filter(
            pk=export.pk, status=ExportRequest.Status.RUNNING
        ).update(
            status=ExportRequest.Status.READY,
            progress=100,
            step="",
            file_name=stored,
            size=size,
            finished_at=now,
            expires_at=now + timedelta(days=settings.CROSSNOTE_EXPORT_DAYS),
            updated_at=now,
        )
        if changed:
            notify(recipient=export.user, actor=None, verb=Notification.Verb.EXPORT_READY)
    return bool(changed)


def expire_exports(*, now=None) -> int:
    """Delete archives past their time; the rows stay as history, marked expired."""
    now = now or timezone.now()
    due = ExportRequest.objects.filter(status=ExportRequest.Status.READY, expires_at__lte=now)
    count = 0
    for export in due:
        if export.file_name:
            export_storage().delete(export.file_name)
        ExportRequest.objects.filter(pk=export.pk).update(
            status=ExportRequest.Status.EXPIRED, file_name="", updated_at=now
        )
        count += 1
    return count
