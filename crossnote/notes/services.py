"""Note writes: post, edit, delete; comments; likes; collects into boards."""

import secrets
from datetime import timedelta

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError, connection, models, transaction
from django.db.models import F
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext as _

from crossnote.accounts.models import User
from crossnote.core import hooks
from crossnote.core.errors import (
    ContentBlocked,
    DomainError,
    InvalidInput,
    NotFound,
    PermissionDenied,
    UnsupportedMedia,
)
from crossnote.core.images import ProcessedImage, finish_source, variant_path, verify_image
from crossnote.core.language_detection import detection_fields, language_of
from crossnote.core.tasks import enqueue
from crossnote.notes import likewrite, policies, tasks
from crossnote.notes.models import (
    ALT_TEXT_MAX,
    BODY_MAX,
    COMMENT_MAX,
    DEFAULT_BOARD,
    MAX_IMAGES,
    TITLE_MAX,
    Board,
    Collect,
    Comment,
    CommentLike,
    Note,
    NoteImage,
    NoteLike,
    NoteVideo,
    Topic,
    VideoState,
    Visibility,
    default_board_names,
)
from crossnote.notes.text import extract_mentions, extract_topics
from crossnote.social.models import Notification, group_key_for
from crossnote.social.services import (
    notification_due,
    notification_stored,
    notify,
    record_notification,
)

# The default board is named in the saver's UI language when it is first made.


def _clean_title(title: str) -> str:
    title = (title or "").strip()
    if not title:
        raise InvalidInput(_("Give your note a title."), field="title")
    if len(title) > TITLE_MAX:
        raise InvalidInput(
            _("The title is %(n)d characters; at most %(max)d.")
            % {"n": len(title), "max": TITLE_MAX},
            field="title",
        )
    return title


def _clean_body(body: str) -> str:
    body = (body or "").strip()
    if len(body) > BODY_MAX:
        raise InvalidInput(
            _("The text is %(n)d characters; at most %(max)d.") % {"n": len(body), "max": BODY_MAX},
            field="body",
        )
    return body


def _clean_visibility(visibility: str) -> str:
    if visibility not in Visibility.values:
        raise InvalidInput(
            _("Visibility must be one of: %(v)s.") % {"v": ", ".join(Visibility.values)},
            field="visibility",
        )
    return visibility


def counts_on_topics(note: Note) -> bool:
    """A note counts in its topics' "N notes" when anyone may read it: public, and not held or
    removed by moderation (private, followers-only and hidden notes do not)."""
    return note.visibility == Visibility.PUBLIC and note.moderation not in policies.HIDDEN_STATES


def _set_topics(note: Note, names: list[str]) -> None:
    old = set(note.topics.values_list("name", flat=True))
    new = set(names)
    for name in new - old:
        Topic.objects.get_or_create(name=name)
    if counts_on_topics(note):
        Topic.objects.filter(name__in=new - old).update(note_count=F("note_count") + 1)
        Topic.objects.filter(name__in=old - new).update(note_count=F("note_count") - 1)
    note.topics.set(Topic.objects.filter(name__in=new))


def _link_topics(note: Note, names: list[str]) -> None:
    """A new note's topics (made when new) and their counts: _set_topics without reading the
    topics a new note cannot have yet (a shorter write transaction). The links are one insert,
    not `note.topics.add`: that reads which links exist first, and its m2m_changed tells the
    index and the feeds what a new note announces anyway (CONTENT_CREATED queues its indexing;
    a note with no card yet has none to renew): 3 statements where `add` made 5 (issue 19)."""
    if not names:
        return
    found = {topic.name: topic for topic in Topic.objects.filter(name__in=names)}
    for name in names:
        if name not in found:
            found[name] = Topic.objects.get_or_create(name=name)[0]
    if counts_on_topics(note):
        Topic.objects.filter(pk__in=[t.pk for t in found.values()]).update(
            note_count=F("note_count") + 1
        )
    link = Note.topics.through
    link.objects.bulk_create([link(note_id=note.pk, topic_id=topic.pk) for topic in found.values()])


def recount_topics(*, note_id: int | None = None, topic_ids=()) -> None:
    """Set topics' "N notes" (those of `note_id`, and `topic_ids`) to the notes that count
    (counts_on_topics). Moderation calls it whenever it hides or restores a note, and an edit
    of visibility or topics does, so the count follows both ways."""
    ids = set(topic_ids)
    if note_id is not None:
        ids |= set(Topic.objects.filter(notes=note_id).values_list("pk", flat=True))
    for topic_id in ids:
        count = (
            Note.objects.filter(topics=topic_id, visibility=Visibility.PUBLIC)
            .exclude(moderation__in=policies.HIDDEN_STATES)
            .count()
        )
        Topic.objects.filter(pk=topic_id).update(note_count=count)


