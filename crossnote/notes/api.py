"""REST endpoints for notes, comments, likes, collects, boards and topics."""

from typing import Literal

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import File, Form, Router, Status
from ninja.files import UploadedFile

from crossnote.accounts.auth import OPTIONAL, REQUIRED
from crossnote.accounts.models import User
from crossnote.core.errors import NotFound
from crossnote.core.pagination import paginate
from crossnote.core.renderers import dumps
from crossnote.notes import card_path, selectors, services
from crossnote.notes.schemas import (
    BoardIn,
    BoardOut,
    CollectIn,
    CollectOut,
    CommentIn,
    CommentOut,
    CommentPage,
    LikeOut,
    NoteForm,
    NoteOut,
    NotePage,
    NotePatch,
    TopicOut,
)
from crossnote.security.ratelimits import rate_limit

router = Router()


def mark_viewer_state(notes, viewer):
    """Set `liked` and `collected` on each note for the viewer (two queries for the page)."""
    liked = selectors.liked_note_ids(viewer, notes)
    collected = selectors.collected_note_ids(viewer, notes)
    for note in notes:
        note.liked = note.pk in liked
        note.collected = note.pk in collected
    return notes


def note_page(queryset, viewer, cursor, limit):
    page = paginate(queryset, cursor, limit)
    return {"items": mark_viewer_state(page.items, viewer), "next_cursor": page.next_cursor}


@router.post("/notes", response={201: NoteOut}, auth=REQUIRED, tags=["notes"])
@rate_limit("post")
def create_note(
    request,
    form: Form[NoteForm],
    images: File[list[UploadedFile]] = None,
    video: File[UploadedFile] = None,
):
    """Post a note (multipart form): 1–9 images as `images`, or one video as `video` (MP4, MOV,
    WebM or MKV; H.264, HEVC, VP8, VP9 or AV1; at most CROSSNOTE_MAX_VIDEO_SECONDS long and
    CROSSNOTE_MAX_VIDEO_BYTES large), a title, optional body and topics. A video note answers
    at once with `video.state` "processing" and only its author sees it until the transcode is
    done (poll `GET /notes/{id}`: `video.progress`, then `state` "ready" with its URLs).
    Refusals name the limit: 413 too large (bytes or pixels), 415 not a supported video (or a
    photo sent as one), 400 too long, damaged, absurd shape or frame rate, 451 moderation."""
    note = services.create_note(
        author=request.user, images=images or [], video=video, **form.dict()
    )
    return Status(201, selectors.get_visible_note(request.user, note.pk))


@router.get("/notes/{note_id}", response=NoteOut, auth=OPTIONAL, tags=["notes"])
def get_note(request, note_id: int):
    # On the card path: one question through the visibility rule for the note's version, counts
    # and the reader's marks, and the note as every reader's card (kept per note version). A
    # note the reader may not see now is not in its answer: the ORM path says why (404, 451).
    # A video note is not served from its card: its transcoding progress is written without a
    # new version, and its author polls this for it.
    items = card_path.card_path().page_items(
        request.user, card_path.shown_notes, [(note_id, None)], name="note"
    )
    if items and items[0].get("video") is None:
        return HttpResponse(dumps(items[0]), content_type="application/json; charset=utf-8")
    return mark_viewer_state([selectors.get_visible_note(request.user, note_id)], request.user)[0]


@router.patch("/notes/{note_id}", response=NoteOut, auth=REQUIRED, tags=["notes"])
def update_note(request, note_id: int, payload: NotePatch):
    note = selectors.get_visible_note(request.user, note_id)
    services.update_note(user=request.user, note=note, **payload.dict(exclude_unset=True))
    return get_note(request, note_id)


@router.delete("/notes/{note_id}", response={204: None}, auth=REQUIRED, tags=["notes"])
def delete_note(request, note_id: int):
    services.delete_note(user=request.user, note=selectors.get_visible_note(request.user, note_id))
    return Status(204, None)


@router.get("/users/{username}/notes", response=NotePage, auth=OPTIONAL, tags=["notes"])
def user_notes(request, username: str, cursor: str | None = None, limit: int = 20):
    author = get_object_or_404(User, username=username, is_active=True)
    # The reader's page of the person's notes (ids, newest first), then one question for what
    # they may see of them now (counts, liked, collected), with cards made once per version.
    page = card_path.notes_by_page(author, request.user, cursor, limit)
    items = card_path.card_path().page_items(
        request.user, card_path.shown_notes, [(pk, None) for pk in page.items], name="profile"
    )
    body = dumps({"items": items, "next_cursor": page.next_cursor})
    return HttpResponse(body, content_type="application/json; charset=utf-8")


@router.get("/topics/{name}", response=TopicOut, auth=OPTIONAL, tags=["notes"])
def topic(request, name: str):
    """A topic with every other name of its subject (#猫 and #cats are one): its notes are the
    notes under all of them (`/topics/{name}/notes`)."""
    clean = name.strip().lstrip("#").casefold()
    group = selectors.topic_group(clean)
    if not group:
        raise NotFound(_("No such topic: %(names)s") % {"names": f"#{clean}"})
    return {
        "name": clean,
        "canonical": group[0].name,
        "names": [t.name for t in group],
        "note_count": sum(t.note_count for t in group),
    }


@router.get("/topics/{name}/notes", response=NotePage, auth=OPTIONAL, tags=["notes"])
def topic_notes(request, name: str, cursor: str | None = None, limit: int = 20):
    return note_page(
        selectors.notes_with_topic(name.casefold(), request.user), request.user, cursor, limit
    )


