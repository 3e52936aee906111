"""Human review: reports, the queue, claim/release, decisions, appeals, strikes, the audit log.

The moderator's decision is final; the AI's suggestion is recorded beside it so disagreement can
be measured and learned from. Every action writes an append-only audit entry.
"""

import math
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from crossnote.core.errors import Conflict, InvalidInput, NotFound, PermissionDenied
from crossnote.moderation import policies
from crossnote.moderation.categories import BUILT_IN
from crossnote.moderation.models import (
    Action,
    Appeal,
    AuditEntry,
    Decision,
    Report,
    ReviewItem,
    Strike,
    Suspension,
)
from crossnote.notes.models import Comment, ModerationState, Note
from crossnote.notes.policies import viewer_region
from crossnote.security.sessions import end_all_sessions
from crossnote.social.models import Notification
from crossnote.social.services import notify

HUMAN_ACTIONS = ("approve", "label", "limit", "withhold", "remove", "escalate")
ACTION_WORDS = {
    "approve": gettext_lazy("approved, nothing restricted"),
    "label": gettext_lazy("shown behind a content warning"),
    "limit": gettext_lazy("not recommended to others"),
    "withhold": gettext_lazy("withheld in some regions"),
    "remove": gettext_lazy("removed"),
}
# What a statement of reasons calls each kind of content (messages come from crossnote.messaging).
KIND_WORDS = {**dict(Decision.Kind.choices), "message": gettext_lazy("message")}
SEVERITY_OF = {
    Action.REMOVE: 1.0,
    Action.HOLD: 0.8,
    Action.WITHHOLD: 0.7,
    Action.LIMIT: 0.5,
    Action.LABEL: 0.4,
}
STATE_OF = {
    "approve": ModerationState.VISIBLE,
    "label": ModerationState.LABELLED,
    "limit": ModerationState.LIMITED,
    "remove": ModerationState.REMOVED,
}


def audit(actor, action: str, target: str, before=None, after=None) -> AuditEntry:
    return AuditEntry.objects.create(
        actor=actor,
        actor_name=getattr(actor, "username", "system") or "system",
        action=action,
        target=target,
        before=before or {},
        after=after or {},
    )


def content_for(kind: str, object_id: int):
    """The note, comment or user an item is about (None when it is gone)."""
    from crossnote.accounts.models import User

    model = {"note": Note, "comment": Comment, "profile": User}.get(kind)
    if model is None:  # another app's reviewable object, e.g. a message report (messaging)
        from crossnote.core import hooks

        found = hooks.collect(hooks.REVIEW_CONTENT, kind=kind, object_id=object_id)
        return found[0] if found else None
    return model.objects.filter(pk=object_id).first()


def _author_of(obj, kind):
    return obj if kind == "profile" else obj.author


def _reach(obj, kind) -> int:
    author = _author_of(obj, kind)
    reach = getattr(author, "follower_count", 0)
    if kind == "note":
        reach += obj.like_count + obj.comment_count
    return reach


def _priority(severity: float, reach: int, reports: int = 0) -> float:
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
    from crossnote.moderation.services import text_of

    author = _author_of(obj, kind)
    item = ReviewItem.objects.filter(
        kind=kind,
        object_id=obj.pk,
        status__in=[ReviewItem.Status.OPEN, ReviewItem.Status.CLAIMED],
        appeal__isnull=True,
    ).first()
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
            content_text=text_of(obj, kind),
        )
    else:
        item.severity = max(item.severity, severity)
        item.category = item.category or category
    reports = item.reports.count() if item.pk else 0
    item.priority = _priority(item.severity, item.reach, reports)
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
    from crossnote.moderation.models import Action, Report

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
        priority=_priority(severity, reach, 1),
        suggested_action=verdict.action if acts else Action.ALLOW,
        confidence=confidence,
        content_text=content_text,
    )
    Report.objects.create(
        reporter=reporter, kind=kind, object_id=object_id, reason=reason, text=text, item=item
    )
    return item