def _clean_alt_texts(alt_texts, count: int) -> list[str]:
    """One description per image (missing ones empty); each at most 300 characters."""
    cleaned = [(text or "").strip() for text in list(alt_texts or [])[:count]]
    for index, text in enumerate(cleaned, start=1):
        if len(text) > ALT_TEXT_MAX:
            raise InvalidInput(
                _("The description of image %(n)d is over %(max)d characters.")
                % {"n": index, "max": ALT_TEXT_MAX},
                field="alt_texts",
            )
    return cleaned + [""] * (count - len(cleaned))


def _save_sources(processed: list[ProcessedImage], saved: list[str]) -> list[str]:
    """Write each verified image's clean source to storage before the note's transaction opens
    (file writes hold no database lock); every stored name is appended to `saved` too, so a
    failure can remove them. The names carry no note id: the note does not exist yet."""
    stamp = timezone.now().strftime("%Y/%m")
    names = []
    for image in processed:
        source = image.source
        name = default_storage.save(
            f"notes/{stamp}/{secrets.token_hex(10)}-source.{source.extension}",
            ContentFile(source.content),
        )
        saved.append(name)
        names.append(name)
    return names


def _store_images(
    note: Note, processed: list[ProcessedImage], alt_texts: list[str], saved: list[str]
) -> None:
    """Store each verified image's clean source and its row (the video path, whose poster's
    file is named after the note); see _save_sources and _add_images."""
    stamp = timezone.now().strftime("%Y/%m")
    names = []
    for image in processed:
        name = default_storage.save(
            f"notes/{stamp}/{note.pk}-{secrets.token_hex(8)}-source.{image.source.extension}",
            ContentFile(image.source.content),
        )
        saved.append(name)
        names.append(name)
    _add_images(note, processed, alt_texts, names)


def _add_images(
    note: Note, processed: list[ProcessedImage], alt_texts: list[str], names: list[str]
) -> None:
    """The rows of a note's stored sources; `thumb` and `large` name the source until
    finish_note_media replaces them with the WebP variants."""
    for position, (image, alt_text, name) in enumerate(
        zip(processed, alt_texts, names, strict=True)
    ):
        source = image.source
        NoteImage.objects.create(
            note=note,
            position=position,
            thumb=name,
            thumb_width=source.width,
            thumb_height=source.height,
            large=name,
            large_width=image.width,
            large_height=image.height,
            blurhash=image.blurhash,
            pdq_hash=image.pdq,
            alt_text=alt_text,
            pending=name,
        )


def finish_note_media(*, note_id: int) -> bool:
    """Make the WebP variants and PDQ hashes of a note's pending images (and a video note's MP4
    renditions), check the hashes against moderation's lists (NOTE_PHOTOS_HASHED: a match holds
    the note, or removes it, before any reader sees it), then let readers see the note (and tell
    the people it mentions). Idempotent: a second run (a redelivered task, the sweep) finds
    nothing pending, or loses the race for an image and removes the files it made; the hash
    check runs again in the transaction that marks the note ready, so a process killed between
    an image's hash and that transaction leaves nothing unchecked. True when the note is ready
    (False: gone, or not yet)."""
    for image in NoteImage.objects.filter(note_id=note_id).exclude(pending=""):
        _finish_image(image)
    for video in NoteVideo.objects.filter(note_id=note_id, state=VideoState.PROCESSING):
        _finish_video(video)
    with transaction.atomic():
        note = Note.objects.select_for_update().select_related("author").filter(pk=note_id).first()
        if note is None:
            return False
        if note.media_ready or note.images.exclude(pending="").exists():
            return note.media_ready
        if NoteVideo.objects.filter(note_id=note_id).exclude(state=VideoState.READY).exists():
            return False
        # Inside the transaction that lets readers in: a matching photo holds the note first.
        hooks.collect(hooks.NOTE_PHOTOS_HASHED, note=note)
        note.media_ready = True
        note.save(update_fields=["media_ready", "updated_at"])
        hooks.collect(hooks.NOTE_MEDIA_READY, note=note)  # vision reads the text in the photos
        _notify_mentions(actor=note.author, text=f"{note.title}\n{note.body}", note=note)
    return True


def _finish_image(image: NoteImage) -> None:
    """One pending image's WebP variants and, unless it has one (a video's poster is hashed
    before the answer), its PDQ hash, stored in the update that clears `pending`."""
    with default_storage.open(image.pending, "rb") as source:
        made = finish_source(source.read(), pdq=not image.pdq_hash)
    variants = made.variants
    names = {
        variant.name: default_storage.save(
            variant_path(image.pending, variant.name, variant.extension),
            ContentFile(variant.content),
        )
        for variant in variants.values()
    }
    with transaction.atomic():
        won = NoteImage.objects.filter(pk=image.pk, pending=image.pending).update(
            thumb=names["thumb"],
            thumb_width=variants["thumb"].width,
            thumb_height=variants["thumb"].height,
            large=names["large"],
            large_width=variants["large"].width,
            large_height=variants["large"].height,
            pdq_hash=image.pdq_hash or made.pdq,
            pending="",
        )
    for name in [image.pending] if won else names.values():
        default_storage.delete(name)


