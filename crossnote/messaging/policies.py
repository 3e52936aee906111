"""Who may message whom, who may see or write in a conversation: the one choke point for messages.

Rules (docs/using/messages.md):
- a block between two people ends their direct conversation and stops new ones both ways;
- each person chooses who may start a conversation with them: everyone, people they follow, or
  nobody; a conversation from someone they do not follow lands in their Requests until accepted;
- only participants see a conversation; someone who declined a request or left a group no longer
  does; moderators see only what was reported (crossnote.messaging.reports), never conversations.
"""

from django.utils.translation import gettext as _

from crossnote.core.errors import NotAuthenticated, NotFound, PermissionDenied
from crossnote.messaging.models import (
    Conversation,
    MessagingPreferences,
    Participant,
    WhoMayMessage,
)
from crossnote.social.selectors import is_following
from crossnote.social.services import is_blocked_between


def preferences_of(user) -> MessagingPreferences:
    """Stored preferences, or the defaults (unsaved) for someone who never changed them."""
    prefs = MessagingPreferences.objects.filter(user=user).first()
    return prefs or MessagingPreferences(user=user)


def initial_state(sender, recipient) -> str:
    """The recipient's state in a new conversation from `sender`; raises when not allowed."""
    if not recipient.is_active:
        raise NotFound(_("That account is not available."))
    if sender.pk == recipient.pk:
        raise PermissionDenied(_("You cannot message yourself."))
    if is_blocked_between(sender, recipient):
        raise PermissionDenied(_("You cannot message this person."))
    who = preferences_of(recipient).who_may_message
    follows_sender = is_following(recipient, sender)
    if who == WhoMayMessage.NOBODY:
        raise PermissionDenied(_("%(name)s does not accept messages.") % {"name": recipient.name})
    if who == WhoMayMessage.FOLLOWING and not follows_sender:
        raise PermissionDenied(
            _("%(name)s accepts messages only from people they follow.") % {"name": recipient.name}
        )
    return Participant.State.ACTIVE if follows_sender else Participant.State.REQUEST


def membership(user, conversation_id) -> Participant:
    """`user`'s row in a conversation they may see; NotFound otherwise (no existence leak)."""
    if not getattr(user, "is_authenticated", False):
        raise NotAuthenticated()
    row = (
        Participant.objects.select_related("conversation")
        .filter(
            conversation_id=conversation_id,
            user=user,
            state__in=[Participant.State.ACTIVE, Participant.State.REQUEST],
        )
        .first()
    )
    if row is None:
        raise NotFound(_("No such conversation."))
    return row


def others_in(conversation: Conversation, user) -> list:
    """The other people still in a conversation (any state but left)."""
    return [
        p.user
        for p in conversation.participants.select_related("user").exclude(user=user)
        if p.state != Participant.State.LEFT
    ]


def check_can_send(participant: Participant) -> None:
    """Raise unless `participant` may write in their conversation now."""
    conversation = participant.conversation
    if conversation.ended_at is not None:
        raise PermissionDenied(_("This conversation has ended."))
    if conversation.kind == Conversation.Kind.DIRECT:
        for other in others_in(conversation, participant.user):
            if is_blocked_between(participant.user, other):
                raise PermissionDenied(_("This conversation has ended."))
            if not other.is_active:
                raise PermissionDenied(_("That account is not available."))
