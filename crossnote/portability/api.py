"""REST operations of portability (mounted under /api/v1 by crossnote.api.api): archives in,
imported drafts published or deleted, follows and blocks out and in as Mastodon's CSV files."""

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from ninja import File, Form, Router, Status
from ninja.files import UploadedFile

from crossnote.accounts.auth import REQUIRED
from crossnote.portability import follows, selectors, services
from crossnote.portability.models import Import
from crossnote.portability.schemas import CsvImportOut, DraftOut, ImportOut, PublishIn, PublishOut

router = Router(tags=["portability"])


def _draft(draft) -> dict:
    note = draft.note
    images = list(note.images.all())
    return {
        "note_id": note.pk,
        "title": note.title,
        "body": note.body,
        "created_at": note.created_at,
        "image_count": len(images),
        "cover": images[0].thumb.url if images else None,
        "content_warning": note.content_warning,
        "suggested_visibility": draft.suggested_visibility,
        "url": note.get_absolute_url(),
    }


@router.post("/imports", response={202: ImportOut}, auth=REQUIRED)
def start_import(request, kind: Form[str], file: File[UploadedFile]):
    """Import an archive (multipart: `kind` = instagram | mastodon, `file` = the ZIP). Its posts
    become private drafts in the background; poll `GET /imports/{id}` for progress (409 while
    another import of yours runs)."""
    job = services.start_import(user=request.user, kind=kind, upload=file)
    job.refresh_from_db()
    return Status(202, job)


@router.get("/imports", response=list[ImportOut], auth=REQUIRED)
def list_imports(request):
    return selectors.recent_imports(request.user)


@router.get("/imports/{import_id}", response=ImportOut, auth=REQUIRED)
def get_import(request, import_id: int):
    """Status, progress (posts done of total, percent) and what was skipped and why."""
    return get_object_or_404(Import, pk=import_id, user=request.user)


@router.get("/drafts", response=list[DraftOut], auth=REQUIRED)
def list_drafts(request):
    """Your imported drafts (private until you publish them)."""
    return [_draft(d) for d in selectors.drafts_of(request.user)]


@router.post("/drafts/publish", response=PublishOut, auth=REQUIRED)
def publish_drafts(request, payload: PublishIn):
    """Publish the drafts `note_ids` (all of them when null) as `visibility` (public, followers,
    private; "" takes each post's visibility where it came from)."""
    count = services.publish_drafts(
        user=request.user, note_ids=payload.note_ids, visibility=payload.visibility
    )
    return {"published": count}


@router.post("/drafts/{note_id}/publish", response=PublishOut, auth=REQUIRED)
def publish_draft(request, note_id: int, payload: PublishIn):
    services.publish_draft(user=request.user, note_id=note_id, visibility=payload.visibility)
    return {"published": 1}


@router.delete("/drafts/{note_id}", response={204: None}, auth=REQUIRED)
def delete_draft(request, note_id: int):
    services.delete_draft(user=request.user, note_id=note_id)
    return Status(204, None)


def _csv(text: str, name: str) -> HttpResponse:
    response = HttpResponse(text, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


CSV_RESPONSE = {"responses": {"200": {"description": "CSV", "content": {"text/csv": {}}}}}


@router.get(
    "/me/following_accounts.csv", auth=REQUIRED, response={200: None}, openapi_extra=CSV_RESPONSE
)
def export_following(request):
    """Whom you follow, in Mastodon's following_accounts.csv format."""
    text = follows.export_following(user=request.user, domain=follows.local_domain(request))
    return _csv(text, "following_accounts.csv")


@router.get(
    "/me/blocked_accounts.csv", auth=REQUIRED, response={200: None}, openapi_extra=CSV_RESPONSE
)
def export_blocks(request):
    """Whom you blocked, in Mastodon's blocked_accounts.csv format (one address a line)."""
    text = follows.export_blocks(user=request.user, domain=follows.local_domain(request))
    return _csv(text, "blocked_accounts.csv")


def _import_csv(request, kind: str, file) -> dict:
    data = file.read(follows.CSV_MAX_BYTES + 1)
    result = follows.import_addresses(
        user=request.user, kind=kind, data=data, domain=follows.local_domain(request)
    )
    return result.as_dict()


@router.post("/me/following_accounts.csv", response=CsvImportOut, auth=REQUIRED)
def import_following(request, file: File[UploadedFile]):
    """Follow everyone in a following_accounts.csv: people here at once, people elsewhere
    through federation (counted as remote_unsent when federation is off on this server)."""
    return _import_csv(request, "follows", file)


@router.post("/me/blocked_accounts.csv", response=CsvImportOut, auth=REQUIRED)
def import_blocks(request, file: File[UploadedFile]):
    """Block everyone in a blocked_accounts.csv (same rules as following)."""
    return _import_csv(request, "blocks", file)