# A transcoding worker renews its claim on a video at least this often (each 5% of progress,
# and a 60-second video at 720p transcodes in well under a minute a 5%); a claim older than
# this is a dead worker's, and the sweep takes the video over.
VIDEO_CLAIM_SECONDS = 120
VIDEO_ATTEMPTS = 3


def _claim_video(video: NoteVideo) -> bool:
    now = timezone.now()
    stale = now - timedelta(seconds=VIDEO_CLAIM_SECONDS)
    claimable = NoteVideo.objects.filter(
        pk=video.pk, state=VideoState.PROCESSING, pending=video.pending
    ).filter(models.Q(claimed_at__isnull=True) | models.Q(claimed_at__lt=stale))
    return bool(claimable.update(claimed_at=now, attempts=F("attempts") + 1))


def _fail_video(video: NoteVideo, message: str) -> None:
    """A video that cannot be made (damaged past its header, too slow, refused by moderation):
    the author is told on the note's page; the stripped copy is removed."""
    if NoteVideo.objects.filter(pk=video.pk, pending=video.pending).update(
        state=VideoState.FAILED, error=message[:300], pending="", claimed_at=None
    ):
        default_storage.delete(video.pending)


def _finish_video(video: NoteVideo) -> None:
    """Transcode a claimed video into its MP4 renditions (crossnote.notes.video.transcode),
    screening one frame a second through the hash lists first. Only a finished, screened video
    is ever named on the row, so readers never meet a half-made file."""
    import os
    import tempfile

    from crossnote.notes import video as media

    if not video.pending or not _claim_video(video):
        return
    video.refresh_from_db()
    if video.attempts > VIDEO_ATTEMPTS:
        _fail_video(video, _("The video could not be processed. Delete the note and try again."))
        return

    def progress(percent: int) -> None:
        NoteVideo.objects.filter(pk=video.pk, pending=video.pending).update(
            progress=percent, claimed_at=timezone.now()
        )

    with tempfile.NamedTemporaryFile(suffix=".mkv") as local:
        with default_storage.open(video.pending, "rb") as stored:
            for chunk in iter(lambda: stored.read(1 << 20), b""):
                local.write(chunk)
        local.flush()
        try:
            made = media.transcode(local.name, progress=progress)
        except DomainError as exc:
            _fail_video(video, exc.message)
            return
        except BaseException:  # not the video's fault (storage, memory): let a retry claim it
            NoteVideo.objects.filter(pk=video.pk, pending=video.pending).update(claimed_at=None)
            raise
    try:
        author = User.objects.filter(notes=video.note_id).first()
        refusals = hooks.collect(hooks.SCREEN_IMAGES, images=made.frames, author=author)
        if refusals:
            _fail_video(video, refusals[0])
            return
        stem = video.pending.rsplit("-source.", 1)[0]
        names = {}
        for rendition, path in made.files.items():
            with open(path, "rb") as handle:
                names[rendition] = default_storage.save(
                    f"{stem}-{rendition}.mp4", ContentFile(handle.read())
                )
        hashes = {*video.frame_hashes.split(","), *(f.pdq for f in made.frames)} - {""}
        with transaction.atomic():
            won = NoteVideo.objects.filter(pk=video.pk, pending=video.pending).update(
                mp4=names["large"],
                width=made.sizes["large"][0],
                height=made.sizes["large"][1],
                small=names["small"],
                small_width=made.sizes["small"][0],
                small_height=made.sizes["small"][1],
                frame_hashes=",".join(sorted(hashes)),
                state=VideoState.READY,
                progress=100,
                pending="",
                claimed_at=None,
            )
        for name in [video.pending] if won else names.values():
            default_storage.delete(name)
    finally:
        for path in made.files.values():
            os.unlink(path)


def finish_pending_media(*, older_than_seconds: int = 30) -> int:
    """The sweep: notes still waiting for their variants after `older_than_seconds` (the process
    that posted them died before its background task ran) are finished here. Returns how many.
    A video being transcoded is left to its worker while the worker's claim is fresh."""
    cutoff = timezone.now() - timedelta(seconds=older_than_seconds)
    waiting = Note.objects.filter(media_ready=False, created_at__lt=cutoff).exclude(
        video__state=VideoState.FAILED
    )
    ids = list(waiting.order_by("pk").values_list("pk", flat=True)[:500])
    for note_id in ids:
        finish_note_media(note_id=note_id)
    return len(ids)


def _notify_mentions(*, actor: User, text: str, note: Note, comment=None, already_told=()) -> None:
    """Tell each @mentioned person who can see the note, except those already notified."""
    handles = extract_mentions(text)
    if not handles:
        return
    # Usernames are unique regardless of case, so @Mia_MS reaches mia_ms.
    people = User.objects.annotate(handle=Lower("username")).filter(
        handle__in=[h.lower() for h in handles], is_active=True
    )
    for user in people.exclude(pk__in=list(already_told)):
        if policies.can_view_note(user, note):
            notify(
                recipient=user,
                actor=actor,
                verb=Notification.Verb.MENTION,
                note=note,
                comment=comment,
            )


