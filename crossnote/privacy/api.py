"""REST endpoints for privacy: settings, exports, account deletion, log-ins, blocks and mutes."""

from django.http import FileResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from ninja import Router, Status

from crossnote.accounts.auth import REQUIRED
from crossnote.accounts.models import User
from crossnote.privacy import selectors, services
from crossnote.privacy.models import ExportRequest
from crossnote.privacy.schemas import (
    DeletionIn,
    DeletionOut,
    ExportOut,
    LoginOut,
    PersonOut,
    PrivacyIn,
    PrivacyOut,
)
from crossnote.social import services as social

router = Router(tags=["privacy"])


def _privacy(user) -> dict:
    pending = services.pending_deletion(user)
    return {
        "comment_permission": user.comment_permission,
        "discoverable": user.discoverable,
        "hide_region": user.hide_region,
        "data_region": user.data_region,
        "data_region_name": services.region_name(user.data_region),
        "deletion_scheduled_for": pending.erase_after if pending else None,
    }


def _export(export: ExportRequest) -> ExportRequest:
    ready = export.status == ExportRequest.Status.READY
    export.download_url = services.download_url(export) if ready else None  # type: ignore[attr-defined]
    return export


@router.get("/me/privacy", response=PrivacyOut, auth=REQUIRED)
def get_privacy(request):
    """Privacy settings and the account's data region."""
    return _privacy(request.user)


@router.patch("/me/privacy", response=PrivacyOut, auth=REQUIRED)
def update_privacy(request, payload: PrivacyIn):
    """Who may comment (everyone / followers / nobody), discoverable in search, hide region."""
    changes = {k: v for k, v in payload.dict(exclude_unset=True).items() if v is not None}
    services.update_privacy_settings(user=request.user, **changes)
    return _privacy(request.user)


@router.get("/me/exports", response=list[ExportOut], auth=REQUIRED)
def list_exports(request):
    return [_export(e) for e in selectors.recent_exports(request.user)]


@router.post("/me/exports", response={202: ExportOut}, auth=REQUIRED)
def request_export(request):
    """Ask for an archive of your data; built in the background (409 while one is in progress).
    Poll `GET /me/exports/{id}`; a notification says when it is ready."""
    export = services.request_export(user=request.user, via="api", language=get_language())
    return Status(202, _export(export))


@router.get("/me/exports/{export_id}", response=ExportOut, auth=REQUIRED)
def get_export(request, export_id: int):
    return _export(get_object_or_404(ExportRequest, pk=export_id, user=request.user))


@router.get(
    "/me/exports/{export_id}/download",
    auth=REQUIRED,
    response={200: None},
    openapi_extra={
        "responses": {
            "200": {"description": "The zip archive", "content": {"application/zip": {}}},
            "403": {"description": "Another account's or a forged link"},
            "410": {"description": "The link or the archive has expired"},
        }
    },
)
def download_export(request, export_id: int, t: str):
    """The archive, with the signed token `t` from `download_url`."""
    export = services.check_download(user=request.user, export_id=export_id, token=t)
    return FileResponse(
        services.open_export(export),
        as_attachment=True,
        filename=f"crossnote-{request.user.username}.zip",
        content_type="application/zip",
    )


@router.post("/me/deletion", response={202: DeletionOut}, auth=REQUIRED)
def request_deletion(request, payload: DeletionIn):
    """Close the account now and erase it after the grace period (log in again to cancel).
    Wrong password: 400; asked twice or the last administrator: 409."""
    deletion = services.request_deletion(user=request.user, password=payload.password, via="api")
    return Status(
        202,
        {
            "status": deletion.status,
            "erase_after": deletion.erase_after,
            "detail": _("Your account is closed and will be erased; log in again to cancel."),
        },
    )


@router.get("/me/logins", response=list[LoginOut], auth=REQUIRED)
def list_logins(request):
    return selectors.recent_logins(request.user)


def _person(username: str) -> User:
    return get_object_or_404(User, username__iexact=username)


@router.get("/me/blocks", response=list[PersonOut], auth=REQUIRED)
def list_blocks(request):
    return [
        {"username": b.blocked.username, "since": b.created_at}
        for b in selectors.blocked_people(request.user)
    ]


@router.post("/users/{username}/block", response={204: None}, auth=REQUIRED)
def block(request, username: str):
    """Block someone: neither of you sees the other's notes; follows both ways end."""
    social.block_user(blocker=request.user, blocked=_person(username))
    return Status(204, None)


@router.delete("/users/{username}/block", response={204: None}, auth=REQUIRED)
def unblock(request, username: str):
    social.unblock_user(blocker=request.user, blocked=_person(username))
    return Status(204, None)


@router.get("/me/mutes", response=list[PersonOut], auth=REQUIRED)
def list_mutes(request):
    return [
        {"username": m.muted.username, "since": m.created_at}
        for m in selectors.muted_people(request.user)
    ]


@router.post("/users/{username}/mute", response={204: None}, auth=REQUIRED)
def mute(request, username: str):
    """Leave someone's notes out of your feeds (they are not told)."""
    social.mute_user(muter=request.user, muted=_person(username))
    return Status(204, None)


@router.delete("/users/{username}/mute", response={204: None}, auth=REQUIRED)
def unmute(request, username: str):
    social.unmute_user(muter=request.user, muted=_person(username))
    return Status(204, None)