def top_score(signals) -> float:
    """The highest score of the layers that can act on content (advisories such as PII don't)."""
    from crossnote.moderation.engine import ADVISORY_LAYERS

    return max((s.score for s in signals if s.layer not in ADVISORY_LAYERS), default=0.0)


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
    from crossnote.moderation.reporting import KINDS, reportable
    from crossnote.moderation.services import screen_text, text_of

    if kind not in KINDS:
        raise InvalidInput(_("You can report a note, a comment or a profile."), field="kind")
    if reason not in BUILT_IN:
        raise InvalidInput(_("Choose a reason from the list."), field="reason")
    obj = reportable(reporter, kind, object_id)
    signals, verdict = screen_text(
        text_of(obj, kind),
        kind=kind,
        language=getattr(obj, "language", ""),  # as when it was written: same layers, same scores
        author=_author_of(obj, kind),
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
        confidence = top_score(signals)
        item = open_item(
            obj=obj,
            kind=kind,
            source=ReviewItem.Source.REPORT,
            category=reason,
            severity=max(0.5, SEVERITY_OF.get(verdict.action, 0.5)),
            suggested=verdict.action if verdict.acts else Action.ALLOW,
            confidence=confidence,
        )
        report.item = item
        report.save(update_fields=["item"])
    return report


def queue_for(moderator, *, category="", language="", region=""):
    """Open items this moderator may take, most urgent first, with optional filters."""
    items = ReviewItem.objects.filter(
        status__in=[ReviewItem.Status.OPEN, ReviewItem.Status.CLAIMED]
    ).select_related("author", "claimed_by", "appeal")
    if not policies.is_senior(moderator):
        items = items.filter(needs_senior=False)
    scope = policies.moderator_regions(moderator)
    if scope:
        items = items.filter(region__in=scope)
    if category:
        items = items.filter(category=category)
    if language:
        items = items.filter(language=language)
    if region:
        items = items.filter(region=region.upper())
    return items.exclude(excluded_moderator=moderator).order_by("-priority", "created_at")


def _locked(item_id, moderator=None) -> ReviewItem:
    """The item, locked. Someone who is no moderator is refused before the look-up, so the
    answer (403) does not tell which items exist."""
    if moderator is not None and not policies.is_moderator(moderator):
        raise PermissionDenied(_("Only moderators can review items."))
    item = ReviewItem.objects.select_for_update().filter(pk=item_id).first()
    if item is None:
        raise NotFound(_("No such review item."))
    return item


def claim_item(*, item_id: int, moderator) -> ReviewItem:
    """Claim an item so no one else decides it at the same time."""
    with transaction.atomic():
        item = _locked(item_id, moderator)
        if not policies.can_take(moderator, item):
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
    with transaction.atomic():
        item = _locked(item_id, moderator)
        if item.claimed_by_id != moderator.pk:
            raise Conflict(_("You have not claimed this item."))
        item.status, item.claimed_by, item.claimed_at = ReviewItem.Status.OPEN, None, None
        item.save(update_fields=["status", "claimed_by", "claimed_at"])
        audit(moderator, "release", f"item:{item.pk}")
    return item


def statement_of_reasons(
    *,
    action: str,
    kind: str,
    category: str,
    automated_detection: bool,
    automated_decision: bool,
    facts: str,
    legal_basis: str = "",
) -> str:
    """A statement in the sense of the EU DSA Art. 17: what was restricted, the facts, whether
    automated means were used, the ground, and how to seek redress."""
    from crossnote.moderation.services import category_name

    days = settings.CROSSNOTE_APPEAL_WINDOW_DAYS
    ground = (
        _("Legal basis: %(basis)s.") % {"basis": legal_basis}
        if legal_basis
        else _("Ground: our community guideline on %(category)s.")
        % {"category": category_name(category or "respect")}
    )
    means = (
        _("Automated means detected it and decided.")
        if automated_decision
        else _("Automated means flagged it; a human moderator decided.")
        if automated_detection
        else _("A human moderator reviewed it after a report.")
    )
    return " ".join(
        [
            _("What: your %(kind)s — %(action)s.")
            % {"kind": KIND_WORDS.get(kind, kind), "action": ACTION_WORDS.get(action, action)},
            _("Facts: %(facts)s.") % {"facts": facts or "—"},
            means,
            ground,
            _(
                "Redress: you can appeal within %(days)d days from the moderation notices page; "
                "a different moderator decides."
            )
            % {"days": days},
        ]
    )


def is_private(kind: str, obj) -> bool:
    """Whether text about this content may go only to local translation engines: a note or
    comment that is not public, and anything that is not a note, comment or profile (private
    messages)."""
    if kind == "profile":
        return False
    if kind not in ("note", "comment"):
        return True
    note = obj if kind == "note" else getattr(obj, "note", None)
    return note is None or note.visibility != "public"


def translate_for_reader(text: str, target: str, *, private: bool) -> dict:
    """`text` for a reader of `target` (a language or UI code): through crossnote.language's
    translation service and its cache. Returns the original, the translation (None when the text
    is already in that language or no engine can translate it) and the engine's name."""
    from crossnote.core.errors import DomainError
    from crossnote.language.services import translate_text

    text = (text or "").strip()
    out = {"original": text, "translation": None, "engine": None}
    if not text:
        return out
    try:
        result = translate_text(text, target, private=private)
    except DomainError:  # no engine for this pair right now, or too long: the original stands
        return out
    if not result.unchanged and result.text.strip() != text:
        out.update(translation=result.text.strip(), engine=result.backend_label or result.backend)
    return out


def reason_for_author(reason: str, *, private: bool) -> str:
    """A moderator's free-text reason as the author reads it, in the active language (call it
    inside translation.override): translated, with the original and the engine that translated
    it; as written when it is already in that language."""
    from django.utils.translation import get_language

    translated = translate_for_reader(reason, get_language() or "en", private=private)
    if translated["translation"] is None:
        return translated["original"]
    return (
        _("%(translation)s (the moderator wrote: “%(original)s”; machine-translated by %(engine)s)")
        % translated
    )


def _statement_for_author(author, *, private: bool = False, **parts) -> str:
    """The statement written in the author's language, not the moderator's; the moderator's
    own words (the facts) translated into it too."""
    from django.utils import translation

    from crossnote.moderation.services import author_language

    with translation.override(author_language(author)):
        parts["facts"] = reason_for_author(parts.get("facts", ""), private=private)
        return statement_of_reasons(**parts)


def _apply_state(obj, kind: str, action: str) -> None:
    if kind not in ("note", "comment", "profile"):  # e.g. a message report: its app applies it
        from crossnote.core import hooks

        hooks.collect(hooks.REVIEW_DECIDED, kind=kind, obj=obj, action=action)
        return
    if kind == "profile" or action not in STATE_OF:
        return
    model = Note if kind == "note" else Comment
    fields = {"moderation": STATE_OF[action]}
    if action == "approve":
        fields["content_warning"] = ""
    elif action == "label" and not getattr(obj, "content_warning", ""):
        fields["content_warning"] = _("May contain offensive language")
    model.objects.filter(pk=obj.pk).update(**fields)
    if kind == "comment":  # a removed comment leaves the note's count; a restored one returns
        from crossnote.notes.services import recount_comments

        recount_comments(obj.note_id)
    else:  # a removed note leaves its topics' counts; a restored one returns
        from crossnote.notes.services import recount_topics

        recount_topics(note_id=obj.pk)


def _strike(author, decision) -> None:
    """Repeat violations accumulate strikes that expire; the operator's ladder sets the
    consequence. A newcomer's first strike is a warning only."""
    from crossnote.moderation.services import is_newcomer

    now = timezone.now()
    Strike.objects.create(
        user=author,
        decision=decision,
        expires_at=now + timedelta(days=settings.CROSSNOTE_STRIKE_DAYS),
    )
    active = Strike.objects.filter(user=author, lifted=False, expires_at__gt=now).count()
    if is_newcomer(author) and active == 1:
        return
    ladder = settings.CROSSNOTE_STRIKE_LADDER
    step = ladder[min(active - 1, len(ladder) - 1)]
    if step.startswith("limit"):
        # No suspension: the account's new notes are not recommended while the step lasts
        # (account_limited_until; services.moderate_content applies it to each new note).
        audit(None, "limit", f"user:{author.pk}", after={"step": step, "strikes": active})
    if step.startswith("suspend"):
        days = step.partition(":")[2]
        until = now + timedelta(days=int(days)) if days.isdigit() else None
        Suspension.objects.create(user=author, until=until)
        type(author).objects.filter(pk=author.pk).update(is_active=False)
        end_all_sessions(author)  # every session and API token of the account ends now
        audit(None, "suspend", f"user:{author.pk}", after={"step": step, "strikes": active})


def account_limited_until(user):
    """When the strike ladder's "limit" step on this account ends; None when it is not limited.
    Each active strike stands where it fell on the ladder (the first is its first step, ...);
    `limit:N` lasts N days from its strike, a bare `limit` as long as that strike is active."""
    ladder = settings.CROSSNOTE_STRIKE_LADDER
    if not any(step.startswith("limit") for step in ladder):
        return None
    now = timezone.now()
    strikes = Strike.objects.filter(user=user, lifted=False, expires_at__gt=now)
    until = None
    for n, strike in enumerate(strikes.order_by("created_at"), start=1):
        step = ladder[min(n - 1, len(ladder) - 1)]
        if not step.startswith("limit"):
            continue
        days = step.partition(":")[2]
        end = strike.expires_at
        if days.isdigit():
            end = min(end, strike.created_at + timedelta(days=int(days)))
        if end > now and (until is None or end > until):
            until = end
    return until


def lift_expired_suspensions() -> int:
    """Reactivate accounts whose timed suspension has ended (run daily: `moderation sweep`)."""
    from crossnote.accounts.models import User

    due = Suspension.objects.filter(lifted=False, until__isnull=False, until__lte=timezone.now())
    users = list(due.values_list("user_id", flat=True))
    due.update(lifted=True)
    User.objects.filter(pk__in=users).update(is_active=True)
    for user_id in users:
        audit(None, "unsuspend", f"user:{user_id}")
    return len(users)


def decide_item(
    *, item_id: int, moderator, action: str, reason: str = "", regions=(), legal_basis: str = ""
) -> ReviewItem:
    """A moderator's final decision on an item (appeals: see decide_appeal)."""
    from crossnote.moderation.services import withhold_note

    if action not in HUMAN_ACTIONS:
        raise InvalidInput(_("Unknown decision “%(a)s”.") % {"a": action}, field="action")
    with transaction.atomic():
        item = _locked(item_id, moderator)
        if item.appeal_id:
            raise InvalidInput(_("This is an appeal; decide it as an appeal."))
        _check_decidable(item, moderator)
        obj = content_for(item.kind, item.object_id)
        if obj is None:
            raise NotFound(_("That content no longer exists."))
        if action == "escalate":
            return _escalate(item, moderator, reason)
        before = {"state": getattr(obj, "moderation", ""), "suggested": item.suggested_action}
        author = _author_of(obj, item.kind)
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
            statement=_statement_for_author(
                author,
                action=action,
                kind=item.kind,
                category=item.category,
                automated_detection=item.source == ReviewItem.Source.AUTOMATED,
                automated_decision=False,
                facts=reason,
                legal_basis=legal_basis,
                private=is_private(item.kind, obj),
            ),
        )
        if action == "withhold" and item.kind == "note":
            withhold_note(note=obj, regions=regions, legal_basis=legal_basis, by=moderator)
        else:
            _apply_state(obj, item.kind, action)
        if action in ("remove", "limit", "withhold", "label") and item.category in BUILT_IN:
            _strike(author, decision) if action in ("remove", "limit") else None
        _close(item, moderator, action)
        _tell(item, obj, author, decision)
        audit(
            moderator,
            f"decide:{action}",
            f"{item.kind}:{obj.pk}",
            before,
            {"state": action, "reason": reason, "decision": decision.pk},
        )
    return item