def create_note(
    *,
    author: User,
    title: str,
    body: str = "",
    images=(),
    topics=(),
    visibility: str = Visibility.PUBLIC,
    alt_texts=(),
    video=None,
) -> Note:
    """Post a note with 1–9 images, or one video (`video`: crossnote.notes.video checks it and
    its poster frame becomes the note's image). All images are checked before anything is stored, and a
    failure leaves no row and no file behind. The note is acknowledged once its images are
    verified (decoded whole, within the limits) and their clean sources stored (issue 19:
    posting answers fast); the WebP variants and the PDQ hashes follow in the background
    (notes.tasks.make_note_variants: finish_note_media, where moderation checks the hashes),
    and until then only the author sees the note (`media_ready`)."""
    title, body = _clean_title(title), _clean_body(body)
    visibility = _clean_visibility(visibility)
    images = list(images)
    if video is not None:
        if images:
            raise InvalidInput(
                _("A note has photos or one video, not both: remove the photos or the video."),
                field="video",
            )
        return _create_video_note(
            author=author,
            title=title,
            body=body,
            video=video,
            topics=topics,
            visibility=visibility,
            alt_texts=alt_texts,
        )
    if not images:
        raise InvalidInput(_("Add at least one image."), field="images")
    if len(images) > MAX_IMAGES:
        raise InvalidInput(
            _("A note has at most %(max)d images; you sent %(n)d.")
            % {"max": MAX_IMAGES, "n": len(images)},
            field="images",
        )
    alt_texts = _clean_alt_texts(alt_texts, len(images))
    processed = []
    for index, upload in enumerate(images, start=1):
        try:
            processed.append(verify_image(upload, pdq=False))  # hashed in finish_note_media
        except UnsupportedMedia as exc:
            from crossnote.notes.video import looks_like_video

            if looks_like_video(upload):  # a video sent as a photo: say so
                exc.message = _("This file is a video: post it as the note's video instead.")
            exc.message = _("Image %(n)d: %(why)s") % {"n": index, "why": exc.message}
            raise
        except DomainError as exc:
            exc.message = _("Image %(n)d: %(why)s") % {"n": index, "why": exc.message}
            raise
    # The photos carry no hash yet (moderation's hash lists check them in finish_note_media,
    # before readers see the note); what refuses a poster as such (a moved account) acts here.
    refusals = hooks.collect(hooks.SCREEN_IMAGES, images=processed, author=author)
    if refusals:
        raise ContentBlocked(refusals[0])
    # Everything slow happens before the transaction opens (on SQLite, BEGIN IMMEDIATE takes the
    # one write lock every other writer waits for): language detection, moderation's screening
    # (its verdict is put into effect inside, so a held note is held from the moment it exists),
    # and the source files. What is left inside is a few short statements.
    text = f"{title}\n{body}"
    language = detection_fields(text)
    hooks.collect(
        hooks.SCREEN_CONTENT, text=text, kind="note", language=language["language"], author=author
    )
    topic_names = extract_topics(body, topics)
    saved: list[str] = []
    try:
        names = _save_sources(processed, saved)
        with transaction.atomic():
            note = Note.objects.create(
                author=author,
                title=title,
                body=body,
                visibility=visibility,
                media_ready=False,
                **language,
            )
            _add_images(note, processed, alt_texts, names)
            _link_topics(note, topic_names)
            User.objects.filter(pk=author.pk).update(note_count=F("note_count") + 1)
            hooks.collect(hooks.CONTENT_CREATED, obj=note, kind="note", author=author)
            # Mentions are told by finish_note_media, once they can see the note.
            if settings.CROSSNOTE_TASKS_INLINE:  # tests, command line: nobody waits for an answer
                finish_note_media(note_id=note.pk)
                note.refresh_from_db()
            else:
                enqueue(tasks.make_note_variants, note.pk)
    except BaseException:
        for name in saved:
            default_storage.delete(name)
        raise
    return note


