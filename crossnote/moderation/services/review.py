"""Human review: reports, the queue, claim and release, a moderator's decision on an item.

The moderator's decision is final; the AI's suggestion is recorded beside it so disagreement can
be measured and learned from. Every action writes an append-only audit entry. Appeals: see
services.appeals."""

import math

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from crossnote.core.errors import Conflict, InvalidInput, NotFound, PermissionDenied
from crossnote.moderation import engine, roles, selectors
from crossnote.moderation.categories import BUILT_IN
from crossnote.moderation.models import Action, Decision, Report, ReviewItem
from crossnote.moderation.services.enforcement import (
    apply_state,
    audit,
    lift_strikes,
    statement_for_author,
    strike,
    withhold_note,
)
from crossnote.notes.policies import viewer_region
from crossnote.social.models import Notification
from crossnote.social.services import notify

HUMAN_ACTIONS = ("approve", "label", "limit", "withhold", "remove", "escalate")
# Decisions that restrict content or keep a restriction on appeal: the author's statement of
# reasons gives the moderator's reason as its facts ("Facts: —" without one). Approve, escalate
# and reverse need none.
REASON_NEEDED = frozenset({"label", "limit", "withhold", "remove", "uphold"})
SEVERITY_OF = {
    Action.REMOVE: 1.0,
    Action.HOLD: 0.8,
    Action.WITHHOLD: 0.7,
    Action.LIMIT: 0.5,
    Action.LABEL: 0.4,
}


def _reach(obj, kind) -> int:
    author = selectors.author_of(obj, kind)
    reach = getattr(author, "follower_count", 0)
    if kind == "note":
        reach += obj.like_count + obj.comment_count
    return reach


def priority(severity: float, reach: int, reports: int = 0) -> float:
    """Severity × expected reach (log-scaled), nudged up by independent reports."""
    return round(severity * math.log2(2 + reach) * (1 + 0.25 * reports), 4)


def open_item(
    *,
    obj,
    kind: str,
    source: str,
    decision=None,
    category="",
    severity=0.5,
    suggested="",
    confidence=0.0,
) -> ReviewItem:
    """Queue content for a human, or merge into the open item about the same content."""
    author = selectors.author_of(obj, kind)
    item = selectors.open_item_about(kind, obj.pk)
    if item is None:
        item = ReviewItem(
            kind=kind,
            object_id=obj.pk,
            author=author,
            source=source,
            category=category,
            language=getattr(obj, "language", "") or getattr(author, "bio_language", ""),
            region=viewer_region(author),
            severity=severity,
            reach=_reach(obj, kind),
            suggested_action=suggested,
            confidence=confidence,
            trigger=decision,
            content_text=selectors.text_of(obj, kind),
        )
    else:
        item.severity = max(item.severity, severity)
        item.category = item.category or category
    reports = item.reports.count() if item.pk else 0
    item.priority = priority(item.severity, item.reach, reports)
    item.save()
    return item


def queue_reported(
    *,
    kind: str,
    object_id: int,
    author,
    reporter,
    reason: str,
    text: str = "",
    language: str = "",
    reach: int = 1,
    verdict=None,
    content_text: str = "",
) -> ReviewItem:
    """A report about something moderation does not own (a private message report): one open
    item about it alone, prioritised like every other, with the reporter's report attached.
    `verdict` (the pipeline's, on the reported text) sets the severity and suggestion."""
    acts = verdict is not None and verdict.acts
    severity = max(0.5, SEVERITY_OF.get(verdict.action, 0.5)) if verdict is not None else 0.5
    confidence = max((s.score for s in verdict.signals), default=0.0) if verdict else 0.0
    item = ReviewItem.objects.create(
        kind=kind,
        object_id=object_id,
        author=author,
        source=ReviewItem.Source.REPORT,
        category=reason,
        language=language,
        region=viewer_region(author),
        severity=severity,
        reach=reach,
        priority=priority(severity, reach, 1),
        suggested_action=verdict.action if acts else Action.ALLOW,
        confidence=confidence,
        content_text=content_text,
    )
    Report.objects.create(
        reporter=reporter, kind=kind, object_id=object_id, reason=reason, text=text, item=item
    )
    return item


