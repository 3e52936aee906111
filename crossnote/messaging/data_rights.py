"""Messages in a person's data export, and what goes when an account is erased.

Export (GDPR Art. 15/20): every conversation the person is in, with the messages they can see
(their own and those they received; deleted-for-me and unsent ones are left out), under
`moderation.other.messages` of data.json (privacy's `export_sections` hook).
Erasure: the messages they sent (images included), their participation, preferences and reports
go; cached translations of their messages are dropped; the others keep their own messages.
"""

import hashlib

from django.core.files.storage import default_storage
from django.db import transaction

from crossnote.messaging.models import Message, MessagingPreferences, Participant
from crossnote.messaging.selectors import visible_messages


def _iso(value):
    return value.isoformat() if value else None


def export_messages(user) -> dict:
    rows = Participant.objects.filter(user=user).select_related("conversation").order_by("pk")
    conversations = []
    for row in rows:
        conversation = row.conversation
        people = conversation.participants.select_related("user").order_by("pk")
        messages = (
            visible_messages(user)
            .filter(conversation=conversation, unsent_at__isnull=True)
            .select_related("sender")
            .order_by("id")
        )
        conversations.append(
            {
                "id": conversation.pk,
                "kind": conversation.kind,
                "title": conversation.title,
                "state": row.state,
                "people": [p.user.username for p in people],
                "messages": [
                    {
                        "id": m.pk,
                        "sender": m.sender.username,
                        "body": m.body,
                        "image": bool(m.image),
                        "reply_to": m.reply_to_id,
                        "created_at": _iso(m.created_at),
                    }
                    for m in messages
                ],
            }
        )
    prefs = MessagingPreferences.objects.filter(user=user).first()
    return {
        "preferences": {
            "who_may_message": prefs.who_may_message if prefs else "everyone",
            "read_receipts": prefs.read_receipts if prefs else True,
        },
        "conversations": conversations,
    }


def erase_messages(user) -> None:
    """Called inside privacy's erasure transaction, before the account row goes."""
    from crossnote.language.models import Translation
    from crossnote.moderation.models import ReviewItem

    sent = Message.objects.filter(sender=user)
    texts = {b for b in sent.values_list("body", flat=True) if b and b.strip()}
    Translation.objects.filter(
        text_hash__in={hashlib.sha256(t.encode()).hexdigest() for t in texts}
    ).delete()
    # Reports quoting their messages keep the decision but not their words.
    ReviewItem.objects.filter(kind="message", author=user).update(content_text="", author=None)
    files = [name for name in sent.exclude(image="").values_list("image", flat=True) if name]
    sent.delete()
    Participant.objects.filter(user=user).delete()
    MessagingPreferences.objects.filter(user=user).delete()
    transaction.on_commit(lambda: [default_storage.delete(name) for name in files])