def _create_video_note(*, author, title, body, video, topics, visibility, alt_texts) -> Note:
    """The video half of create_note: probe and strip the upload, screen its key frames, store
    the stripped copy and the poster frame; the transcode follows in the background."""
    import os

    from crossnote.notes.video import verify_video

    alt_texts = _clean_alt_texts(alt_texts, 1)
    verified = verify_video(video)
    saved: list[str] = []
    try:
        refusals = hooks.collect(hooks.SCREEN_IMAGES, images=verified.frames, author=author)
        if refusals:
            raise ContentBlocked(refusals[0])
        with transaction.atomic():
            note = Note.objects.create(
                author=author,
                title=title,
                body=body,
                visibility=visibility,
                media_ready=False,
                video_duration=verified.duration,
                **detection_fields(f"{title}\n{body}"),
            )
            _store_images(note, [verified.poster], alt_texts, saved)
            stamp = timezone.now().strftime("%Y/%m")
            with open(verified.path, "rb") as handle:
                pending = default_storage.save(
                    f"notes/{stamp}/{note.pk}-{secrets.token_hex(8)}-source.mkv",
                    ContentFile(handle.read()),
                )
            saved.append(pending)
            NoteVideo.objects.create(
                note=note,
                pending=pending,
                duration=verified.duration,
                width=verified.width,
                height=verified.height,
                source_codecs="/".join(
                    c for c in (verified.video_codec, verified.audio_codec) if c
                ),
                frame_hashes=",".join(sorted({f.pdq for f in verified.frames} - {""})),
            )
            _set_topics(note, extract_topics(body, topics))
            User.objects.filter(pk=author.pk).update(note_count=F("note_count") + 1)
            hooks.collect(hooks.CONTENT_CREATED, obj=note, kind="note", author=author)
            if settings.CROSSNOTE_TASKS_INLINE:  # tests, command line: nobody waits for an answer
                finish_note_media(note_id=note.pk)
            else:
                enqueue(tasks.make_note_variants, note.pk)
    except BaseException:
        for name in saved:
            default_storage.delete(name)
        raise
    finally:
        os.unlink(verified.path)
    note.refresh_from_db()
    return note


def reprocess_video(*, note: Note) -> bool:
    """Make a video note's renditions and poster again from its stored MP4 (`crossnote media
    reprocess`: after a change of renditions or encoder settings). The upload itself is not
    kept (DESIGN.md §6), so the 720p rendition is the source. False: not a video note, or its
    video is not ready."""
    import os

    from crossnote.notes.video import verify_video

    video = NoteVideo.objects.filter(note=note, state=VideoState.READY).first()
    if video is None or not video.mp4:
        return False
    with video.mp4.open("rb") as stored:
        upload = ContentFile(stored.read(), name="video.mp4")
    verified = verify_video(upload)
    stamp = timezone.now().strftime("%Y/%m")
    try:
        with open(verified.path, "rb") as handle:
            pending = default_storage.save(
                f"notes/{stamp}/{note.pk}-{secrets.token_hex(8)}-source.mkv",
                ContentFile(handle.read()),
            )
    finally:
        os.unlink(verified.path)
    old = [f.name for f in video.files]
    NoteVideo.objects.filter(pk=video.pk).update(
        state=VideoState.PROCESSING, pending=pending, progress=0, claimed_at=None, attempts=0
    )
    video.refresh_from_db()
    _finish_video(video)
    video.refresh_from_db()
    if video.state != VideoState.READY:
        return False
    for name in old:
        default_storage.delete(name)
    # The poster again, from the first frame that is not blank.
    cover = note.images.filter(position=0).first()
    if cover is not None:
        frame = verified.poster
        name = default_storage.save(
            f"notes/{stamp}/{note.pk}-{secrets.token_hex(8)}-source.{frame.source.extension}",
            ContentFile(frame.source.content),
        )
        NoteImage.objects.filter(pk=cover.pk).update(
            pending=name, blurhash=frame.blurhash, pdq_hash=frame.pdq
        )
        stale = {cover.thumb.name, cover.large.name}
        cover.refresh_from_db()
        _finish_image(cover)
        for old_name in stale:
            default_storage.delete(old_name)
    return True


def update_note(*, user: User, note: Note, **changes) -> Note:
    """Edit the title, body, topics or visibility of one's own note."""
    if not policies.can_edit_note(user, note):
        raise PermissionDenied(_("Only the author can edit this note."))
    allowed = {"title", "body", "topics", "visibility"}
    unknown = set(changes) - allowed
    if unknown:
        raise InvalidInput(_("Unknown note field: %(f)s") % {"f": ", ".join(sorted(unknown))})
    old_body_topics = set(extract_topics(note.body))
    old_topic_ids = set(note.topics.values_list("pk", flat=True))
    if "title" in changes:
        note.title = _clean_title(changes["title"])
    if "body" in changes:
        note.body = _clean_body(changes["body"])
    if "visibility" in changes:
        note.visibility = _clean_visibility(changes["visibility"])
    with transaction.atomic():
        if "title" in changes or "body" in changes:
            for name, value in detection_fields(f"{note.title}\n{note.body}").items():
                setattr(note, name, value)
        note.save()
        if "topics" in changes or "body" in changes:
            picked = changes.get("topics")
            if picked is None:
                # Keep the picked topics; the old body's #tags are read again from the new body.
                picked = [
                    n
                    for n in note.topics.values_list("name", flat=True)
                    if n not in old_body_topics
                ]
            _set_topics(note, extract_topics(note.body, picked))
        if {"topics", "body", "visibility"} & set(changes):
            recount_topics(note_id=note.pk, topic_ids=old_topic_ids)
        if "title" in changes or "body" in changes:
            hooks.collect(hooks.CONTENT_CREATED, obj=note, kind="note", author=user)
    return note


