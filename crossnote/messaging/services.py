"""Message writes: preferences, conversations and requests, sending (with screening for
strangers), unsend, delete-for-me, read positions, per-conversation translation, blocks.

Every write is atomic and pushes its real-time events after commit (crossnote.messaging.realtime).
"""

import time
import uuid
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from crossnote.core import hooks
from crossnote.core.errors import (
    ContentBlocked,
    InvalidInput,
    NotFound,
    PermissionDenied,
    RateLimited,
)
from crossnote.core.images import process_image
from crossnote.language.detection import detection_fields
from crossnote.language.services import translate_text
from crossnote.messaging import policies, realtime, selectors
from crossnote.messaging.models import (
    BODY_MAX,
    GROUP_MAX,
    Conversation,
    HiddenMessage,
    Message,
    MessagingPreferences,
    Participant,
    WhoMayMessage,
)

MESSAGE_IMAGE_VARIANTS = {"large": 1280}


# --- preferences -------------------------------------------------------------------------------


def set_preferences(
    *, user, who_may_message: str | None = None, read_receipts: bool | None = None
) -> MessagingPreferences:
    """Change who may message `user` and whether they send read receipts."""
    if who_may_message is not None and who_may_message not in WhoMayMessage.values:
        raise InvalidInput(_("Choose everyone, following or nobody."), field="who_may_message")
    with transaction.atomic():
        prefs, _created = MessagingPreferences.objects.get_or_create(user=user)
        if who_may_message is not None:
            prefs.who_may_message = who_may_message
        if read_receipts is not None:
            prefs.read_receipts = bool(read_receipts)
        prefs.save()
    return prefs


# --- conversations -----------------------------------------------------------------------------


def _direct_key(a, b) -> str:
    low, high = sorted((a.pk, b.pk))
    return f"{low}:{high}"


def start_conversation(*, sender, recipients, title: str = "") -> Conversation:
    """Open a conversation with one person (the same one again if it exists) or a group (up to
    GROUP_MAX people). Each recipient's choice of who may message them is respected; people who do
    not follow the sender get it in their Requests."""
    people = {r.pk: r for r in recipients if r.pk != sender.pk}
    if not people:
        raise InvalidInput(_("Choose someone to message."), field="recipients")
    if len(people) + 1 > GROUP_MAX:
        raise InvalidInput(
            _("A group can have at most %(n)d people.") % {"n": GROUP_MAX}, field="recipients"
        )
    title = (title or "").strip()[:80]
    if len(people) == 1:
        return _direct(sender, next(iter(people.values())))
    states = {pk: policies.initial_state(sender, person) for pk, person in people.items()}
    with transaction.atomic():
        conversation = Conversation.objects.create(
            kind=Conversation.Kind.GROUP, title=title, created_by=sender
        )
        Participant.objects.create(conversation=conversation, user=sender, last_read_id=0)
        Participant.objects.bulk_create(
            Participant(conversation=conversation, user_id=pk, state=state)
            for pk, state in states.items()
        )
    return conversation


def people_named(usernames) -> list:
    """The active accounts with these usernames (a leading @ allowed); NotFound names the first
    one missing."""
    names = sorted({(n or "").strip().lstrip("@") for n in usernames} - {""})
    people = list(get_user_model().objects.filter(username__in=names, is_active=True))
    missing = set(names) - {p.username for p in people}
    if missing:
        raise NotFound(
            _("No one is called @%(name)s.") % {"name": sorted(missing)[0]}, field="recipients"
        )
    return people


def open_conversation(*, sender, usernames, title: str = "", body: str = "") -> Conversation:
    """Start a conversation with the people named, with an optional first message, in one
    transaction (the page and the API both call this)."""
    people = people_named(usernames)
    with transaction.atomic():
        conversation = start_conversation(sender=sender, recipients=people, title=title)
        if (body or "").strip():
            send_message(sender=sender, conversation_id=conversation.pk, body=body)
    return conversation