def queue_report(
    *,
    kind: str,
    object_id: int,
    author,
    reporter,
    reason: str,
    screened_text: str,
    text: str = "",
    language: str = "",
    reach: int = 1,
    content_text: str = "",
) -> ReviewItem:
    """Another app's report (messaging's reported messages): `screened_text` goes through the
    layers, as a comment by `author` would, and the item is queued with that verdict."""
    _signals, verdict = selectors.screen_text(screened_text, kind="comment", author=author)
    return queue_reported(
        kind=kind,
        object_id=object_id,
        author=author,
        reporter=reporter,
        reason=reason,
        text=text,
        language=language,
        reach=reach,
        verdict=verdict,
        content_text=content_text,
    )


def queue_automated(*, obj, kind: str, verdict, decision) -> ReviewItem:
    """Automated hold, label or limit: a human confirms or corrects it."""
    confidence = max((s.score for s in verdict.signals), default=0.0)
    return open_item(
        obj=obj,
        kind=kind,
        source=ReviewItem.Source.AUTOMATED,
        decision=decision,
        category=verdict.category,
        severity=SEVERITY_OF.get(verdict.action, 0.5) * confidence,
        suggested=verdict.action,
        confidence=confidence,
    )


def report_content(*, reporter, kind: str, object_id: int, reason: str, text: str = "") -> Report:
    """A reader reports a note, comment or profile: one report per reader per item."""
    if kind not in selectors.REPORTABLE_KINDS:
        raise InvalidInput(_("You can report a note, a comment or a profile."), field="kind")
    if reason not in BUILT_IN:
        raise InvalidInput(_("Choose a reason from the list."), field="reason")
    obj = selectors.reportable(reporter, kind, object_id)
    signals, verdict = selectors.screen_text(
        selectors.text_of(obj, kind),
        kind=kind,
        language=getattr(obj, "language", ""),  # as when it was written: same layers, same scores
        author=selectors.author_of(obj, kind),
    )
    with transaction.atomic():
        try:
            report = Report.objects.create(
                reporter=reporter,
                kind=kind,
                object_id=obj.pk,
                reason=reason,
                text=(text or "").strip()[:1000],
            )
        except IntegrityError:
            raise Conflict(_("You have already reported this.")) from None
        # The strongest score any layer gave, even when no policy acted on it: a report of a
        # comment the classifier scored 0.68 says so, not "allow · 0.00".
        item = open_item(
            obj=obj,
            kind=kind,
            source=ReviewItem.Source.REPORT,
            category=reason,
            severity=max(0.5, SEVERITY_OF.get(verdict.action, 0.5)),
            suggested=verdict.action if verdict.acts else Action.ALLOW,
            confidence=engine.top_score(signals),
        )
        report.item = item
        report.save(update_fields=["item"])
    return report


def locked_item(item_id, moderator=None) -> ReviewItem:
    """The item, locked. Someone who is no moderator is refused before the look-up, so the
    answer (403) does not tell which items exist."""
    if moderator is not None and not roles.is_moderator(moderator):
        raise PermissionDenied(_("Only moderators can review items."))
    item = ReviewItem.objects.select_for_update().filter(pk=item_id).first()
    if item is None:
        raise NotFound(_("No such review item."))
    return item


def claim_item(*, item_id: int, moderator) -> ReviewItem:
    """Claim an item so no one else decides it at the same time."""
    with transaction.atomic():
        item = locked_item(item_id, moderator)
        if not roles.can_take(moderator, item):
            raise PermissionDenied(_("This item is not yours to decide."))
        if item.status == ReviewItem.Status.DECIDED:
            raise Conflict(_("This item has already been decided."))
        if item.claimed_by_id and item.claimed_by_id != moderator.pk:
            raise Conflict(_("Another moderator is working on this item."))
        item.status, item.claimed_by, item.claimed_at = (
            ReviewItem.Status.CLAIMED,
            moderator,
            timezone.now(),
        )
        item.save(update_fields=["status", "claimed_by", "claimed_at"])
        audit(moderator, "claim", f"item:{item.pk}")
    return item


def release_item(*, item_id: int, moderator) -> ReviewItem:
    """Give a claimed item back to the queue."""
    with transaction.atomic():
        item = locked_item(item_id, moderator)
        if item.claimed_by_id != moderator.pk:
            raise Conflict(_("You have not claimed this item."))
        item.status, item.claimed_by, item.claimed_at = ReviewItem.Status.OPEN, None, None
        item.save(update_fields=["status", "claimed_by", "claimed_at"])
        audit(moderator, "release", f"item:{item.pk}")
    return item