def delete_note(*, user: User, note: Note) -> None:
    """Delete one's own note with its images (files removed once the delete commits)."""
    if not policies.can_edit_note(user, note):
        raise PermissionDenied(_("Only the author can delete this note."))
    names = [f.name for image in note.images.all() for f in image.files]
    video = NoteVideo.objects.filter(note=note).first()
    if video is not None:
        names += [f.name for f in video.files] + ([video.pending] if video.pending else [])
    with transaction.atomic():
        if counts_on_topics(note):
            Topic.objects.filter(notes=note).update(note_count=F("note_count") - 1)
        note.delete()
        User.objects.filter(pk=note.author_id).update(note_count=F("note_count") - 1)
        transaction.on_commit(lambda: [default_storage.delete(n) for n in names])


def _require_visible(user: User, note: Note) -> None:
    if not policies.can_view_note(user, note):
        raise NotFound(_("Note not found."))


def add_comment(*, author: User, note: Note, body: str, parent: Comment | None = None) -> Comment:
    """Comment on a note, or reply to a comment (a reply to a reply joins the same thread)."""
    _require_visible(author, note)
    if not policies.can_comment(author, note):
        raise PermissionDenied(_("The author has limited who may comment on this note."))
    body = (body or "").strip()
    if not body:
        raise InvalidInput(_("Write something first."), field="body")
    if len(body) > COMMENT_MAX:
        raise InvalidInput(
            _("The comment is %(n)d characters; at most %(max)d.")
            % {"n": len(body), "max": COMMENT_MAX},
            field="body",
        )
    reply_to = None
    if parent is not None:
        if parent.note_id != note.pk:
            raise InvalidInput(_("That comment belongs to another note."), field="parent_id")
        reply_to = parent.author
        parent = parent.parent or parent
    # Detection and screening before the transaction opens, as for a note (create_note).
    language = detection_fields(body)
    hooks.collect(
        hooks.SCREEN_CONTENT,
        text=body,
        kind="comment",
        language=language["language"],
        author=author,
    )
    with transaction.atomic():
        comment = Comment.objects.create(
            note=note,
            author=author,
            parent=parent,
            reply_to=reply_to,
            body=body,
            **language,
        )
        Note.objects.filter(pk=note.pk).update(comment_count=F("comment_count") + 1)
        if reply_to is not None:
            notify(
                recipient=reply_to,
                actor=author,
                verb=Notification.Verb.REPLY,
                note=note,
                comment=comment,
            )
        if reply_to is None or reply_to.pk != note.author_id:
            notify(
                recipient=note.author,
                actor=author,
                verb=Notification.Verb.COMMENT,
                note=note,
                comment=comment,
            )
        hooks.collect(hooks.CONTENT_CREATED, obj=comment, kind="comment", author=author)
        told = {note.author_id} | ({reply_to.pk} if reply_to is not None else set())
        _notify_mentions(actor=author, text=body, note=note, comment=comment, already_told=told)
    return comment


def delete_comment(*, user: User, comment: Comment) -> None:
    """Delete a comment (and its replies); allowed to its author and the note's author."""
    if not policies.can_delete_comment(user, comment):
        raise PermissionDenied(_("You may not delete this comment."))
    with transaction.atomic():
        comment.delete()
        # Recounted, not decremented: a held or removed comment was no longer counted.
        recount_comments(comment.note_id)


def recount_comments(note_id: int) -> int:
    """Set a note's "N comments" to the comments its readers see: held or removed comments, and
    the replies under one, do not count. Moderation calls it whenever it hides or restores a
    comment (a removal, or its reversal on appeal), so the count follows both ways."""
    hidden = policies.HIDDEN_STATES
    shown = (
        Comment.objects.filter(note_id=note_id)
        .exclude(moderation__in=hidden)
        .exclude(parent__moderation__in=hidden)
    )
    count = shown.count()
    # Replies from people on other servers are comments too (federation counts the shown ones).
    count += sum(hooks.collect(hooks.COMMENTS_ELSEWHERE_COUNT, note_id=note_id))
    Note.objects.filter(pk=note_id).update(comment_count=count)
    return count


# Likes are the busiest write (bench/feeds_writes.py): the like row and its counter go in plain
# SQL, which the database runs in 0.03 ms where building the same statements through the ORM
# took 0.4 ms each on a 2-core machine. Names come from the models; values are parameters.
_LIKE_INSERT_SQL = (
    f"INSERT INTO {NoteLike._meta.db_table} (created_at, updated_at, user_id, note_id) "  # noqa: S608
    "VALUES (%s, %s, %s, %s)"
)
# RETURNING (SQLite 3.35+, PostgreSQL): the new count comes back with the update, so a caller
# answers with it without reading the note again.
_LIKE_COUNT_SQL = (
    f"UPDATE {Note._meta.db_table} SET like_count = like_count + 1 WHERE id = %s "  # noqa: S608
    "RETURNING like_count"
)


