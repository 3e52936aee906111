"""Moving in: archives become draft notes; drafts are published or deleted by their author.

Every note is made through crossnote.notes.services.create_note (the same safe image path as an
upload: verify, bound, strip EXIF/GPS, re-encode; moderation screens the images and the text),
as a private note with an ImportedDraft row, so nobody else sees it until its author publishes
it; publishing goes through update_note (visibility, and the text screened again as for a new
note). A hostile or broken archive is refused before anything is stored; a post that fails is
reported and the others continue.
"""

import logging
import secrets
from collections.abc import Callable
from datetime import timedelta

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from crossnote.accounts.models import User
from crossnote.core.errors import Conflict, DomainError, InvalidInput, NotFound, PayloadTooLarge
from crossnote.core.images import verify_image
from crossnote.core.tasks import enqueue
from crossnote.notes import services as notes
from crossnote.notes.models import BODY_MAX, MAX_IMAGES, TITLE_MAX, Note, Visibility
from crossnote.portability import archives
from crossnote.portability.models import Import, ImportedDraft

log = logging.getLogger(__name__)

READERS: dict[str, Callable[[archives.Archive], list[archives.Post]]] = {
    Import.Kind.INSTAGRAM: archives.instagram_posts,
    Import.Kind.MASTODON: archives.mastodon_posts,
}


def imports_storage() -> FileSystemStorage:
    """Uploaded archives wait here, outside MEDIA_ROOT (never served), until their import reads
    them; every worker must see the same folder (CROSSNOTE_IMPORTS_DIR)."""
    return FileSystemStorage(location=str(settings.CROSSNOTE_IMPORTS_DIR))


