"""Messaging's part of a person's export and erasure (crossnote.core.data_rights).

Export (GDPR Art. 15/20): every conversation the person is in, with the messages they can see
(their own and those they received; deleted-for-me and unsent ones are left out), under
`moderation.other.messages` of data.json (where archives of format version 1 have it).
Erasure: the messages they sent (images included), their participation, preferences,
delete-for-me marks and reports go; cached translations of their messages are dropped, and
review items about their messages lose the text; the others keep their own messages, and a
conversation they started stays for the others (its `created_by` is set to none).
"""

import hashlib

from crossnote.core.data_rights import delete_files_after_commit, register
from crossnote.core.data_rights import iso as _iso
from crossnote.language.models import Translation
from crossnote.messaging.models import (
    Conversation,
    HiddenMessage,
    Message,
    MessageReport,
    MessagingPreferences,
    Participant,
)
from crossnote.messaging.selectors import visible_messages
from crossnote.moderation.models import ReviewItem

COVERS = tuple(
    model._meta.label
    for model in (
        Conversation,
        HiddenMessage,
        Message,
        MessageReport,
        MessagingPreferences,
        Participant,
    )
)


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
    reports = MessageReport.objects.filter(reporter=user).prefetch_related("messages")
    return {
        "preferences": {
            "who_may_message": prefs.who_may_message if prefs else "everyone",
            "read_receipts": prefs.read_receipts if prefs else True,
        },
        "conversations": conversations,
        "reports_filed": [
            {
                "conversation": r.conversation_id,
                "messages": sorted(m.pk for m in r.messages.all()),
                "reason": r.reason,
                "text": r.text,
                "created_at": _iso(r.created_at),
            }
            for r in reports.order_by("pk")
        ],
    }


def export(user, media: dict[str, str]) -> dict:
    return {"moderation": {"other": {"messages": export_messages(user)}}}


def erase(user) -> None:
    """Called inside privacy's erasure transaction, before the account row goes."""
    sent = Message.objects.filter(sender=user)
    texts = {b for b in sent.values_list("body", flat=True) if b and b.strip()}
    Translation.objects.filter(
        text_hash__in={hashlib.sha256(t.encode()).hexdigest() for t in texts}
    ).delete()
    # Reports quoting their messages keep the decision but not their words.
    ReviewItem.objects.filter(kind="message", author=user).update(content_text="", author=None)
    files = [name for name in sent.exclude(image="").values_list("image", flat=True) if name]
    sent.delete()
    HiddenMessage.objects.filter(user=user).delete()
    MessageReport.objects.filter(reporter=user).delete()
    Participant.objects.filter(user=user).delete()
    MessagingPreferences.objects.filter(user=user).delete()
    delete_files_after_commit(files)


register("messaging", order=70, export=export, erase=erase, covers=COVERS)
