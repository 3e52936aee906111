"""Note reads shared by pages and API, already joined to avoid N+1 queries."""

from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext as _

from crossnote.core.errors import NotFound, WithheldInRegion
from crossnote.notes import policies
from crossnote.notes.models import Board, Collect, Comment, Note, NoteLike


def notes_with_media() -> QuerySet[Note]:
    return Note.objects.select_related("author").prefetch_related("images", "topics")


def visible_notes(viewer) -> QuerySet[Note]:
    """Every note `viewer` may see (visibility is decided in policies)."""
    return notes_with_media().filter(policies.visible_notes_filter(viewer))


def get_visible_note(viewer, pk: int) -> Note:
    """The note if it exists and the viewer may see it; otherwise the same 404 either way, or
    451 when it is withheld in the reader's region."""
    note = notes_with_media().filter(pk=pk).first()
    if note is None or not policies.can_view_note_ignoring_region(viewer, note):
        raise NotFound(_("Note not found."))
    if policies.is_withheld_for(viewer, note):
        raise WithheldInRegion(
            _("This note is withheld in your region (%(region)s) in response to a legal demand.")
            % {"region": policies.viewer_region(viewer)}
        )
    return note


def notes_by(author, viewer) -> QuerySet[Note]:
    return visible_notes(viewer).filter(author=author)


def notes_with_topic(name: str, viewer) -> QuerySet[Note]:
    return visible_notes(viewer).filter(topics__name=name)


def comments_for(note: Note, viewer=None) -> QuerySet[Comment]:
    """Top-level comments, oldest first, each with its replies (held or removed ones only for
    their author)."""
    shown = policies.visible_comments_filter(viewer)
    # `note=note` is redundant for the rows but not for the planner: with it, SQLite finds the
    # replies through the (note, parent, created_at) index instead of walking every comment in
    # date order (most comments have no parent, so the parent index looks useless to it).
    replies = (
        Comment.objects.filter(shown, note=note)
        .select_related("author", "reply_to")
        .order_by("created_at", "id")
    )
    return (
        Comment.objects.filter(shown, note=note, parent__isnull=True)
        .select_related("author")
        .prefetch_related(Prefetch("replies", queryset=replies))
        .order_by("created_at", "id")
    )


def get_comment(viewer, pk: int) -> Comment:
    comment = Comment.objects.select_related("note", "author").filter(pk=pk).first()
    hidden = (
        comment is not None
        and not Comment.objects.filter(policies.visible_comments_filter(viewer), pk=pk).exists()
    )
    if comment is None or hidden or not policies.can_view_note(viewer, comment.note):
        raise NotFound(_("Comment not found."))
    return comment


def liked_note_ids(viewer, notes) -> set[int]:
    if not getattr(viewer, "is_authenticated", False):
        return set()
    ids = [n.pk for n in notes]
    return set(
        NoteLike.objects.filter(user=viewer, note_id__in=ids).values_list("note_id", flat=True)
    )


def collected_note_ids(viewer, notes) -> set[int]:
    if not getattr(viewer, "is_authenticated", False):
        return set()
    ids = [n.pk for n in notes]
    return set(
        Collect.objects.filter(board__owner=viewer, note_id__in=ids).values_list(
            "note_id", flat=True
        )
    )


def boards_holding(viewer, note: Note) -> set[int]:
    """The viewer's boards this note is saved in."""
    if not getattr(viewer, "is_authenticated", False):
        return set()
    return set(
        Collect.objects.filter(board__owner=viewer, note=note).values_list("board_id", flat=True)
    )


def liked_comment_ids(viewer, note: Note) -> set[int]:
    if not getattr(viewer, "is_authenticated", False):
        return set()
    return set(viewer.comment_likes.filter(comment__note=note).values_list("comment_id", flat=True))


def boards_of(owner, viewer) -> QuerySet[Board]:
    boards = Board.objects.filter(owner=owner).order_by("created_at")
    if not (getattr(viewer, "is_authenticated", False) and viewer.pk == owner.pk):
        boards = boards.filter(is_private=False)
    return boards


def get_visible_board(viewer, pk: int) -> Board:
    board = Board.objects.select_related("owner").filter(pk=pk).first()
    if board is None or not policies.can_view_board(viewer, board):
        raise NotFound(_("Board not found."))
    return board


def notes_in_board(board: Board, viewer) -> QuerySet[Note]:
    return visible_notes(viewer).filter(collects__board=board)