def add_members(*, user, conversation_id: int, usernames) -> list[Participant]:
    """An active member adds people to a group (GROUP_MAX people in all). Each newcomer's choice
    of who may message them is respected as when a group starts (people who do not follow the
    adder get it in their Requests); someone who left or declined is asked again; people
    already in are skipped. Returns the rows of the people added."""
    row = policies.membership(user, conversation_id)
    conversation = row.conversation
    if conversation.kind != Conversation.Kind.GROUP:
        raise InvalidInput(
            _("People can be added to groups only: start a group to talk with several people."),
            field="usernames",
        )
    if row.state != Participant.State.ACTIVE:
        raise PermissionDenied(_("Accept this conversation before adding people to it."))
    people = [p for p in people_named(usernames) if p.pk != user.pk]
    if not people:
        raise InvalidInput(_("Choose someone to add."), field="usernames")
    inside = (Participant.State.ACTIVE, Participant.State.REQUEST)
    with transaction.atomic():
        rows = {
            p.user_id: p
            for p in Participant.objects.select_for_update().filter(conversation=conversation)
        }
        joining = [p for p in people if p.pk not in rows or rows[p.pk].state not in inside]
        members = sum(1 for p in rows.values() if p.state in inside)
        if members + len(joining) > GROUP_MAX:
            raise InvalidInput(
                _("A group can have at most %(n)d people.") % {"n": GROUP_MAX}, field="usernames"
            )
        states = {p.pk: policies.initial_state(user, p) for p in joining}
        latest = conversation.messages.order_by("-pk").values_list("pk", flat=True).first() or 0
        added = []
        for person in joining:
            again = rows.get(person.pk)
            if again is not None:
                again.state = states[person.pk]
                again.save(update_fields=["state", "updated_at"])
                added.append(again)
            else:
                added.append(
                    Participant.objects.create(
                        conversation=conversation,
                        user=person,
                        state=states[person.pk],
                        last_read_id=latest,
                    )
                )
        conversation.save(update_fields=["updated_at"])
    push_counts([p.user_id for p in added])
    return added


def _direct(sender, recipient) -> Conversation:
    existing = Conversation.objects.filter(direct_key=_direct_key(sender, recipient)).first()
    if existing is not None:
        theirs = existing.participants.filter(user=recipient).first()
        if policies.is_blocked_between(sender, recipient):
            raise PermissionDenied(_("You cannot message this person."))
        if theirs is not None and theirs.state == Participant.State.DECLINED:
            raise PermissionDenied(_("This person declined your message request."))
        return existing
    state = policies.initial_state(sender, recipient)
    try:
        with transaction.atomic():
            conversation = Conversation.objects.create(
                kind=Conversation.Kind.DIRECT,
                created_by=sender,
                direct_key=_direct_key(sender, recipient),
            )
            Participant.objects.bulk_create(
                [
                    Participant(conversation=conversation, user=sender),
                    Participant(conversation=conversation, user=recipient, state=state),
                ]
            )
    except IntegrityError:  # both opened it at the same moment
        return Conversation.objects.get(direct_key=_direct_key(sender, recipient))
    return conversation


def _answer_request(user, conversation_id: int, state: str) -> Participant:
    row = policies.membership(user, conversation_id)
    if row.state != Participant.State.REQUEST:
        raise InvalidInput(_("This is not a message request."))
    row.state = state
    row.save(update_fields=["state", "updated_at"])
    _push_counts([user.pk])
    return row


def accept_request(*, user, conversation_id: int) -> Participant:
    """Move a message request into the inbox."""
    return _answer_request(user, conversation_id, Participant.State.ACTIVE)


def decline_request(*, user, conversation_id: int) -> Participant:
    """Decline a request: it leaves the Requests folder and its sender cannot write again."""
    return _answer_request(user, conversation_id, Participant.State.DECLINED)


def leave_conversation(*, user, conversation_id: int) -> None:
    """Leave a group (a direct conversation ends by blocking instead)."""
    row = policies.membership(user, conversation_id)
    if row.conversation.kind != Conversation.Kind.GROUP:
        raise InvalidInput(_("You can leave groups only; block someone to end a conversation."))
    row.state = Participant.State.LEFT
    row.save(update_fields=["state", "updated_at"])


def set_auto_translate(*, user, conversation_id: int, on: bool) -> Participant:
    """Translate the others' messages in this conversation into `user`'s language automatically."""
    row = policies.membership(user, conversation_id)
    row.auto_translate = bool(on)
    row.save(update_fields=["auto_translate", "updated_at"])
    return row


