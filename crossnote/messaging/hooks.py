"""Connects messages to the rest: a block ends conversations, a new notification updates the open
pages' badge, and the moderation review queue reaches message reports (crossnote.core.hooks).
Privacy's export and erasure reach messages through the data-rights registry (data_rights.py)."""

from django.db.models.signals import post_save

from crossnote.core import hooks
from crossnote.social.models import Block, Notification


def _block_saved(sender, instance, created, **kwargs):
    if created:
        from crossnote.messaging.services import end_conversations_between

        end_conversations_between(instance.blocker_id, instance.blocked_id)


def _notification_saved(sender, instance, created, **kwargs):
    if created:
        from crossnote.messaging.services import push_counts

        push_counts([instance.recipient_id])


def _review_content(*, kind, object_id):
    from crossnote.messaging.reports import KIND, report_for_review

    return report_for_review(object_id) if kind == KIND else None


def _review_decided(*, kind, obj, action):
    from crossnote.messaging.reports import KIND, apply_decision

    if kind == KIND:
        apply_decision(report=obj, action=action)


def _review_item_viewed(*, viewer, item, obj):
    from crossnote.messaging.reports import KIND, viewed_by_moderator

    if item.kind == KIND:
        viewed_by_moderator(viewer=viewer, report=obj)


def connect() -> None:
    post_save.connect(_block_saved, sender=Block, dispatch_uid="crossnote.messaging.block")
    post_save.connect(
        _notification_saved, sender=Notification, dispatch_uid="crossnote.messaging.notification"
    )
    hooks.register(hooks.REVIEW_CONTENT, _review_content)
    hooks.register(hooks.REVIEW_DECIDED, _review_decided)
    hooks.register(hooks.REVIEW_ITEM_VIEWED, _review_item_viewed)
