"""Who may see and change notes, comments and boards: the one place these decisions are made."""

from django.db.models import Q

from crossnote.notes.models import Visibility
from crossnote.social.models import Follow


def _is_follower(viewer, author_id) -> bool:
    return Follow.objects.filter(follower=viewer, followee_id=author_id).exists()


def can_view_note(viewer, note) -> bool:
    """Public notes for all; followers-only for followers; private for the author alone."""
    if note.visibility == Visibility.PUBLIC:
        return True
    if not getattr(viewer, "is_authenticated", False):
        return False
    if viewer.pk == note.author_id:
        return True
    if note.visibility == Visibility.FOLLOWERS:
        return _is_follower(viewer, note.author_id)
    return False


def visible_notes_filter(viewer) -> Q:
    """The same rule as can_view_note, as a queryset filter."""
    public = Q(visibility=Visibility.PUBLIC)
    if not getattr(viewer, "is_authenticated", False):
        return public
    followed = Follow.objects.filter(follower=viewer).values("followee_id")
    return public | Q(author=viewer) | Q(visibility=Visibility.FOLLOWERS, author_id__in=followed)


def can_edit_note(user, note) -> bool:
    return getattr(user, "is_authenticated", False) and user.pk == note.author_id


def can_delete_comment(user, comment) -> bool:
    """The comment's author, or the author of the note it sits under."""
    if not getattr(user, "is_authenticated", False):
        return False
    return user.pk in (comment.author_id, comment.note.author_id)


def can_view_board(viewer, board) -> bool:
    if not board.is_private:
        return True
    return getattr(viewer, "is_authenticated", False) and viewer.pk == board.owner_id