def _check_decidable(item, moderator) -> None:
    if item.status == ReviewItem.Status.DECIDED:
        raise Conflict(_("This item has already been decided."))
    if item.claimed_by_id and item.claimed_by_id != moderator.pk:
        raise Conflict(_("Another moderator is working on this item."))
    if not policies.can_take(moderator, item):
        raise PermissionDenied(_("This item is not yours to decide."))


def _escalate(item, moderator, reason) -> ReviewItem:
    item.needs_senior, item.status, item.claimed_by = True, ReviewItem.Status.OPEN, None
    item.source = ReviewItem.Source.ESCALATION
    item.save(update_fields=["needs_senior", "status", "claimed_by", "source"])
    audit(moderator, "escalate", f"item:{item.pk}", after={"reason": reason})
    return item


def _close(item, moderator, outcome) -> None:
    suggested = item.suggested_action or Action.ALLOW
    human = Action.ALLOW if outcome == "approve" else outcome
    item.status, item.decided_by, item.decided_at = (
        ReviewItem.Status.DECIDED,
        moderator,
        timezone.now(),
    )
    item.outcome, item.agreed_with_ai = outcome, suggested == human
    item.save()


def _tell(item, obj, author, decision) -> None:
    note = obj if item.kind == "note" else getattr(obj, "note", None)
    notify(recipient=author, actor=None, verb=Notification.Verb.MODERATION, note=note)
    for report in item.reports.select_related("reporter"):
        notify(
            recipient=report.reporter, actor=None, verb=Notification.Verb.REPORT_DECIDED, note=note
        )
    item.reports.update(status=Report.Status.DECIDED)