def like_note(*, user: User, note: Note, seen: bool = False) -> bool:
    """Like a note; returns False if it was already liked. A new like sets `note.like_count` to
    the count it made. `seen`: the caller got this note for this person through
    selectors.get_visible_note in the same request, which has just asked who may see it
    (blocks, withholding): not asked twice."""
    if not seen:
        _require_visible(user, note)
    at = timezone.now()
    if likewrite.available(connection):
        # Whether the author was told of this like before is asked by the statement itself
        # (one look-up in the notifications' "told" index).
        try:
            return _like_in_one_statement(
                user=user, note=note, at=at, tell=note.author_id != user.pk
            )
        except likewrite.ViewMissing:
            pass
    # Asked before the transaction: every moment inside it holds SQLite's one write lock (and
    # the write gate) for every other writer. A second like of the same note by the same
    # person cannot slip in between: the like's unique key refuses it.
    tell = notification_due(
        recipient=note.author, actor=user, verb=Notification.Verb.LIKE, note=note
    )
    now = connection.ops.adapt_datetimefield_value(at)
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(_LIKE_INSERT_SQL, [now, now, user.pk, note.pk])
            cursor.execute(_LIKE_COUNT_SQL, [note.pk])
            note.like_count = cursor.fetchone()[0]
            if tell:
                record_notification(
                    recipient=note.author, actor=user, verb=Notification.Verb.LIKE, note=note
                )
    except IntegrityError:
        return False
    return True


def like_seen_in_one_statement(*, user: User, note_id: int) -> int | None:
    """On PostgreSQL, a like that reads the note in its own statement (likewrite.write_if_visible):
    the note's count after it, or None where nothing was written and the caller asks the
    ordinary way (selectors.get_visible_note, then like_note), which answers what this cannot:
    the note missing or not visible to this person (404, 451), liked already, their own. Taken
    only where no block and no regional withholding can apply to this person, as the kept
    facts of crossnote.notes.policies say (asked of PostgreSQL's news)."""
    if connection.vendor != "postgresql" or connection.in_atomic_block:
        return None
    if not policies.nothing_to_block_or_withhold(user):
        return None
    at = timezone.now()
    group_key = group_key_for(Notification.Verb.LIKE, note_id, None, at)
    try:
        written = likewrite.write_if_visible(
            connection,
            at=connection.ops.adapt_datetimefield_value(at),
            user_id=user.pk,
            note_id=note_id,
            group_key=group_key,
        )
    except IntegrityError:
        return None
    if written is None:
        return None
    author_id, count, notification_id = written
    if notification_id is not None:
        _like_told(notification_id, at, author_id, user.pk, note_id, group_key)
    return count


def _like_told(notification_id: int, at, recipient_id: int, actor_id: int, note_id: int, key):
    """What saving the like's notification through the ORM would have done (the open pages'
    badge hears of it), for the row the like's statement wrote."""
    notification = Notification(
        pk=notification_id,
        created_at=at,
        updated_at=at,
        recipient_id=recipient_id,
        actor_id=actor_id,
        verb=Notification.Verb.LIKE,
        note_id=note_id,
        group_key=key,
    )
    notification_stored(notification)


def _like_in_one_statement(*, user: User, note: Note, at, tell: bool) -> bool:
    """like_note's writes in one statement (crossnote.notes.likewrite); `note.like_count` is
    the note's count just after this like."""
    verb = Notification.Verb.LIKE
    group_key = group_key_for(verb, note.pk, None, at) if tell else None
    try:
        note.like_count, notification_id = likewrite.write(
            connection,
            at=connection.ops.adapt_datetimefield_value(at),
            user_id=user.pk,
            note_id=note.pk,
            recipient_id=note.author_id if tell else None,
            group_key=group_key,
        )
    except IntegrityError:
        return False
    if notification_id is not None:
        _like_told(notification_id, at, note.author_id, user.pk, note.pk, group_key)
    return True


def unlike_note(*, user: User, note: Note) -> bool:
    with transaction.atomic():
        deleted, _rows = NoteLike.objects.filter(user=user, note=note).delete()
        if deleted:
            Note.objects.filter(pk=note.pk).update(like_count=F("like_count") - 1)
    return bool(deleted)


def like_comment(*, user: User, comment: Comment) -> bool:
    _require_visible(user, comment.note)
    try:
        with transaction.atomic():
            CommentLike.objects.create(user=user, comment=comment)
            Comment.objects.filter(pk=comment.pk).update(like_count=F("like_count") + 1)
            notify(
                recipient=comment.author,
                actor=user,
                verb=Notification.Verb.COMMENT_LIKE,
                note=comment.note,
                comment=comment,
            )
    except IntegrityError:
        return False
    return True


