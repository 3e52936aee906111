"""Social reads shared by pages and API."""

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from crossnote.accounts.models import User
from crossnote.core import hooks
from crossnote.social.models import Block, Follow, Mute, Notification


def is_following(follower, followee) -> bool:
    if not getattr(follower, "is_authenticated", False):
        return False
    return Follow.objects.filter(follower=follower, followee=followee).exists()


def followers_of(user: User) -> QuerySet[Follow]:
    return Follow.objects.filter(followee=user).select_related("follower")


def following_of(user: User) -> QuerySet[Follow]:
    return Follow.objects.filter(follower=user).select_related("followee")


def notifications_for(user: User) -> QuerySet[Notification]:
    return Notification.objects.filter(recipient=user).select_related("actor", "note", "comment")


# Which notes and comments a reader may see is decided by the visibility policy of notes, a layer
# above this one: notes registers the handler (crossnote.notes.policies.visible_subjects), called
# with viewer, note_ids and comment_ids; it returns {"notes": ids, "comments": ids}.
VISIBLE_SUBJECTS = "visible_subjects"


def _visible_subjects(viewer, note_ids, comment_ids) -> tuple[set[int], set[int]]:
    """With no handler registered nothing counts as visible (fail closed)."""
    notes, comments = set(), set()
    found = hooks.collect(
        VISIBLE_SUBJECTS, viewer=viewer, note_ids=note_ids, comment_ids=comment_ids
    )
    for result in found:
        notes |= set(result["notes"])
        comments |= set(result["comments"])
    return notes, comments


def present_notifications(viewer, notifications) -> list[Notification]:
    """Notifications as `viewer` may see them now, through the visibility policy
    (crossnote.notes.policies, through VISIBLE_SUBJECTS), for page and API alike, in two
    queries whatever their number.

    Each gets `note_available` / `note_title` and `comment_available` / `comment_text`: a note
    the reader can no longer see (removed, held, withheld in their region, made private or
    followers-only, its author blocked or closed) shows a neutral title, and a comment they can
    no longer see is not quoted.
    """
    notifications = list(notifications)
    notes, comments = _visible_subjects(
        viewer,
        {n.note_id for n in notifications if n.note_id is not None},
        {n.comment_id for n in notifications if n.comment_id is not None},
    )
    for n in notifications:
        n.note_available = n.note_id is not None and n.note_id in notes
        n.comment_available = n.comment_id is not None and n.comment_id in comments
        if n.note_id is None:
            n.note_title = None
        elif n.note_available:
            n.note_title = n.note.title
        else:
            n.note_title = _("a note you can no longer see")
        if n.comment_id is None:
            n.comment_text = None
        elif n.comment_available:
            n.comment_text = n.comment.body
        else:
            n.comment_text = _("a comment you can no longer see")
    return notifications


def unread_count(user: User) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def blocked_ids(viewer) -> set[int]:
    """Ids of people `viewer` blocked or was blocked by (their notes are hidden both ways)."""
    if not getattr(viewer, "is_authenticated", False):
        return set()
    made = Block.objects.filter(blocker=viewer).values_list("blocked_id", flat=True)
    received = Block.objects.filter(blocked=viewer).values_list("blocker_id", flat=True)
    return set(made) | set(received)


def muted_authors(viewer) -> QuerySet:
    """Ids of the people `viewer` muted, as a subquery (left out of their feeds)."""
    if not getattr(viewer, "is_authenticated", False):
        return Mute.objects.none().values("muted_id")
    return Mute.objects.filter(muter=viewer).values("muted_id")