def end_conversations_between(a_id: int, b_id: int) -> int:
    """A block ends the direct conversation of two people (both ways) and any pending request."""
    key = f"{min(a_id, b_id)}:{max(a_id, b_id)}"
    ended = 0
    with transaction.atomic():
        for conversation in Conversation.objects.filter(direct_key=key, ended_at__isnull=True):
            conversation.ended_at = timezone.now()
            conversation.save(update_fields=["ended_at", "updated_at"])
            ended += 1
            realtime.push([a_id, b_id], {"event": "ended", "conversation": conversation.pk})
    return ended


# --- sending -----------------------------------------------------------------------------------


def check_stranger_rate(sender) -> None:
    """At most CROSSNOTE_STRANGER_MESSAGES_PER_HOUR messages an hour to people who do not follow
    the sender, counted in the shared cache (every process and thread sees the same count)."""
    limit = settings.CROSSNOTE_STRANGER_MESSAGES_PER_HOUR
    now = time.time()
    key = f"messaging:strangers:{sender.pk}:{int(now // 3600)}"
    cache.add(key, 0, timeout=3700)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=3700)
        count = 1
    if count > limit:
        raise RateLimited(
            _(
                "You have sent %(n)d messages this hour to people who don't follow you; "
                "try again later."
            )
            % {"n": limit},
            retry_after=int(3600 - now % 3600),
        )


def _screen(sender, body: str) -> dict:
    """The moderation pipeline and scam signals, for a message to someone who does not follow
    the sender. A `remove` verdict refuses the message; softer ones show it with a warning."""
    from crossnote.messaging.moderation import screen_message

    return screen_message(sender=sender, body=body)


def _store_image(upload, sender) -> dict:
    processed = process_image(upload, variants=MESSAGE_IMAGE_VARIANTS)
    refusals = hooks.collect(hooks.SCREEN_IMAGES, images=[processed], author=sender)
    if refusals:
        raise ContentBlocked(refusals[0])
    variant = processed.variants["large"]
    # An unguessable name: message images are private and served through a checked view.
    name = default_storage.save(
        f"messages/{uuid.uuid4().hex}.{variant.extension}", ContentFile(variant.content)
    )
    return {
        "image": name,
        "image_width": variant.width,
        "image_height": variant.height,
        "image_blurhash": processed.blurhash,
        "image_pdq": processed.pdq,
    }


def send_message(
    *, sender, conversation_id: int, body: str = "", image=None, reply_to: int | None = None
) -> Message:
    """Write a message; a reply from someone whose Requests hold the conversation accepts it."""
    body = (body or "").strip()
    if not body and image is None:
        raise InvalidInput(_("Write a message or add an image."), field="body")
    if len(body) > BODY_MAX:
        raise InvalidInput(
            _("A message can be at most %(n)d characters.") % {"n": BODY_MAX}, field="body"
        )
    row = policies.membership(sender, conversation_id)
    policies.check_can_send(row)
    conversation = row.conversation
    others = list(
        conversation.participants.exclude(user=sender)
        .exclude(state__in=[Participant.State.LEFT, Participant.State.DECLINED])
        .select_related("user")
    )
    if not others and conversation.kind == Conversation.Kind.DIRECT:
        raise PermissionDenied(_("This person declined your message request."))
    reply = None
    if reply_to:
        reply = Message.objects.filter(pk=reply_to, conversation=conversation).first()
        if reply is None:
            raise InvalidInput(_("You can reply only to a message of this conversation."))
    strangers = [p for p in others if not selectors.followed_among(p.user, [sender])]
    if strangers:
        check_stranger_rate(sender)
    screening = _screen(sender, body) if strangers and body else {}
    stored = _store_image(image, sender) if image is not None else {}
    try:
        with transaction.atomic():
            message = Message.objects.create(
                conversation=conversation,
                sender=sender,
                body=body,
                reply_to=reply,
                screened=bool(strangers),
                **screening,
                **stored,
                **detection_fields(body),
            )
            Conversation.objects.filter(pk=conversation.pk).update(
                last_message_at=message.created_at
            )
            if row.state == Participant.State.REQUEST:
                row.state = Participant.State.ACTIVE
            row.last_read_id = message.pk
            row.save(update_fields=["state", "last_read_id", "updated_at"])
            recipients = [p.user_id for p in others]
            event = {"event": "message", "conversation": conversation.pk}
            event["message"] = selectors.message_payload(message)
            # Pages refresh their badge on this event (GET /messages/counts/): counting here
            # for every recipient would slow every send.
            realtime.push([sender.pk, *recipients], event)
    except BaseException:
        if stored:  # the file was written before the transaction that failed
            default_storage.delete(stored["image"])
        raise
    return message