def start_import(*, user: User, kind: str, upload) -> Import:
    """Keep the uploaded archive and queue its import (one at a time per person)."""
    if kind not in Import.Kind.values:
        raise InvalidInput(
            _("Kind must be one of: %(v)s.") % {"v": ", ".join(Import.Kind.values)}, field="kind"
        )
    if upload is None:
        raise InvalidInput(_("Choose the archive (a ZIP file)."), field="file")
    limit = settings.CROSSNOTE_IMPORT_MAX_BYTES
    if upload.size > limit:
        raise PayloadTooLarge(
            _("The archive is %(size)d MB; the limit is %(max)d MB.")
            % {"size": upload.size // (1024 * 1024), "max": limit // (1024 * 1024)},
            field="file",
        )
    if not upload.size:
        raise InvalidInput(_("The file is empty."), field="file")
    with transaction.atomic():
        # Locks the person's row: two uploads at once cannot both pass the check.
        User.objects.select_for_update().filter(pk=user.pk).first()
        if Import.objects.filter(user=user, status__in=["queued", "running"]).exists():
            raise Conflict(_("An import is already running; wait for it to finish."))
        storage = imports_storage()
        name = storage.save(f"{user.pk}-{secrets.token_hex(12)}.zip", upload)
        try:
            job = Import.objects.create(
                user=user,
                kind=kind,
                file_name=name,
                original_name=str(getattr(upload, "name", "") or "")[:200],
            )
        except BaseException:
            storage.delete(name)
            raise
    from crossnote.portability import tasks

    enqueue(tasks.run_import, job.pk)
    return job


def _finish(job: Import, **fields) -> None:
    fields.setdefault("finished_at", timezone.now())
    for key, value in fields.items():
        setattr(job, key, value)
    job.save(update_fields=[*fields, "updated_at"])
    if job.file_name:
        imports_storage().delete(job.file_name)
        job.file_name = ""
        job.save(update_fields=["file_name"])


def run_import(*, import_id: int) -> Import | None:
    """Read the archive and make a draft of each post (the background task's body). Idempotent:
    a second run of a finished import does nothing, and posts already made are not made twice."""
    claimed = Import.objects.filter(pk=import_id, status__in=["queued", "running"]).update(
        status=Import.Status.RUNNING
    )
    job = Import.objects.select_related("user").filter(pk=import_id).first()
    if not claimed or job is None:
        return job
    if not job.file_name:
        _finish(job, status=Import.Status.FAILED, error=_("The archive is gone; upload it again."))
        return job
    try:
        archive = archives.open_archive(imports_storage().path(job.file_name))
        posts = READERS[job.kind](archive)
    except DomainError as exc:
        _finish(job, status=Import.Status.FAILED, error=exc.message[:500])
        return job
    except Exception:
        log.exception("import %s could not be read", import_id)
        _finish(job, status=Import.Status.FAILED, error=_("The archive could not be read."))
        return job
    errors = list(archive.skipped)
    # A run taken up again after a dead worker counts afresh (posts already made count as made).
    job.total, job.done, job.imported, job.skipped = len(posts), 0, 0, 0
    job.save(update_fields=["total", "done", "imported", "skipped", "updated_at"])
    try:
        with archive.zip:
            for number, post in enumerate(posts, start=1):
                made, problems = _import_post(job, archive, post, number)
                errors += problems
                Import.objects.filter(pk=job.pk).update(
                    done=F("done") + 1,
                    imported=F("imported") + (1 if made else 0),
                    skipped=F("skipped") + (0 if made else 1),
                    errors=errors[-500:],
                    updated_at=timezone.now(),
                )
    except Exception:
        # A hard failure half-way (the database went away...): nothing half-stored stays.
        log.exception("import %s failed half-way", import_id)
        for draft in ImportedDraft.objects.filter(job=job).select_related("note"):
            notes.delete_note(user=job.user, note=draft.note)
        job.refresh_from_db()
        _finish(job, status=Import.Status.FAILED, error=_("The import stopped; nothing was kept."))
        return job
    job.refresh_from_db()
    _finish(job, status=Import.Status.DONE)
    return job


def _label(post: archives.Post, number: int) -> str:
    when = post.created_at.date().isoformat() if post.created_at else ""
    return _("post %(n)d") % {"n": number} + (f" ({when})" if when else "")


def _media_of(archive, post: archives.Post, label: str) -> tuple[list, list[str], object, list]:
    """The post's photos that pass the safe image path (each one refused is reported), or, for a
    post of videos only, its first video (verified by notes' video intake when the note is made:
    a note holds 1-9 photos or one video)."""
    uploads: list = []
    alts: list[str] = []
    problems: list[dict[str, str]] = []
    video = None
    photos = [m for m in post.media if not m.is_video]
    videos = [m for m in post.media if m.is_video]
    for media in post.media:
        where = f"{label}: {media.label}"
        if not media.name:
            problems.append({"item": where, "reason": _("the file is not in the archive")})
        elif not media.is_video and not media.name.lower().endswith(archives.IMAGE_SUFFIXES):
            problems.append({"item": where, "reason": _("not a photo; skipped")})
        elif media.is_video:
            continue
        elif len(uploads) == MAX_IMAGES:
            reason = _("a note has at most %(n)d photos") % {"n": MAX_IMAGES}
            problems.append({"item": where, "reason": reason})
        else:
            try:
                data = archive.read(media.name, settings.CROSSNOTE_MAX_UPLOAD_BYTES)
                upload = SimpleUploadedFile(media.name.rsplit("/", 1)[-1], data)
                verify_image(upload)
            except DomainError as exc:
                problems.append({"item": where, "reason": exc.message})
                continue
            uploads.append(upload)
            alts.append(media.alt_text[:300])
    present = [m for m in videos if m.name]
    if uploads or photos:
        for media in present:
            problems.append(
                {
                    "item": f"{label}: {media.label}",
                    "reason": _("a note holds photos or one video: the video was left out"),
                }
            )
    elif present:
        first, rest = present[0], present[1:]
        try:
            data = archive.read(first.name, settings.CROSSNOTE_MAX_VIDEO_BYTES)
            video = SimpleUploadedFile(first.name.rsplit("/", 1)[-1], data)
            alts = [first.alt_text[:300]]
        except DomainError as exc:
            problems.append({"item": f"{label}: {first.label}", "reason": exc.message})
        for media in rest:
            problems.append(
                {"item": f"{label}: {media.label}", "reason": _("a note holds one video")}
            )
    return uploads, alts, video, problems


def _title_and_body(text: str, created_at, kind: str) -> tuple[str, str]:
    """The caption's first line is the title; the whole caption (when longer) is the body."""
    text = (text or "").strip()
    first = text.split("\n", 1)[0].strip()
    if not first:
        source = dict(Import.Kind.choices)[kind]
        when = created_at.date().isoformat() if created_at else ""
        return (f"{source} {when}".strip())[:TITLE_MAX], ""
    title = first if len(first) <= TITLE_MAX else first[: TITLE_MAX - 1].rsplit(" ", 1)[0] + "…"
    body = "" if text == title else text
    if len(body) > BODY_MAX:
        body = body[: BODY_MAX - 1] + "…"
    return title, body


def _import_post(job: Import, archive, post: archives.Post, number: int) -> tuple[bool, list]:
    """One post → one private draft note; (made, problems). A refusal skips only this post."""
    label = _label(post, number)
    if post.skip_reason:
        return False, [{"item": label, "reason": post.skip_reason}]
    if ImportedDraft.objects.filter(job=job, post_key=post.source_id[:300]).exists():
        return True, []  # made by an earlier run of this same import
    uploads, alts, video, problems = _media_of(archive, post, label)
    if not uploads and video is None:
        reason = _("no photo could be imported") if post.media else _("a post without photos")
        return False, [*problems, {"item": label, "reason": reason}]
    title, body = _title_and_body(post.text, post.created_at, job.kind)
    try:
        with transaction.atomic():
            note = notes.create_note(
                author=job.user,
                title=title,
                body=body,
                images=uploads,
                video=video,
                topics=post.topics,
                visibility=Visibility.PRIVATE,
                alt_texts=alts,
            )
            changes: dict[str, object] = {}
            if post.created_at:
                changes["created_at"] = post.created_at
            if post.content_warning and not note.content_warning:
                changes["content_warning"] = post.content_warning
            if changes:
                Note.objects.filter(pk=note.pk).update(**changes)
            ImportedDraft.objects.create(
                note=note,
                user=job.user,
                job=job,
                post_key=post.source_id[:300],
                suggested_visibility=post.visibility,
            )
    except DomainError as exc:
        return False, [*problems, {"item": label, "reason": exc.message}]
    return True, problems


# --- drafts ----------------------------------------------------------------------------------


def _draft_of(user: User, note_id: int) -> ImportedDraft:
    draft = ImportedDraft.objects.select_related("note").filter(user=user, note_id=note_id).first()
    if draft is None:
        raise NotFound(_("No such draft."))
    return draft


def publish_draft(*, user: User, note_id: int, visibility: str = "") -> Note:
    """Publish one imported draft: its visibility changes through notes' services and its text is
    screened again by moderation, as a new note's is. `visibility` "" takes the suggested one."""
    draft = _draft_of(user, note_id)
    visibility = visibility or draft.suggested_visibility
    if visibility not in (Visibility.PUBLIC, Visibility.FOLLOWERS, Visibility.PRIVATE):
        raise InvalidInput(
            _("Visibility must be one of: %(v)s.") % {"v": ", ".join(Visibility.values)},
            field="visibility",
        )
    with transaction.atomic():
        note = notes.update_note(
            user=user, note=draft.note, title=draft.note.title, visibility=visibility
        )
        draft.delete()
    return note


def publish_drafts(*, user: User, note_ids=None, visibility: str = "") -> int:
    """Publish several drafts (all of them when `note_ids` is None); returns how many."""
    drafts = ImportedDraft.objects.filter(user=user)
    if note_ids is not None:
        drafts = drafts.filter(note_id__in=list(note_ids))
    count = 0
    for note_id in list(drafts.order_by("pk").values_list("note_id", flat=True)):
        publish_draft(user=user, note_id=note_id, visibility=visibility)
        count += 1
    return count


def delete_draft(*, user: User, note_id: int) -> None:
    """Delete an imported draft with its photos."""
    draft = _draft_of(user, note_id)
    notes.delete_note(user=user, note=draft.note)


def requeue_stuck_imports(*, older_than_seconds: int = 900) -> int:
    """The sweep: an import whose worker died (no progress for a while) is queued again; the
    posts it already made are not made twice."""
    from crossnote.portability import tasks

    cutoff = timezone.now() - timedelta(seconds=older_than_seconds)
    stuck = Import.objects.filter(status__in=["queued", "running"], updated_at__lt=cutoff)
    ids = list(stuck.values_list("pk", flat=True)[:50])
    for import_id in ids:
        Import.objects.filter(pk=import_id).update(updated_at=timezone.now())
        enqueue(tasks.run_import, import_id)
    return len(ids)
