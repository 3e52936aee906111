"""Appeals: the author asks for a second look, a different (senior) moderator decides, and a
reversal restores the content and lifts the strike. Also the one entry point that decides any
item on the queue, an appeal or not (pages and API call it)."""

from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from crossnote.core.errors import Conflict, InvalidInput, NotFound, PermissionDenied
from crossnote.moderation import selectors
from crossnote.moderation.models import Action, Appeal, Decision, ReviewItem
from crossnote.moderation.services.enforcement import (
    apply_state,
    audit,
    lift_strikes,
    lift_withholdings,
    reason_for_author,
)
from crossnote.moderation.services.review import (
    check_decidable,
    close_item,
    decide_item,
    locked_item,
    priority,
    require_reason,
)
from crossnote.notes.policies import viewer_region
from crossnote.social.models import Notification
from crossnote.social.services import notify

APPEAL_OUTCOMES = ("uphold", "reverse")


def appeal_decision(*, author, decision_id: int, text: str) -> Appeal:
    """The author appeals a decision within the window; a different, senior moderator decides."""
    decision = Decision.objects.filter(pk=decision_id, author=author).first()
    if decision is None:
        raise NotFound(_("No such decision about your content."))
    if decision.on_appeal:
        raise InvalidInput(_("An appeal decision is final and cannot be appealed again."))
    if decision.action == Action.ALLOW:
        raise InvalidInput(_("Nothing was restricted, so there is nothing to appeal."))
    if decision.pk in selectors.superseded_decisions([decision]):  # as the notices page says
        raise Conflict(
            _(
                "A later decision about this content replaced this one: only the latest "
                "decision can be appealed."
            )
        )
    window = timedelta(days=settings.CROSSNOTE_APPEAL_WINDOW_DAYS)
    if timezone.now() - decision.created_at > window:
        raise InvalidInput(_("The time to appeal this decision has passed."))
    text = (text or "").strip()
    if not text or len(text) > 2000:
        raise InvalidInput(_("Explain your appeal in 1–2,000 characters."), field="text")
    obj = selectors.content_for(decision.kind, decision.object_id)
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
            priority=priority(0.9, 10),
            suggested_action=decision.action,
            needs_senior=True,
            excluded_moderator=decision.moderator,
            appeal=appeal,
            trigger=decision,
        )
        audit(author, "appeal", f"decision:{decision.pk}")
    return appeal


def _appeal_statement(author, outcome: str, reason: str, *, private: bool) -> str:
    """The outcome in the author's language, then the moderator's reason under its own label
    (it ran into the outcome sentence, read as part of it); no label when none was given."""
    with translation.override(selectors.author_language(author)):
        if outcome == "reverse":
            text = _("Your appeal was accepted and the decision reversed.")
        else:
            text = _("Your appeal was reviewed and the decision upheld.")
        if not (reason or "").strip():
            return text
        reason = reason_for_author(reason, private=private)
        return " ".join([text, _("The moderator's reason: %(reason)s") % {"reason": reason}])


def decide_appeal(*, item_id: int, moderator, outcome: str, reason: str = "") -> Appeal:
    """Uphold or reverse; a reversal restores the content and lifts the strike."""
    if outcome not in APPEAL_OUTCOMES:
        raise InvalidInput(_("Decide an appeal with uphold or reverse."), field="outcome")
    with transaction.atomic():
        item = locked_item(item_id, moderator)
        appeal = item.appeal
        if appeal is None:
            raise InvalidInput(_("This item is not an appeal."))
        check_decidable(item, moderator)
        require_reason(outcome, reason)
        if appeal.decision.moderator_id == moderator.pk:
            raise PermissionDenied(
                _("You decided this case; another moderator must decide the appeal.")
            )
        original = appeal.decision
        obj = selectors.content_for(original.kind, original.object_id)
        if outcome == "reverse" and obj is not None:
            apply_state(obj, original.kind, "approve")
            if original.kind == "note":
                lift_withholdings(original.object_id)
            lift_strikes(original)
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
                appeal.author, outcome, reason, private=selectors.is_private(original.kind, obj)
            ),
        )
        close_item(item, moderator, "approve" if outcome == "reverse" else original.action)
        note = obj if original.kind == "note" else getattr(obj, "note", None)
        notify(
            recipient=appeal.author,
            actor=None,
            verb=Notification.Verb.MODERATION,
            note=note,
            comment=obj if original.kind == "comment" else None,
        )
        audit(moderator, f"appeal:{outcome}", f"decision:{original.pk}", after={"reason": reason})
    return appeal


def decide_review_item(
    *, item_id: int, moderator, action: str, reason: str = "", regions=(), legal_basis: str = ""
) -> ReviewItem:
    """Decide whatever item this is: an appeal takes `action` uphold or reverse, any other item
    one of the human actions. Returns the item as decided."""
    if selectors.is_appeal_item(item_id):
        decide_appeal(item_id=item_id, moderator=moderator, outcome=action, reason=reason)
    else:
        decide_item(
            item_id=item_id,
            moderator=moderator,
            action=action,
            reason=reason,
            regions=regions,
            legal_basis=legal_basis,
        )
    return ReviewItem.objects.get(pk=item_id)
