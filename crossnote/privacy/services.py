"""Privacy writes: privacy settings, data regions, exports, deletion, log-in and access logs.

Pages, the API, the CLI and the background tasks all call these functions.
"""

import logging
import os
import time
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.core.files import File
from django.core.files.storage import FileSystemStorage, storages
from django.db import IntegrityError, OperationalError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import get_random_string
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from crossnote.accounts.models import CommentPermission, User
from crossnote.core.errors import Conflict, DomainError, InvalidInput, NotFound, PermissionDenied
from crossnote.privacy import archive, erasure
from crossnote.privacy.models import (
    AccessLog,
    DeletionRequest,
    ExportRequest,
    LoginEvent,
    OperatorAction,
)
from crossnote.security.clientip import client_ip
from crossnote.security.sessions import end_all_sessions
from crossnote.social.models import Notification
from crossnote.social.services import notify, read_notifications_caused_by

log = logging.getLogger(__name__)

DOWNLOAD_SALT = "crossnote.privacy.export-download"


class LinkExpired(DomainError):
    """RFC 9110 410 Gone: the download link was valid once and has expired."""

    status = 410


def subject_ref(user) -> str:
    """How records kept after erasure name a person: by number only."""
    return f"user #{user.pk}"


def export_storage():
    """Where archives live: never served as /media/, only through signed download links. On the
    local disk, CROSSNOTE_EXPORTS_DIR (outside MEDIA_ROOT); with MEDIA_STORAGE=s3, the storage
    STORAGES["exports"] (a private folder of the bucket), which every machine shares."""
    if "exports" in settings.STORAGES:
        return storages["exports"]
    return FileSystemStorage(location=str(settings.CROSSNOTE_EXPORTS_DIR))


# --- data regions and settings ---------------------------------------------------------------


REGION_NAMES = {
    "global": gettext_lazy("Global"),
    "cn": gettext_lazy("China"),
    "eu": gettext_lazy("European Economic Area"),
    "us": gettext_lazy("United States"),
}


def region_name(region: str) -> str:
    return str(REGION_NAMES.get(region, region))


def data_region_for(country: str) -> str:
    """The data region of a sign-up country (settings.CROSSNOTE_DATA_REGIONS; else "global")."""
    return settings.CROSSNOTE_DATA_REGIONS.get((country or "").strip().upper(), "global")


def known_regions() -> list[str]:
    return sorted({"global", *settings.CROSSNOTE_DATA_REGIONS.values()})


def assign_data_region(*, user: User) -> str:
    """Set at sign-up from the chosen country (hooked on accounts' `signed_up` event)."""
    region = data_region_for(str(getattr(user.region, "code", user.region) or ""))
    User.objects.filter(pk=user.pk).update(data_region=region)
    user.data_region = region
    return region


def set_data_region(*, user: User, region: str, operator: str) -> User:
    """An administrator changes an account's data-region tag (logged as an operator action).
    Only the tag changes: every account's data stays on this instance's one database (a region
    kept apart is an instance of its own; crossnote.privacy.checks)."""
    region = (region or "").strip().lower()
    if region not in known_regions():
        raise InvalidInput(
            _("Unknown data region “%(r)s”; known: %(known)s.")
            % {"r": region, "known": ", ".join(known_regions())},
            field="region",
        )
    old = user.data_region
    with transaction.atomic():
        user.data_region = region
        user.save(update_fields=["data_region"])
        record_operator_action(
            operator=operator,
            action=OperatorAction.Action.REGION,
            subject=user,
            detail=f"{old} -> {region}",
        )
    return user


def update_privacy_settings(*, user: User, **changes) -> User:
    """Change who may comment, discoverability in search, or whether the region is shown."""
    allowed = {"comment_permission", "discoverable", "hide_region"}
    unknown = set(changes) - allowed
    if unknown:
        raise InvalidInput(_("Unknown setting: %(f)s") % {"f": ", ".join(sorted(unknown))})
    if "comment_permission" in changes:
        if changes["comment_permission"] not in CommentPermission.values:
            raise InvalidInput(
                _("Who may comment must be one of: %(v)s.")
                % {"v": ", ".join(CommentPermission.values)},
                field="comment_permission",
            )
        user.comment_permission = changes["comment_permission"]
    for flag in ("discoverable", "hide_region"):
        if flag in changes:
            setattr(user, flag, bool(changes[flag]))
    user.save(update_fields=sorted(changes))
    return user