@router.post("/notes/{note_id}/like", response=LikeOut, auth=REQUIRED, tags=["likes"])
@rate_limit("like")
def like_note(request, note_id: int):
    # PostgreSQL: the note read inside the like's own statement, where it certainly may be.
    count = services.like_seen_in_one_statement(user=request.user, note_id=note_id)
    if count is not None:
        return {"liked": True, "like_count": count}
    # A new like sets like_count; an old one leaves the count read a moment ago.
    note = selectors.get_visible_note(request.user, note_id, brief=True)
    services.like_note(user=request.user, note=note, seen=True)
    return {"liked": True, "like_count": note.like_count}


@router.delete("/notes/{note_id}/like", response=LikeOut, auth=REQUIRED, tags=["likes"])
def unlike_note(request, note_id: int):
    note = selectors.get_visible_note(request.user, note_id)
    services.unlike_note(user=request.user, note=note)
    note.refresh_from_db(fields=["like_count"])
    return {"liked": False, "like_count": note.like_count}


@router.get("/notes/{note_id}/comments", response=CommentPage, auth=OPTIONAL, tags=["comments"])
def list_comments(
    request,
    note_id: int,
    sort: Literal["hot", "new"] = "hot",
    cursor: str | None = None,
    limit: int = 50,
):
    """Top-level comments, `hot` (likes and replies, with recency) or `new` (newest first), each
    with its replies oldest first: the note page's ordering and paging."""
    note = selectors.get_visible_note(request.user, note_id)
    # Each comment comes with whether the reader liked it.
    page = selectors.comment_page(note, request.user, sort=sort, cursor=cursor, limit=limit)
    elsewhere = [] if cursor else selectors.comments_elsewhere(note, request.user)
    return {
        "items": page.items,
        "next_cursor": page.next_cursor,
        "elsewhere": [c.as_dict() for c in elsewhere],
    }


@router.post(
    "/notes/{note_id}/comments", response={201: CommentOut}, auth=REQUIRED, tags=["comments"]
)
@rate_limit("comment")
def add_comment(request, note_id: int, payload: CommentIn):
    note = selectors.get_visible_note(request.user, note_id)
    parent = None
    if payload.parent_id is not None:
        parent = selectors.get_comment(request.user, payload.parent_id)
    comment = services.add_comment(author=request.user, note=note, body=payload.body, parent=parent)
    # Screening's verdict is on the object as stored (moderation, content_warning).
    return Status(201, comment)


@router.delete("/comments/{comment_id}", response={204: None}, auth=REQUIRED, tags=["comments"])
def delete_comment(request, comment_id: int):
    services.delete_comment(
        user=request.user, comment=selectors.get_comment(request.user, comment_id)
    )
    return Status(204, None)


@router.post("/comments/{comment_id}/like", response=LikeOut, auth=REQUIRED, tags=["likes"])
@rate_limit("like")
def like_comment(request, comment_id: int):
    comment = selectors.get_comment(request.user, comment_id)
    services.like_comment(user=request.user, comment=comment)
    comment.refresh_from_db(fields=["like_count"])
    return {"liked": True, "like_count": comment.like_count}


@router.delete("/comments/{comment_id}/like", response=LikeOut, auth=REQUIRED, tags=["likes"])
def unlike_comment(request, comment_id: int):
    comment = selectors.get_comment(request.user, comment_id)
    services.unlike_comment(user=request.user, comment=comment)
    comment.refresh_from_db(fields=["like_count"])
    return {"liked": False, "like_count": comment.like_count}


def _board(request, board_id):
    if board_id is None:
        return None
    return selectors.get_visible_board(request.user, board_id)


@router.post("/notes/{note_id}/collect", response=CollectOut, auth=REQUIRED, tags=["collects"])
def collect(request, note_id: int, payload: CollectIn | None = None):
    """Save the note to a board (your default board when board_id is omitted), or to a new
    board named in new_board (made in the same step, as the save picker does)."""
    note = selectors.get_visible_note(request.user, note_id)
    if payload and payload.new_board is not None:
        services.collect_to_new_board(user=request.user, note=note, name=payload.new_board)
    else:
        services.collect_note(
            user=request.user,
            note=note,
            board=_board(request, payload.board_id if payload else None),
        )
    note.refresh_from_db(fields=["collect_count"])
    return {"collected": True, "collect_count": note.collect_count}


@router.delete("/notes/{note_id}/collect", response=CollectOut, auth=REQUIRED, tags=["collects"])
def uncollect(request, note_id: int, board_id: int | None = None):
    """Remove the note from one board (board_id) or from all your boards."""
    note = selectors.get_visible_note(request.user, note_id)
    services.uncollect_note(user=request.user, note=note, board=_board(request, board_id))
    note.refresh_from_db(fields=["collect_count"])
    still = selectors.collected_note_ids(request.user, [note])
    return {"collected": bool(still), "collect_count": note.collect_count}


@router.get("/users/{username}/boards", response=list[BoardOut], auth=OPTIONAL, tags=["collects"])
def user_boards(request, username: str):
    owner = get_object_or_404(User, username=username, is_active=True)
    return list(selectors.boards_of(owner, request.user).select_related("owner"))


@router.post("/boards", response={201: BoardOut}, auth=REQUIRED, tags=["collects"])
def create_board(request, payload: BoardIn):
    return Status(201, services.create_board(owner=request.user, **payload.dict()))


@router.get("/boards/{board_id}/notes", response=NotePage, auth=OPTIONAL, tags=["collects"])
def board_notes(request, board_id: int, cursor: str | None = None, limit: int = 20):
    board = selectors.get_visible_board(request.user, board_id)
    return note_page(selectors.notes_in_board(board, request.user), request.user, cursor, limit)
