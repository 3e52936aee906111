"""Notes' part of a person's export and erasure (crossnote.core.data_rights): their notes with
every stored image variant and video rendition, their comments, likes and boards; others' notes
appear only as far as the person may still see them (can_view_note).

Erasure, through notes' own services so that every counter is put right the way the page does it:
- their likes and saves of others' notes and comments are undone (unlike_note, unlike_comment,
  uncollect_note), then their boards go;
- their comments on others' notes go; others' replies under them are the repliers' and stay,
  moved to the top of the thread, and those notes' comment counts are recounted;
- their notes go one by one (delete_note: topics' counts, the images' and video's files after
  the commit), each with everything under it: others' comments, likes and saves, withholdings.
"""

from pathlib import Path

from crossnote.core.data_rights import iso, register
from crossnote.notes import services
from crossnote.notes.models import (
    Board,
    Collect,
    Comment,
    CommentLike,
    Note,
    NoteLike,
    NoteVideo,
)
from crossnote.notes.policies import can_view_note

COVERS = (
    "notes.Note",
    "notes.NoteImage",
    "notes.Comment",
    "notes.NoteLike",
    "notes.CommentLike",
    "notes.Board",
    "notes.Collect",
    "notes.NoteWithholding",
    "notes.NoteVideo",
)


def _images(note, media: dict[str, str]) -> list[dict]:
    images = []
    for image in note.images.all():
        files = {}
        for variant, field in (("thumb", image.thumb), ("large", image.large)):
            if field:
                path = f"media/notes/{note.pk}/{image.position}-{variant}{Path(field.name).suffix}"
                media[path] = field.name
                files[variant] = path
        images.append({"position": image.position, "alt_text": image.alt_text, "files": files})
    return images


def _video(note, media: dict[str, str]) -> dict | None:
    """A video note's renditions (the poster frame is image 0, exported with the images)."""
    try:
        video = note.video
    except NoteVideo.DoesNotExist:
        return None
    files = {}
    for variant, field in (("mp4", video.mp4), ("small", video.small)):
        if field:
            path = f"media/notes/{note.pk}/video-{variant}{Path(field.name).suffix}"
            media[path] = field.name
            files[variant] = path
    return {
        "state": video.state,
        "duration": video.duration,
        "width": video.width,
        "height": video.height,
        "files": files,
    }


def _notes(user, media: dict[str, str]) -> list[dict]:
    notes = (
        Note.objects.filter(author=user)
        .select_related("video")
        .prefetch_related("images", "topics")
        .order_by("pk")
    )
    return [
        {
            "id": note.pk,
            "title": note.title,
            "body": note.body,
            "visibility": note.visibility,
            "language": note.language,
            "topics": sorted(t.name for t in note.topics.all()),
            "moderation": note.moderation,
            "content_warning": note.content_warning,
            "like_count": note.like_count,
            "comment_count": note.comment_count,
            "collect_count": note.collect_count,
            "created_at": iso(note.created_at),
            "updated_at": iso(note.updated_at),
            "images": _images(note, media),
            "video": _video(note, media),
        }
        for note in notes
    ]


def _comments(user) -> list[dict]:
    return [
        {
            "id": c.pk,
            "note_id": c.note_id,
            "parent_id": c.parent_id,
            "body": c.body,
            "language": c.language,
            "moderation": c.moderation,
            "created_at": iso(c.created_at),
        }
        for c in Comment.objects.filter(author=user).order_by("pk")
    ]


def _note_ref(user, note) -> dict:
    """Someone's note as far as the person may still see it (visibility is honoured)."""
    if can_view_note(user, note):
        return {"note_id": note.pk, "title": note.title, "author": note.author.username}
    return {"note_id": note.pk, "title": None, "author": None}


def _likes(user) -> dict:
    notes = NoteLike.objects.filter(user=user).select_related("note__author").order_by("pk")
    comments = CommentLike.objects.filter(user=user).order_by("pk")
    return {
        "notes": [{**_note_ref(user, like.note), "at": iso(like.created_at)} for like in notes],
        "comments": [{"comment_id": c.comment_id, "at": iso(c.created_at)} for c in comments],
    }


def _boards(user) -> list[dict]:
    boards = Board.objects.filter(owner=user).prefetch_related("collects__note__author")
    return [
        {
            "id": board.pk,
            "name": board.name,
            "is_private": board.is_private,
            "created_at": iso(board.created_at),
            "notes": [
                {**_note_ref(user, c.note), "saved_at": iso(c.created_at)}
                for c in board.collects.all()
            ],
        }
        for board in boards.order_by("pk")
    ]


def export(user, media: dict[str, str]) -> dict:
    return {
        "notes": _notes(user, media),
        "comments": _comments(user),
        "likes": _likes(user),
        "boards": _boards(user),
    }


def _undo_likes_and_saves(user) -> None:
    """What they added to others' notes and comments, undone the way an unlike or unsave is."""
    likes = NoteLike.objects.filter(user=user).exclude(note__author=user).select_related("note")
    for like in likes:
        services.unlike_note(user=user, note=like.note)
    comment_likes = (
        CommentLike.objects.filter(user=user)
        .exclude(comment__note__author=user)
        .select_related("comment")
    )
    for comment_like in comment_likes:
        services.unlike_comment(user=user, comment=comment_like.comment)
    saved = Collect.objects.filter(board__owner=user).exclude(note__author=user)
    for note in Note.objects.filter(pk__in=saved.values("note_id")):
        services.uncollect_note(user=user, note=note)
    Board.objects.filter(owner=user).delete()


def _remove_comments_on_others_notes(user) -> None:
    """Their comments on others' notes go; others' replies under them are the repliers' and
    stay, moved up to the top of the thread (a reply's parent would otherwise cascade them)."""
    mine = Comment.objects.filter(author=user).exclude(note__author=user)
    notes = set(mine.values_list("note_id", flat=True))
    kept = Comment.objects.filter(parent__in=mine).exclude(author=user)
    Comment.objects.filter(pk__in=list(kept.values_list("pk", flat=True))).update(parent=None)
    mine.delete()
    for note_id in notes:  # recounted: held or removed comments were not counted
        services.recount_comments(note_id)


def erase(user) -> None:
    _undo_likes_and_saves(user)
    _remove_comments_on_others_notes(user)
    for note in Note.objects.filter(author=user).prefetch_related("images"):
        services.delete_note(user=user, note=note)


register("notes", order=30, export=export, erase=erase, covers=COVERS)
