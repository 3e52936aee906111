"""Social reads shared by pages and API."""

from django.db.models import QuerySet

from crossnote.accounts.models import User
from crossnote.social.models import Follow, Notification


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