# --- logs ------------------------------------------------------------------------------------


def record_login(*, user: User, request=None) -> LoginEvent:
    """A successful log-in; the client's IP (through trusted proxies) when the server saw one."""
    meta = getattr(request, "META", {}) or {}
    return LoginEvent.objects.create(
        user=user,
        ip=(client_ip(request) if request is not None else "") or None,
        user_agent=(meta.get("HTTP_USER_AGENT") or "")[:200],
    )


def record_access(*, viewer, subjects, what: str, where: str = "") -> int:
    """Someone looked at other people's private data: one row per person looked at."""
    rows = [
        AccessLog(
            viewer=viewer if getattr(viewer, "pk", None) else None,
            viewer_name=getattr(viewer, "username", "") or "system",
            subject=subject,
            what=what[:200],
            where=where[:300],
        )
        for subject in subjects
        if subject.pk != getattr(viewer, "pk", None)
    ]
    AccessLog.objects.bulk_create(rows)
    return len(rows)


def record_operator_action(*, operator: str, action: str, subject: User, detail: str = ""):
    return OperatorAction.objects.create(
        operator=operator[:150] or "operator",
        action=action,
        subject=subject,
        subject_ref=subject_ref(subject),
        detail=detail[:300],
    )


# --- export ----------------------------------------------------------------------------------


def request_export(*, user: User, via: str = "page", language: str = "en") -> ExportRequest:
    """Ask for an archive; it is built in the background (crossnote.privacy.tasks). One at a
    time: asking again while one is being prepared is refused (409)."""
    from crossnote.privacy import tasks

    if ExportRequest.objects.filter(user=user, status__in=_IN_PROGRESS).exists():
        raise Conflict(_("Your export is already being prepared."))
    try:
        with transaction.atomic():
            export = ExportRequest.objects.create(
                user=user, via=via, language=(language or "en")[:10]
            )
            tasks.queue_export(export.pk)
    except IntegrityError as exc:  # a second request raced the first
        raise Conflict(_("Your export is already being prepared.")) from exc
    return export


_IN_PROGRESS = (ExportRequest.Status.QUEUED, ExportRequest.Status.RUNNING)


def export_now(*, user: User, via: str = "cli", language: str = "en") -> ExportRequest:
    """Build an archive in this thread (the operator's command, which must finish before it
    exits), under request_export's rule: one at a time, else Conflict."""
    if ExportRequest.objects.filter(user=user, status__in=_IN_PROGRESS).exists():
        raise Conflict(_("An export of this account is already being prepared."))
    try:
        export = ExportRequest.objects.create(
            user=user,
            via=via,
            language=(language or "en")[:10],
            status=ExportRequest.Status.RUNNING,
            started_at=timezone.now(),
            attempts=1,
        )
    except IntegrityError as exc:  # a request from the page raced this one
        raise Conflict(_("An export of this account is already being prepared.")) from exc
    return build_export(export=export)


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


def download_token(export: ExportRequest) -> str:
    """A signed token naming the export and its owner; valid CROSSNOTE_EXPORT_DAYS days."""
    return signing.TimestampSigner(salt=DOWNLOAD_SALT).sign(f"{export.pk}.{export.user_id}")


def download_url(export: ExportRequest) -> str:
    path = reverse("privacy:download", kwargs={"pk": export.pk})
    return f"{path}?t={download_token(export)}"


def check_download(*, user: User, export_id: int, token: str) -> ExportRequest:
    """The export behind a download link, if this person may have it now: someone else's link
    is refused (403), an expired one is gone (410)."""
    signer = signing.TimestampSigner(salt=DOWNLOAD_SALT)
    max_age = timedelta(days=settings.CROSSNOTE_EXPORT_DAYS)
    try:
        value = signer.unsign(token or "", max_age=max_age)
    except signing.SignatureExpired as exc:
        raise LinkExpired(_("This download link has expired; ask for a new export.")) from exc
    except signing.BadSignature as exc:
        raise PermissionDenied(_("This download link is not valid.")) from exc
    if value != f"{export_id}.{user.pk}":
        raise PermissionDenied(_("This download link belongs to another account."))
    export = ExportRequest.objects.filter(pk=export_id, user=user).first()
    if export is None:
        raise NotFound(_("No such export."))
    expired = export.expires_at is not None and export.expires_at <= timezone.now()
    if export.status == ExportRequest.Status.EXPIRED or expired:
        raise LinkExpired(_("This export has expired; ask for a new one."))
    if export.status != ExportRequest.Status.READY:
        raise Conflict(_("This export is not ready yet."))
    return export