def appeal_decision(*, author, decision_id: int, text: str) -> Appeal:
    """The author appeals a decision within the window; a different, senior moderator decides."""
    decision = Decision.objects.filter(pk=decision_id, author=author).first()
    if decision is None:
        raise NotFound(_("No such decision about your content."))
    if decision.on_appeal:
        raise InvalidInput(_("An appeal decision is final and cannot be appealed again."))
    if decision.action == Action.ALLOW:
        raise InvalidInput(_("Nothing was restricted, so there is nothing to appeal."))
    window = timedelta(days=settings.CROSSNOTE_APPEAL_WINDOW_DAYS)
    if timezone.now() - decision.created_at > window:
        raise InvalidInput(_("The time to appeal this decision has passed."))
    text = (text or "").strip()
    if not text or len(text) > 2000:
        raise InvalidInput(_("Explain your appeal in 1–2,000 characters."), field="text")
    obj = content_for(decision.kind, decision.object_id)
    with transaction.atomic():
        try:
            appeal = Appeal.objects.create(decision=decision, author=author, text=text)
        except IntegrityError:
            raise Conflict(_("You have already appealed this decision.")) from None
        ReviewItem.objects.create(
            kind=decision.kind,
            object_id=decision.object_id,
            author=author,
            source=ReviewItem.Source.APPEAL,
            category=decision.category,
            language=getattr(obj, "language", "") if obj else "",
            region=viewer_region(author),  # a region-scoped moderator sees their appeals too
            content_text=getattr(obj, "body", "") if obj else "",
            severity=0.9,
            priority=_priority(0.9, 10),
            suggested_action=decision.action,
            needs_senior=True,
            excluded_moderator=decision.moderator,
            appeal=appeal,
            trigger=decision,
        )
        audit(author, "appeal", f"decision:{decision.pk}")
    return appeal


