"""Social writes: follow, unfollow, notify, mark notifications read."""

from django.db import IntegrityError, connection, transaction
from django.db.models import F, Q
from django.db.models.signals import post_save
from django.utils import timezone
from django.utils.translation import gettext as _

from crossnote.accounts.models import User
from crossnote.core.errors import InvalidInput, PermissionDenied
from crossnote.core.sql import row_exists
from crossnote.social.models import Block, Follow, Mute, Notification, group_key_for

# Toggles (like, follow, save) notify once per actor and target, so un-doing and re-doing an
# action cannot be used to spam someone.
ONCE_ONLY = {
    Notification.Verb.LIKE,
    Notification.Verb.COMMENT_LIKE,
    Notification.Verb.FOLLOW,
    Notification.Verb.COLLECT,
    Notification.Verb.SHARE,
}


def told_already_sql(*, actor: str, recipient: str, verb: str, note: str, comment: str) -> str:
    """The question "was this person told of this already?" as SQL: each argument an SQL
    expression ("%s", a column, NEW.x) or "NULL" (IS NULL), `verb` a quoted literal or "%s".
    One look-up in the notifications' "told" index (actor, recipient, verb, note); asked here
    and inside the like's one statement (crossnote.notes.likewrite)."""
    clauses = [
        f"{column} IS NULL" if value == "NULL" else f"{column} = {value}"
        for column, value in (
            ("actor_id", actor),
            ("recipient_id", recipient),
            ("verb", verb),
            ("note_id", note),
            ("comment_id", comment),
        )
    ]
    return f"SELECT 1 FROM {Notification._meta.db_table} WHERE {' AND '.join(clauses)}"  # noqa: S608 - constant names


def _already_notified(recipient_id, actor_id, verb, note_id, comment_id) -> bool:
    """Whether this exact notification exists, in plain SQL (crossnote.core.sql): it runs on
    every like, follow and collect."""
    given = {
        "actor": actor_id,
        "recipient": recipient_id,
        "verb": verb,
        "note": note_id,
        "comment": comment_id,
    }
    sql = told_already_sql(**{k: "NULL" if v is None else "%s" for k, v in given.items()})
    return row_exists(sql + " LIMIT 1", [v for v in given.values() if v is not None])


def notification_due(
    *,
    recipient: User,
    actor: User | None,
    verb: str,
    note=None,
    comment=None,
    elsewhere: bool = False,
) -> bool:
    """Whether `notify` with these arguments would record a notification: not when the person
    acted on their own thing or was already told. A read: a write path may ask it before its
    transaction and `record_notification` inside it."""
    if actor is not None and recipient.pk == actor.pk:
        return False
    return not (
        verb in ONCE_ONLY
        and not elsewhere
        and _already_notified(
            recipient.pk,
            getattr(actor, "pk", None),
            verb,
            getattr(note, "pk", None),
            getattr(comment, "pk", None),
        )
    )


# The columns a notification is written with in plain SQL (here, and by the like's one
# statement: crossnote.notes.likewrite), in this order.
NOTIFICATION_COLUMNS = (
    "created_at",
    "updated_at",
    "recipient_id",
    "actor_id",
    "verb",
    "note_id",
    "comment_id",
    "group_key",
)
# One statement written once (the ORM's insert cost a like a tenth of its CPU, inside the
# write transaction); RETURNING (SQLite 3.35+, PostgreSQL) gives the new row's id.
_NOTIFICATION_INSERT_SQL = (
    f"INSERT INTO {Notification._meta.db_table} ({', '.join(NOTIFICATION_COLUMNS)}) "  # noqa: S608 - constant names
    f"VALUES ({', '.join(['%s'] * len(NOTIFICATION_COLUMNS))}) RETURNING id"
)


