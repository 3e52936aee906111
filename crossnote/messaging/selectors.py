"""Reads for messages: inbox, requests, a conversation's messages as one person sees them, unread
counts, and the JSON shape pages, API and sockets share."""

from django.db import connection
from django.db.models import Count, Exists, OuterRef, Prefetch, QuerySet, Subquery

from crossnote.core.sql import planned_cursor
from crossnote.messaging.models import Conversation, HiddenMessage, Message, Participant
from crossnote.social.models import Follow
from crossnote.social.selectors import blocked_ids


def conversations_for(user, *, requests: bool = False) -> QuerySet[Participant]:
    """`user`'s conversations (or message requests), most recent first, with the people in them."""
    state = Participant.State.REQUEST if requests else Participant.State.ACTIVE
    rows = (
        Participant.objects.filter(user=user, state=state)
        .select_related("conversation")
        .prefetch_related(
            Prefetch(
                "conversation__participants",
                queryset=Participant.objects.select_related("user").exclude(
                    state=Participant.State.LEFT
                ),
            )
        )
        .order_by("-conversation__last_message_at", "-pk")
    )
    latest = (
        visible_messages(user)
        .filter(conversation=OuterRef("conversation"), unsent_at__isnull=True)
        .order_by("-id")
        .values("body")[:1]
    )
    return rows.annotate(
        unread=_unread_subquery(user),
        last_body=Subquery(latest),
        last_sender_id=Subquery(latest.values("sender_id")),
        last_scam_signals=Subquery(latest.values("scam_signals")),
    )


def label_rows(user, rows) -> list[Participant]:
    """Inbox rows ready to show: `others`, the names of the other people in the conversation,
    and `preview_warned`, whether the last message's preview needs the scam warning the message
    itself carries (someone else's, flagged, from a person `user` does not follow)."""
    rows = list(rows)
    flagged = {
        r.last_sender_id for r in rows if r.last_scam_signals and r.last_sender_id != user.pk
    }
    followed = set(
        Follow.objects.filter(follower=user, followee_id__in=flagged).values_list(
            "followee_id", flat=True
        )
    )
    for row in rows:
        people = row.conversation.participants.all()
        # A closed (waiting for deletion) or suspended account is not named (as everywhere).
        row.others = [p.user.shown_name for p in people if p.user_id != user.pk]
        row.preview_warned = bool(
            row.last_scam_signals
            and row.last_sender_id != user.pk
            and row.last_sender_id not in followed
        )
    return rows


def _unread_subquery(user):
    unread = (
        visible_messages(user)
        .filter(conversation=OuterRef("conversation"), id__gt=OuterRef("last_read_id"))
        .exclude(sender=user)
        .values("conversation")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Subquery(unread[:1])


def visible_messages(user) -> QuerySet[Message]:
    """Messages `user` sees: not deleted-for-me, not from someone blocked either way (groups)."""
    hidden = HiddenMessage.objects.filter(message=OuterRef("pk"), user=user)
    rows = Message.objects.exclude(Exists(hidden)).exclude(safety=Message.Safety.REMOVED)
    blocked = blocked_ids(user)
    return rows.exclude(sender_id__in=blocked) if blocked else rows


def messages_in(user, conversation_id: int, *, after: int = 0, before: int = 0, limit: int = 50):
    """Up to `limit` messages of a conversation, oldest first (after/before: message ids)."""
    rows = visible_messages(user).filter(conversation_id=conversation_id)
    rows = rows.select_related("sender", "reply_to", "reply_to__sender")
    if after:
        return list(rows.filter(id__gt=after).order_by("id")[:limit])
    if before:
        rows = rows.filter(id__lt=before)
    return list(reversed(rows.order_by("-id")[:limit]))


def unread_total(user) -> int:
    """Unread messages in `user`'s accepted conversations (the nav badge)."""
    if not getattr(user, "is_authenticated", False):
        return 0
    last_read = Participant.objects.filter(conversation=OuterRef("conversation"), user=user).values(
        "last_read_id"
    )[:1]
    active = Participant.objects.filter(user=user, state=Participant.State.ACTIVE).values(
        "conversation_id"
    )
    return (
        visible_messages(user)
        .filter(conversation_id__in=active, unsent_at__isnull=True)
        .exclude(sender=user)
        .filter(id__gt=Subquery(last_read))
        .count()
    )


def request_count(user) -> int:
    if not getattr(user, "is_authenticated", False):
        return 0
    return Participant.objects.filter(user=user, state=Participant.State.REQUEST).count()


def badge_count(user) -> int:
    """Unread messages plus message requests (the nav badge on every page): one query for the
    many who have no accepted conversation, and only then the count of unread messages."""
    if not getattr(user, "is_authenticated", False):
        return 0
    active, requests = _conversation_states(user.pk)
    if not active:
        return requests
    return unread_total(user) + requests


def _states_sql() -> str:
    """How many of a person's conversations are accepted and how many are requests, as constant
    SQL (crossnote.core.sql): it runs on every signed-in page, where building the ORM's
    aggregate cost more than the index look-up it asks for (0.7 of a note page's ~7 ms)."""
    table = connection.ops.quote_name(Participant._meta.db_table)
    counts = "COALESCE(SUM(CASE WHEN state = %s THEN 1 ELSE 0 END), 0)"
    return f"SELECT {counts}, {counts} FROM {table} WHERE user_id = %s"  # noqa: S608 - quoted name


def _conversation_states(user_id: int) -> tuple[int, int]:
    """(accepted conversations, message requests) of one person."""
    params = [Participant.State.ACTIVE.value, Participant.State.REQUEST.value, user_id]
    with planned_cursor(connection) as cursor:
        cursor.execute(_states_sql(), params)
        active, requests = cursor.fetchone()
    return int(active), int(requests)


def followed_among(user, people) -> set[int]:
    """Ids of `people` whom `user` follows (messages from the others are screened for them)."""
    ids = [p.pk for p in people]
    return set(
        Follow.objects.filter(follower=user, followee_id__in=ids).values_list(
            "followee_id", flat=True
        )
    )


def read_positions(conversation: Conversation, viewer, *, viewer_shares: bool) -> dict[int, int]:
    """{user id: last read message id} of the others who share read receipts, for a viewer who
    shares theirs (read receipts are mutual: turning yours off hides others' from you too)."""
    if not viewer_shares:
        return {}
    from crossnote.messaging.models import MessagingPreferences

    rows = conversation.participants.exclude(user=viewer).values_list("user_id", "last_read_id")
    private = set(
        MessagingPreferences.objects.filter(
            user_id__in=[u for u, _r in rows], read_receipts=False
        ).values_list("user_id", flat=True)
    )
    return {user_id: last for user_id, last in rows if user_id not in private}


def message_payload(message: Message) -> dict:
    """The viewer-neutral JSON of one message (API, sockets): an unsent message keeps no text."""
    unsent = message.is_unsent
    return {
        "id": message.pk,
        "conversation": message.conversation_id,
        "sender": message.sender.username,
        "sender_name": message.sender.shown_name,
        "body": "" if unsent else message.body,
        "language": "" if unsent else message.language,
        "image_url": None if unsent or not message.image else image_url(message),
        "reply_to": message.reply_to_id,
        "created_at": message.created_at.isoformat(),
        "unsent": unsent,
        "safety": message.safety,
        "scam_signals": [] if unsent else list(message.scam_signals),
    }


def image_url(message: Message) -> str:
    from django.urls import reverse

    return reverse("messaging:image", args=[message.pk])