def _appeal_statement(author, outcome: str, reason: str, *, private: bool) -> str:
    from django.utils import translation

    from crossnote.moderation.services import author_language

    with translation.override(author_language(author)):
        reason = reason_for_author(reason, private=private)
        if outcome == "reverse":
            text = _("Your appeal was accepted and the decision reversed. %(reason)s")
        else:
            text = _("Your appeal was reviewed and the decision upheld. %(reason)s")
        return text % {"reason": reason}


def decide_appeal(*, item_id: int, moderator, outcome: str, reason: str = "") -> Appeal:
    """Uphold or reverse; a reversal restores the content and lifts the strike."""
    if outcome not in ("uphold", "reverse"):
        raise InvalidInput(_("Decide an appeal with uphold or reverse."), field="outcome")
    with transaction.atomic():
        item = _locked(item_id, moderator)
        if not item.appeal_id:
            raise InvalidInput(_("This item is not an appeal."))
        _check_decidable(item, moderator)
        appeal = item.appeal
        if appeal.decision.moderator_id == moderator.pk:
            raise PermissionDenied(
                _("You decided this case; another moderator must decide the appeal.")
            )
        original = appeal.decision
        obj = content_for(original.kind, original.object_id)
        if outcome == "reverse" and obj is not None:
            _apply_state(obj, original.kind, "approve")
            from crossnote.notes.models import NoteWithholding

            if original.kind == "note":
                NoteWithholding.objects.filter(note_id=original.object_id).delete()
            Strike.objects.filter(decision=original).update(lifted=True)
        appeal.status = Appeal.Status.REVERSED if outcome == "reverse" else Appeal.Status.UPHELD
        appeal.decided_by, appeal.decided_at, appeal.reason = moderator, timezone.now(), reason
        appeal.save()
        Decision.objects.create(
            kind=original.kind,
            object_id=original.object_id,
            author=original.author,
            action=Action.ALLOW if outcome == "reverse" else original.action,
            category=original.category,
            automated=False,
            moderator=moderator,
            on_appeal=True,
            statement=_appeal_statement(
                appeal.author, outcome, reason, private=is_private(original.kind, obj)
            ),
        )
        _close(item, moderator, "approve" if outcome == "reverse" else original.action)
        note = obj if original.kind == "note" else getattr(obj, "note", None)
        notify(recipient=appeal.author, actor=None, verb=Notification.Verb.MODERATION, note=note)
        audit(moderator, f"appeal:{outcome}", f"decision:{original.pk}", after={"reason": reason})
    return appeal


def decision_reason(decision) -> str:
    """What the moderator wrote as the reason for a human decision ("" for automated ones, or
    if they wrote none): kept in the audit entry written with the decision."""
    if decision is None or decision.automated:
        return ""
    entry = (
        AuditEntry.objects.filter(
            action__startswith="decide:",
            target=f"{decision.kind}:{decision.object_id}",
            after__decision=decision.pk,
        )
        .values_list("after", flat=True)
        .first()
    )
    return (entry or {}).get("reason", "")