def record_notification(
    *, recipient: User, actor: User | None, verb: str, note=None, comment=None
) -> Notification:
    """Store a notification, as `Notification.objects.create` would (its group key, then
    post_save: open pages update their badge), in one plain statement."""
    now = timezone.now()
    notification = Notification(
        created_at=now,
        updated_at=now,
        recipient_id=recipient.pk,
        actor_id=getattr(actor, "pk", None),
        verb=verb,
        note_id=getattr(note, "pk", None),
        comment_id=getattr(comment, "pk", None),
        group_key=group_key_for(verb, getattr(note, "pk", None), getattr(comment, "pk", None), now),
    )
    at = connection.ops.adapt_datetimefield_value(now)
    values = [at, at] + [getattr(notification, name) for name in NOTIFICATION_COLUMNS[2:]]
    with connection.cursor() as cursor:
        cursor.execute(_NOTIFICATION_INSERT_SQL, values)
        notification.pk = cursor.fetchone()[0]
    notification_stored(notification)
    return notification


def notification_stored(notification: Notification) -> None:
    """What the ORM does after saving a new notification (its state, then post_save: open
    pages update their badge), for one written in plain SQL with its id read back."""
    notification._state.adding = False
    notification._state.db = connection.alias
    post_save.send(
        sender=Notification,
        instance=notification,
        created=True,
        update_fields=None,
        raw=False,
        using=connection.alias,
    )


def notify(
    *,
    recipient: User,
    actor: User | None,
    verb: str,
    note=None,
    comment=None,
    elsewhere: bool = False,
) -> None:
    """Record a notification, unless the person acted on their own thing or was already told.
    `actor` None is the platform itself (moderation), or with `elsewhere` someone on another
    server (federation keeps each of their likes and boosts once: each one notifies)."""
    if notification_due(
        recipient=recipient, actor=actor, verb=verb, note=note, comment=comment, elsewhere=elsewhere
    ):
        record_notification(recipient=recipient, actor=actor, verb=verb, note=note, comment=comment)


def follow_user(*, follower: User, followee: User) -> bool:
    """Follow someone; returns False if already following. Following oneself is refused."""
    if follower.pk == followee.pk:
        raise InvalidInput(_("You cannot follow yourself."))
    if is_blocked_between(follower, followee):
        raise PermissionDenied(_("You cannot follow this account."))
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


def mark_groups_read(*, user: User, groups) -> int:
    """Mark every unread notification in these groups (selectors.grouped_notifications) read:
    opening a tab of the notifications page reads what it shows."""
    keys = [group.latest.group_key for group in groups if group.unread]
    if not keys:
        return 0
    return Notification.objects.filter(
        recipient=user, read_at__isnull=True, group_key__in=keys
    ).update(read_at=timezone.now())


def read_notifications_caused_by(*, actor: User) -> int:
    """An account closes (deletion requested): what it caused no longer shows, so it no longer
    counts as unread either (the badge stays an index-only count)."""
    return Notification.objects.filter(actor=actor, read_at__isnull=True).update(
        read_at=timezone.now()
    )


def is_blocked_between(a: User, b: User) -> bool:
    """Whether either person has blocked the other."""
    return Block.objects.filter(
        Q(blocker_id=a.pk, blocked_id=b.pk) | Q(blocker_id=b.pk, blocked_id=a.pk)
    ).exists()


def block_user(*, blocker: User, blocked: User) -> bool:
    """Block someone: follows in both directions end at once; returns False if already blocked."""
    if blocker.pk == blocked.pk:
        raise InvalidInput(_("You cannot block yourself."))
    with transaction.atomic():
        _block, created = Block.objects.get_or_create(blocker=blocker, blocked=blocked)
        unfollow_user(follower=blocker, followee=blocked)
        unfollow_user(follower=blocked, followee=blocker)
    return created


def unblock_user(*, blocker: User, blocked: User) -> bool:
    deleted, _rows = Block.objects.filter(blocker=blocker, blocked=blocked).delete()
    return bool(deleted)


def mute_user(*, muter: User, muted: User) -> bool:
    """Leave someone's notes out of one's feeds (they are not told); False if already muted."""
    if muter.pk == muted.pk:
        raise InvalidInput(_("You cannot mute yourself."))
    _mute, created = Mute.objects.get_or_create(muter=muter, muted=muted)
    return created


def unmute_user(*, muter: User, muted: User) -> bool:
    deleted, _rows = Mute.objects.filter(muter=muter, muted=muted).delete()
    return bool(deleted)