def decide_item(
    *, item_id: int, moderator, action: str, reason: str = "", regions=(), legal_basis: str = ""
) -> ReviewItem:
    """A moderator's final decision on an item (appeals: see appeals.decide_appeal)."""
    if action not in HUMAN_ACTIONS:
        raise InvalidInput(_("Unknown decision “%(a)s”.") % {"a": action}, field="action")
    with transaction.atomic():
        item = locked_item(item_id, moderator)
        if item.appeal_id:
            raise InvalidInput(_("This is an appeal; decide it as an appeal."))
        check_decidable(item, moderator)
        require_reason(action, reason)
        obj = selectors.content_for(item.kind, item.object_id)
        if obj is None:
            raise NotFound(_("That content no longer exists."))
        if action == "escalate":
            return _escalate(item, moderator, reason)
        before = {"state": getattr(obj, "moderation", ""), "suggested": item.suggested_action}
        author = selectors.author_of(obj, item.kind)
        decision = Decision.objects.create(
            kind=item.kind,
            object_id=obj.pk,
            author=author,
            action=Action.ALLOW if action == "approve" else action,
            category=item.category,
            automated=False,
            moderator=moderator,
            ai_action=item.suggested_action,
            signals=item.trigger.signals if item.trigger else [],
            regions=list(regions),
            statement=statement_for_author(
                author,
                action=action,
                kind=item.kind,
                category=item.category,
                automated_detection=item.source == ReviewItem.Source.AUTOMATED,
                automated_decision=False,
                facts=reason,
                legal_basis=legal_basis,
                private=selectors.is_private(item.kind, obj),
            ),
        )
        if action == "withhold" and item.kind == "note":
            withhold_note(note=obj, regions=regions, legal_basis=legal_basis, by=moderator)
        else:
            apply_state(obj, item.kind, action)
        if action == "approve" and item.trigger_id:
            # The automated decision overruled: a policy suspension given on it ends too.
            lift_strikes(item.trigger)
        if action in ("remove", "limit") and item.category in BUILT_IN:
            strike(author, decision)
        close_item(item, moderator, action)
        _tell(item, obj, author)
        audit(
            moderator,
            f"decide:{action}",
            f"{item.kind}:{obj.pk}",
            before,
            # The statement's parts, kept to write it again for a reader of another language.
            {
                "state": action,
                "reason": reason,
                "decision": decision.pk,
                "legal_basis": legal_basis,
            },
        )
    return item


def require_reason(action: str, reason: str) -> None:
    """Refuse a restrictive decision without the reason its author will read (page, API, CLI)."""
    if action in REASON_NEEDED and not (reason or "").strip():
        raise InvalidInput(
            _("Write the reason the author will read: their statement gives it as the facts."),
            field="reason",
        )


def check_decidable(item, moderator) -> None:
    """Refuse a decision on an item that is decided, someone else's, or not this moderator's."""
    if item.status == ReviewItem.Status.DECIDED:
        raise Conflict(_("This item has already been decided."))
    if item.claimed_by_id and item.claimed_by_id != moderator.pk:
        raise Conflict(_("Another moderator is working on this item."))
    if not roles.can_take(moderator, item):
        raise PermissionDenied(_("This item is not yours to decide."))


def _escalate(item, moderator, reason) -> ReviewItem:
    item.needs_senior, item.status, item.claimed_by = True, ReviewItem.Status.OPEN, None
    item.source = ReviewItem.Source.ESCALATION
    item.save(update_fields=["needs_senior", "status", "claimed_by", "source"])
    audit(moderator, "escalate", f"item:{item.pk}", after={"reason": reason})
    return item


def close_item(item, moderator, outcome) -> None:
    """Mark the item decided, and whether the human agreed with the AI's suggestion."""
    suggested = item.suggested_action or Action.ALLOW
    human = Action.ALLOW if outcome == "approve" else outcome
    item.status, item.decided_by, item.decided_at = (
        ReviewItem.Status.DECIDED,
        moderator,
        timezone.now(),
    )
    item.outcome, item.agreed_with_ai = outcome, suggested == human
    item.save()


def _tell(item, obj, author) -> None:
    note = obj if item.kind == "note" else getattr(obj, "note", None)
    comment = obj if item.kind == "comment" else None  # "your comment on …", not "your content"
    notify(
        recipient=author, actor=None, verb=Notification.Verb.MODERATION, note=note, comment=comment
    )
    for report in item.reports.select_related("reporter"):
        notify(
            recipient=report.reporter, actor=None, verb=Notification.Verb.REPORT_DECIDED, note=note
        )
    item.reports.update(status=Report.Status.DECIDED)