def unlike_comment(*, user: User, comment: Comment) -> bool:
    with transaction.atomic():
        deleted, _rows = CommentLike.objects.filter(user=user, comment=comment).delete()
        if deleted:
            Comment.objects.filter(pk=comment.pk).update(like_count=F("like_count") - 1)
    return bool(deleted)


def create_board(*, owner: User, name: str, is_private: bool = False) -> Board:
    """Make a named board; names are unique per person."""
    name = (name or "").strip()
    if not name or len(name) > 50:
        raise InvalidInput(_("A board name has 1–50 characters."), field="name")
    code, confidence = language_of(name)
    board, created = Board.objects.get_or_create(
        owner=owner,
        name=name,
        defaults={
            "is_private": is_private,
            "name_language": code,
            "name_language_confidence": confidence,
        },
    )
    if not created:
        raise InvalidInput(_("You already have a board with that name."), field="name")
    return board


def collect_note(*, user: User, note: Note, board: Board | None = None) -> Collect:
    """Save a note to one of the user's boards (the default board when none is given)."""
    _require_visible(user, note)
    if board is None:
        board = Board.objects.filter(owner=user, name__in=default_board_names()).first()
        board = board or Board.objects.create(owner=user, name=DEFAULT_BOARD)
    elif board.owner_id != user.pk:
        raise PermissionDenied(_("That board is not yours."))
    with transaction.atomic():
        # collect_count counts people who saved the note, not boards it sits on.
        saved_before = Collect.objects.filter(board__owner=user, note=note).exists()
        collect, created = Collect.objects.get_or_create(board=board, note=note)
        if created and not saved_before:
            Note.objects.filter(pk=note.pk).update(collect_count=F("collect_count") + 1)
            notify(recipient=note.author, actor=user, verb=Notification.Verb.COLLECT, note=note)
    return collect


def collect_to_new_board(*, user: User, note: Note, name: str, is_private: bool = False) -> Collect:
    """Make a board and save the note into it in one step (the save picker's "New board"):
    a refused name (empty, too long, taken) makes no board and saves nothing."""
    _require_visible(user, note)
    with transaction.atomic():
        board = create_board(owner=user, name=name, is_private=is_private)
        return collect_note(user=user, note=note, board=board)


def uncollect_note(*, user: User, note: Note, board: Board | None = None) -> int:
    """Remove a note from one board, or from all of the user's boards; returns how many."""
    rows = Collect.objects.filter(board__owner=user, note=note)
    if board is not None:
        rows = rows.filter(board=board)
    with transaction.atomic():
        deleted, _rows = rows.delete()
        if deleted and not Collect.objects.filter(board__owner=user, note=note).exists():
            Note.objects.filter(pk=note.pk).update(collect_count=F("collect_count") - 1)
    return deleted


def link_topics(*, topic: Topic, to: Topic) -> Topic:
    """Make `topic` another name of `to`'s subject (#猫 of #cats): it, and any names already
    linked to it, join the group whose canonical topic is `to`'s. Returns that canonical topic.
    Browsing, search and explore then treat every name of the group as one topic."""
    root = to.canonical if to.canonical_id else to
    if topic.pk == root.pk:
        raise InvalidInput(_("A topic cannot be linked to itself."), field="to")
    with transaction.atomic():
        moved = [topic.pk, *Topic.objects.filter(canonical=topic).values_list("pk", flat=True)]
        Topic.objects.filter(pk__in=moved).update(
            canonical=root, suggested_link=None, suggested_score=0.0
        )
        Topic.objects.filter(pk=root.pk, suggested_link__in=moved).update(
            suggested_link=None, suggested_score=0.0
        )
        hooks.collect(hooks.TOPICS_RELINKED, topic_ids=[root.pk, *moved])
    topic.refresh_from_db()
    return root


def unlink_topic(*, topic: Topic) -> None:
    """Take `topic` out of its group: it stands alone again. A canonical topic hands the group
    to its oldest other name."""
    with transaction.atomic():
        group = [topic.pk]
        if topic.canonical_id:
            group.append(topic.canonical_id)
            Topic.objects.filter(pk=topic.pk).update(canonical=None)
        else:
            others = list(Topic.objects.filter(canonical=topic).order_by("created_at", "pk"))
            if others:
                heir, rest = others[0], others[1:]
                Topic.objects.filter(pk=heir.pk).update(canonical=None)
                Topic.objects.filter(pk__in=[t.pk for t in rest]).update(canonical=heir)
                group += [t.pk for t in others]
        hooks.collect(hooks.TOPICS_RELINKED, topic_ids=group)
    topic.refresh_from_db()


def suggest_topic_link(*, topic: Topic, to: Topic, score: float) -> None:
    """Remember that `topic` looks like another name of `to` (for an operator to confirm)."""
    Topic.objects.filter(pk=topic.pk).update(suggested_link=to, suggested_score=score)