def open_export(export: ExportRequest):
    return export_storage().open(export.file_name, "rb")


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


# --- deletion --------------------------------------------------------------------------------


def _refuse_last_admin(user: User) -> None:
    if not user.is_superuser:
        return
    others = User.objects.filter(is_superuser=True, is_active=True).exclude(pk=user.pk)
    if not others.exists():
        raise Conflict(
            _("This is the last administrator account; make another administrator first.")
        )


def schedule_erasure(*, user: User, via: str, grace_days: int | None = None) -> DeletionRequest:
    """Deactivate the account at once and erase it after the grace period. Sessions and API
    tokens end now; logging in again within the grace period cancels (backends.py)."""
    from crossnote.privacy import tasks

    _refuse_last_admin(user)
    if DeletionRequest.objects.filter(user=user, status__in=_OPEN_DELETION).exists():
        raise Conflict(_("This account is already scheduled for deletion."))
    days = settings.CROSSNOTE_DELETION_GRACE_DAYS if grace_days is None else grace_days
    try:
        with transaction.atomic():
            request = DeletionRequest.objects.create(
                user=user,
                subject_ref=subject_ref(user),
                via=via,
                erase_after=timezone.now() + timedelta(days=days),
            )
            User.objects.filter(pk=user.pk).update(is_active=False)
            user.is_active = False
            read_notifications_caused_by(actor=user)  # hidden now: not counted as unread
            end_all_sessions(user)  # an update() saves nothing: security's signal won't fire
            if days <= 0:
                tasks.queue_erasure(request.pk)
    except IntegrityError as exc:
        raise Conflict(_("This account is already scheduled for deletion.")) from exc
    return request


_OPEN_DELETION = (DeletionRequest.Status.PENDING, DeletionRequest.Status.ERASING)


def request_deletion(*, user: User, password: str, via: str = "page") -> DeletionRequest:
    """The person asks for their account to be erased, confirming with their password."""
    if not user.is_active:
        raise Conflict(_("This account is already scheduled for deletion."))
    if not user.check_password(password or ""):
        raise InvalidInput(_("That password is not right."), field="password")
    return schedule_erasure(user=user, via=via)


def cancel_deletion(*, user: User) -> bool:
    """Logging in during the grace period: the deletion is cancelled, the account active again."""
    with transaction.atomic():
        cancelled = DeletionRequest.objects.filter(
            user=user, status=DeletionRequest.Status.PENDING
        ).update(status=DeletionRequest.Status.CANCELLED, cancelled_at=timezone.now())
        if cancelled:
            User.objects.filter(pk=user.pk).update(is_active=True)
            user.is_active = True
    return bool(cancelled)


def pending_deletion(user: User) -> DeletionRequest | None:
    return DeletionRequest.objects.filter(user=user, status=DeletionRequest.Status.PENDING).first()


def run_erasure(*, request: DeletionRequest) -> bool:
    """Erase the account behind a claimed request (status `erasing`); False if it is gone."""
    user = request.user
    if user is None:
        return False
    erasure.erase_account(user)
    DeletionRequest.objects.filter(pk=request.pk).update(
        status=DeletionRequest.Status.DONE, completed_at=timezone.now(), error=""
    )
    return True


def erase_now(*, user: User, operator: str) -> DeletionRequest:
    """An operator erases an account at once (`crossnote privacy erase USER --now`)."""
    _refuse_last_admin(user)
    record_operator_action(operator=operator, action=OperatorAction.Action.ERASE_NOW, subject=user)
    request = pending_deletion(user)
    if request is None:
        request = DeletionRequest.objects.create(
            user=user, subject_ref=subject_ref(user), via="cli", erase_after=timezone.now()
        )
    DeletionRequest.objects.filter(pk=request.pk).update(
        status=DeletionRequest.Status.ERASING,
        attempts=request.attempts + 1,
        updated_at=timezone.now(),
    )
    run_erasure(request=request)
    request.refresh_from_db()
    return request
