"""Privacy writes: privacy settings, data regions, exports, deletion, log-in and access logs.

Pages, the API, the CLI and hooks call these functions. Work that runs in the background is
queued here (crossnote.privacy.tasks) and lives below both: building and expiring archives in
crossnote.privacy.exports, erasing in crossnote.privacy.erasure (re-exported here).
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from crossnote.accounts.models import CommentPermission, User
from crossnote.core.errors import Conflict, DomainError, InvalidInput, NotFound, PermissionDenied
from crossnote.privacy import tasks
from crossnote.privacy.erasure import run_erasure
from crossnote.privacy.exports import build_export, export_storage
from crossnote.privacy.exports import expire_exports as expire_exports  # re-exported
from crossnote.privacy.exports import when_unlocked as when_unlocked  # re-exported
from crossnote.privacy.models import (
    AccessLog,
    DeletionRequest,
    ExportRequest,
    LoginEvent,
    OperatorAction,
)
from crossnote.security.clientip import client_ip
from crossnote.security.sessions import end_all_sessions
from crossnote.social.services import read_notifications_caused_by

log = logging.getLogger(__name__)

DOWNLOAD_SALT = "crossnote.privacy.export-download"


class LinkExpired(DomainError):
    """RFC 9110 410 Gone: the download link was valid once and has expired."""

    status = 410


def subject_ref(user) -> str:
    """How records kept after erasure name a person: by number only."""
    return f"user #{user.pk}"


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
