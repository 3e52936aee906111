"""Social reads shared by pages and API."""

from django.db.models import QuerySet

from crossnote.accounts.models import User
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