def _own_message(user, message_id: int) -> tuple[Message, Participant]:
    message = Message.objects.select_related("conversation").filter(pk=message_id).first()
    if message is None:
        raise NotFound(_("No such message."))
    row = policies.membership(user, message.conversation_id)
    return message, row


def unsend_message(*, user, message_id: int) -> Message:
    """Take a message back for everyone, within CROSSNOTE_UNSEND_MINUTES of sending it."""
    message, _row = _own_message(user, message_id)
    if message.sender_id != user.pk:
        raise PermissionDenied(_("You can unsend only your own messages."))
    if message.is_unsent:
        return message
    window = timedelta(minutes=settings.CROSSNOTE_UNSEND_MINUTES)
    if timezone.now() - message.created_at > window:
        raise PermissionDenied(
            _("Messages can be unsent within %(n)d minutes of sending.")
            % {"n": settings.CROSSNOTE_UNSEND_MINUTES}
        )
    image = message.image.name if message.image else ""
    with transaction.atomic():
        message.unsent_at = timezone.now()
        message.body, message.image, message.scam_signals = "", "", []
        message.language, message.language_parts = "", []
        message.save()
        everyone = message.conversation.participants.values_list("user_id", flat=True)
        realtime.push(
            list(everyone),
            {"event": "unsent", "conversation": message.conversation_id, "id": message.pk},
        )
        if image:
            transaction.on_commit(lambda: default_storage.delete(image))
    return message


def delete_for_me(*, user, message_id: int) -> None:
    """Hide a message from `user` only; the others still see it."""
    message, _row = _own_message(user, message_id)
    HiddenMessage.objects.get_or_create(message=message, user=user)


def mark_read(*, user, conversation_id: int, up_to: int | None = None) -> int:
    """Move `user`'s read position forward (to the newest message by default); read receipts go
    to the others only if `user` shares them."""
    row = policies.membership(user, conversation_id)
    newest = (
        Message.objects.filter(conversation_id=conversation_id)
        .order_by("-id")
        .values_list("id", flat=True)
    ).first() or 0
    target = min(up_to, newest) if up_to else newest
    if target <= row.last_read_id:
        return row.last_read_id
    with transaction.atomic():
        Participant.objects.filter(pk=row.pk, last_read_id__lt=target).update(last_read_id=target)
        if policies.preferences_of(user).read_receipts:
            others = row.conversation.participants.exclude(user=user).values_list(
                "user_id", flat=True
            )
            realtime.push(
                list(others),
                {
                    "event": "read",
                    "conversation": conversation_id,
                    "user": user.username,
                    "up_to": target,
                },
            )
        _push_counts([user.pk])
    return target


def typing(*, user, conversation_id: int) -> list[int]:
    """Tell the others that `user` is typing (no write); returns who was told."""
    row = policies.membership(user, conversation_id)
    others = list(
        row.conversation.participants.exclude(user=user)
        .filter(state=Participant.State.ACTIVE)
        .values_list("user_id", flat=True)
    )
    realtime.send_now(
        others,
        {
            "event": "typing",
            "conversation": conversation_id,
            "user": user.username,
            "name": user.name,
        },
    )
    return others


def _push_counts(user_ids) -> None:
    """After commit, tell these people's open pages that their badges changed; each socket counts
    its own person's unread messages, requests and notifications (consumers.counts_changed)."""
    ids = list(user_ids)
    transaction.on_commit(lambda: realtime.send_now(ids, None, kind="counts_changed"))


def push_counts(user_ids) -> None:
    """Public entry for other events that change a badge (a new notification)."""
    _push_counts(user_ids)


# --- translation -------------------------------------------------------------------------------


def translate_message(*, user, message_id: int, target: str):
    """A message in `target`, for a participant. Message text is private: remote engines only
    if the operator allows them (CROSSNOTE_TRANSLATION_REMOTE_PRIVATE, in translate_text)."""
    message, _row = _own_message(user, message_id)
    if message.is_unsent or not message.body.strip():
        raise InvalidInput(_("This message has no text to translate."))
    if not selectors.visible_messages(user).filter(pk=message.pk).exists():
        raise NotFound(_("No such message."))
    return translate_text(message.body, target, private=True)
