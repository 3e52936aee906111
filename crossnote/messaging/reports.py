"""Reporting messages: the reporter picks messages; moderators get those and the few messages
before them for context, as one review item in the existing queue, and nothing else of the
conversation. The reporter is told exactly what is shared. Each moderator view is logged in the
access log of the people whose messages are shown (crossnote.privacy)."""

from django.db import transaction
from django.utils.translation import gettext as _

from crossnote.core import hooks
from crossnote.core.errors import InvalidInput, NotFound
from crossnote.messaging import policies
from crossnote.messaging.models import Message, MessageReport
from crossnote.messaging.selectors import visible_messages
from crossnote.moderation.categories import BUILT_IN
from crossnote.moderation.services import queue_report

CONTEXT_MESSAGES = 3
KIND = "message"


def report_messages(
    *, reporter, conversation_id: int, message_ids, reason: str, text: str = ""
) -> MessageReport:
    """File a report of some messages of a conversation `reporter` is in."""
    policies.membership(reporter, conversation_id)
    if reason not in BUILT_IN:
        raise InvalidInput(_("Choose a reason from the list."), field="reason")
    ids = sorted({int(i) for i in message_ids})
    if not ids or len(ids) > 20:
        raise InvalidInput(_("Choose between 1 and 20 messages to report."), field="message_ids")
    seen = visible_messages(reporter).filter(conversation_id=conversation_id)
    reported = list(seen.filter(pk__in=ids, unsent_at__isnull=True).exclude(sender=reporter))
    if len(reported) != len(ids):
        raise NotFound(_("You can report only others' messages in this conversation."))
    context = list(
        seen.filter(pk__lt=ids[0], unsent_at__isnull=True).order_by("-id")[:CONTEXT_MESSAGES]
    )
    with transaction.atomic():
        report = MessageReport.objects.create(
            reporter=reporter,
            conversation_id=conversation_id,
            reason=reason,
            text=(text or "").strip()[:1000],
        )
        report.messages.set(reported)
        report.context.set(context)
        item = _queue(report, reporter)
        report.review_item_id = item.pk
        report.save(update_fields=["review_item_id"])
    return report


def _queue(report: MessageReport, reporter):
    """One open item in the moderation queue, about this report only."""
    return queue_report(
        kind=KIND,
        object_id=report.pk,
        author=report.author,
        reporter=reporter,
        reason=report.reason,
        screened_text="\n".join(m.body for m in report.messages.all() if m.body),
        text=report.text,
        language=report.language,
        reach=1,  # a private conversation reaches its participants only
        content_text=report.review_text(),
    )


def shared_ids(report: MessageReport) -> list[int]:
    ids = set(report.messages.values_list("pk", flat=True))
    ids |= set(report.context.values_list("pk", flat=True))
    return sorted(ids)


def report_summary(report: MessageReport) -> dict:
    """What the reporter is told: which messages moderators will see."""
    ids = shared_ids(report)
    return {
        "id": report.pk,
        "shared_with_moderators": ids,
        "notice": _(
            "Thank you. Moderators will see only the %(n)d message(s) you reported and the few "
            "just before them for context, not the rest of this conversation."
        )
        % {"n": report.messages.count()},
    }


def report_for_review(object_id: int) -> MessageReport | None:
    return MessageReport.objects.filter(pk=object_id).first()


def viewed_by_moderator(*, viewer, report: MessageReport) -> None:
    """Log a moderator's view of reported messages in the senders' access logs."""
    senders = {
        m.sender for m in Message.objects.filter(pk__in=shared_ids(report)).select_related("sender")
    }
    hooks.collect(
        hooks.PERSONAL_DATA_VIEWED,
        viewer=viewer,
        subjects=list(senders),
        what="reported messages",
        where=f"review: message report {report.pk}",
    )


def apply_decision(*, report: MessageReport, action: str) -> int:
    """A moderator's decision on reported messages: `remove` takes them out of the conversation
    for everyone, `label` puts them behind a content warning; approve changes nothing."""
    state = {"remove": Message.Safety.REMOVED, "label": Message.Safety.LABELLED}.get(action)
    if state is None:
        return 0
    return report.messages.update(safety=state)
