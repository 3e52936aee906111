"""Social writes: follow, unfollow, notify, mark notifications read."""

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from crossnote.accounts.models import User
from crossnote.core.errors import InvalidInput
from crossnote.social.models import Follow, Notification

# Toggles (like, follow, save) notify once per actor and target, so un-doing and re-doing an
# action cannot be used to spam someone.
ONCE_ONLY = {
    Notification.Verb.LIKE,
    Notification.Verb.COMMENT_LIKE,
    Notification.Verb.FOLLOW,
    Notification.Verb.COLLECT,
}


def notify(*, recipient: User, actor: User | None, verb: str, note=None, comment=None) -> None:
    """Record a notification, unless the person acted on their own thing or was already told.
    `actor` None is the platform itself (moderation)."""
    if actor is not None and recipient.pk == actor.pk:
        return
    if (
        verb in ONCE_ONLY
        and Notification.objects.filter(
            recipient=recipient, actor=actor, verb=verb, note=note, comment=comment
        ).exists()
    ):
        return
    Notification.objects.create(
        recipient=recipient, actor=actor, verb=verb, note=note, comment=comment
    )


def follow_user(*, follower: User, followee: User) -> bool:
    """Follow someone; returns False if already following. Following oneself is refused."""
    if follower.pk == followee.pk:
        raise InvalidInput(_("You cannot follow yourself."))
    try:
        with transaction.atomic():
            Follow.objects.create(follower=follower, followee=followee)
            User.objects.filter(pk=follower.pk).update(following_count=F("following_count") + 1)
            User.objects.filter(pk=followee.pk).update(follower_count=F("follower_count") + 1)
            notify(recipient=followee, actor=follower, verb=Notification.Verb.FOLLOW)
    except IntegrityError:
        return False
    return True


def unfollow_user(*, follower: User, followee: User) -> bool:
    """Stop following; returns False if there was nothing to undo."""
    with transaction.atomic():
        deleted, _rows = Follow.objects.filter(follower=follower, followee=followee).delete()
        if deleted:
            User.objects.filter(pk=follower.pk).update(following_count=F("following_count") - 1)
            User.objects.filter(pk=followee.pk).update(follower_count=F("follower_count") - 1)
    return bool(deleted)


def mark_notifications_read(*, user: User, ids=None) -> int:
    """Mark the user's unread notifications (or only `ids`) as read; returns how many."""
    rows = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if ids is not None:
        rows = rows.filter(pk__in=list(ids))
    return rows.update(read_at=timezone.now())
