"""Moderation writes: screen content, apply verdicts, withhold by region, coach authors."""

import logging

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from crossnote.core.errors import ContentBlocked, InvalidInput
from crossnote.moderation import engine, pipeline
from crossnote.moderation.categories import BUILT_IN
from crossnote.moderation.models import (
    SEVERITY,
    Action,
    Decision,
    GuidelinesAcknowledgement,
    Withholding,
)
from crossnote.notes.models import Comment, ModerationState, Note, NoteWithholding
from crossnote.notes.policies import viewer_region
from crossnote.security.sessions import end_all_sessions
from crossnote.social.models import Notification
from crossnote.social.services import notify

log = logging.getLogger(__name__)

STATE_FOR = {
    Action.LABEL: ModerationState.LABELLED,
    Action.LIMIT: ModerationState.LIMITED,
    Action.HOLD: ModerationState.HELD,
    Action.REMOVE: ModerationState.REMOVED,
}


def text_of(obj, kind: str) -> str:
    if kind == "note":
        return f"{obj.title}\n{obj.body}"
    if kind == "comment":
        return obj.body
    if hasattr(obj, "review_text"):  # other apps' reviewable objects (message reports)
        return obj.review_text()
    return f"{obj.display_name}\n{obj.bio}"


def screen_text(text: str, *, kind: str, language: str = "", author=None):
    """Run the synchronous layers and the policy engine; returns (signals, verdict)."""
    region = viewer_region(author)
    signals = pipeline.run_text(text, language=language, region=region)
    return signals, engine.decide(signals, kind=kind, author_region=region)


def category_name(slug: str) -> str:
    return str(BUILT_IN.get(slug, slug.replace("_", " ")))


def statement_for(verdict, kind: str) -> str:
    """The statement of reasons the author reads: what, why, by which layer, what next."""
    evidence = []
    for signal in verdict.signals[:3]:
        if signal.detail:
            evidence.append(f"{signal.layer}: {signal.detail}")
        else:
            evidence.append(f"{signal.layer} ({signal.score:.2f})")
    parts = {
        "action": Action(verdict.action).label,
        "category": category_name(verdict.category),
        "evidence": "; ".join(evidence) or "—",
    }
    return (
        _(
            "Action: %(action)s. Reason: this may break our guideline on %(category)s. "
            "Evidence: %(evidence)s. This was an automated decision; you can edit your content, and "
            "an appeal reaches a human moderator."
        )
        % parts
    )


def author_language(user) -> str:
    """The UI language a statement is written in for this person: Chinese if it is the first
    language they speak, else English."""
    languages = list(getattr(user, "languages", None) or [])
    return "zh-hans" if languages and languages[0] == "zh" else "en"


def _record(obj, kind, verdict, author, *, automated=True, regions=()) -> Decision:
    with translation.override(author_language(author)):
        statement = statement_for(verdict, kind)
    return Decision.objects.create(
        kind=kind,
        object_id=obj.pk,
        author=author,
        action=verdict.action,
        category=verdict.category,
        policy=verdict.policy,
        automated=automated,
        signals=[s.as_dict() for s in verdict.signals],
        regions=list(regions),
        statement=statement,
    )


def apply_verdict(obj, kind: str, verdict, author) -> Decision | None:
    """Put a verdict into effect on a note or comment and tell its author why."""
    if not verdict.acts:
        return None
    if kind == "profile":
        if verdict.action in (Action.HOLD, Action.REMOVE):
            raise ContentBlocked(statement_for(verdict, kind))
        return _record(obj, kind, verdict, author)
    if verdict.action == Action.WITHHOLD:
        if kind != "note":
            return None
        return withhold_note(
            note=obj,
            regions=verdict.regions,
            legal_basis=verdict.policy.legal_basis or verdict.policy.name,
            verdict=verdict,
        )
    model = Note if kind == "note" else Comment
    model.objects.filter(pk=obj.pk).update(
        moderation=STATE_FOR[verdict.action],
        content_warning=verdict.label_text if verdict.action == Action.LABEL else "",
    )
    obj.moderation = STATE_FOR[verdict.action]
    if kind == "comment":  # a held or removed comment no longer counts under its note
        from crossnote.notes.services import recount_comments

        recount_comments(obj.note_id)
    else:  # a held or removed note leaves its topics' counts
        from crossnote.notes.services import recount_topics

        recount_topics(note_id=obj.pk)
    decision = _record(obj, kind, verdict, author)
    _apply_account_action(verdict, author)
    if verdict.action in (Action.HOLD, Action.LABEL, Action.LIMIT):
        from crossnote.moderation.review import queue_automated

        queue_automated(obj=obj, kind=kind, verdict=verdict, decision=decision)
    note = obj if kind == "note" else obj.note
    notify(
        recipient=author,
        actor=None,
        verb=Notification.Verb.MODERATION,
        note=note,
        comment=obj if kind == "comment" else None,
    )
    return decision


def _apply_account_action(verdict, author) -> None:
    """A policy's account action: warn is the notification itself; suspend deactivates."""
    policy = verdict.policy
    if policy is not None and policy.account_action == "suspend" and author.is_active:
        type(author).objects.filter(pk=author.pk).update(is_active=False)
        author.is_active = False
        end_all_sessions(author)  # every session and API token of the account ends now


def _image_verdict(note, author):
    """A note's stored images against the hash lists, for policies that hold rather than block."""
    pdqs = [image.pdq_hash for image in note.images.all() if image.pdq_hash]
    if not pdqs:
        return None
    signals = pipeline.run_images([_Stored(pdq) for pdq in pdqs])
    return engine.decide(signals, kind="image", author_region=viewer_region(author))


class _Stored:
    def __init__(self, pdq):
        self.pdq, self.pdq_quality = pdq, 100


def moderate_content(*, obj, kind: str, author) -> Decision | None:
    """The hook run on every write of a note, comment or profile (inside its transaction)."""
    signals, verdict = screen_text(
        text_of(obj, kind), kind=kind, language=getattr(obj, "language", ""), author=author
    )
    if kind == "note":
        images = _image_verdict(obj, author)
        if images is not None and SEVERITY[images.action] > SEVERITY[verdict.action]:
            verdict = images
    decision = apply_verdict(obj, kind, verdict, author)
    if kind == "note":
        _limit_if_account_limited(obj, author)
    if settings.CROSSNOTE_LLM_GUARD.get("url") and kind in ("note", "comment"):
        transaction.on_commit(lambda: _queue_llm_guard(kind, obj.pk))
    return decision


def _limit_if_account_limited(note, author) -> None:
    """The strike ladder's "limit" step: while it lasts, a new note the layers let through is
    not recommended (limited: shown to followers, on the profile and by link, never on explore).
    Stricter states (held, removed) stay as they are; a content warning is kept."""
    from crossnote.moderation.review import account_limited_until

    open_states = (ModerationState.VISIBLE, ModerationState.LABELLED)
    if note.moderation not in open_states or account_limited_until(author) is None:
        return
    Note.objects.filter(pk=note.pk).update(moderation=ModerationState.LIMITED)
    note.moderation = ModerationState.LIMITED


def screen_images(*, images, author) -> list[str]:
    """Hash-list check before any image is stored: refusals as messages (HTTP 451)."""
    signals = pipeline.run_images(images)
    verdict = engine.decide(signals, kind="image", author_region=viewer_region(author))
    if verdict.action == Action.REMOVE:  # HOLD: stored, then held for review with the note
        return [
            _("This image matches a list of images that may not be posted here (%(c)s).")
            % {"c": category_name(verdict.category)}
        ]
    return []


def withhold_note(
    *, note, regions, legal_basis: str, reference: str = "", by=None, verdict=None
) -> Decision:
    """Withhold a note for readers in `regions`, recorded with its legal basis, the author told."""
    regions = sorted({r.strip().upper() for r in regions if r.strip()})
    if not regions or any(len(r) != 2 or not r.isalpha() for r in regions):
        raise InvalidInput(_("Give the regions as two-letter ISO 3166 codes, e.g. CN, DE."))
    if not (legal_basis or "").strip():
        raise InvalidInput(_("A withholding needs its legal basis or order."))
    verdict = verdict or engine.Verdict(action=Action.WITHHOLD, category="legal", regions=regions)
    with transaction.atomic():
        decision = _record(
            note, "note", verdict, note.author, automated=by is None, regions=regions
        )
        with translation.override(author_language(note.author)):
            decision.statement = _withheld_statement(regions, legal_basis, reference)
        decision.save(update_fields=["statement"])
        Withholding.objects.create(
            note=note,
            regions=regions,
            legal_basis=legal_basis,
            reference=reference,
            decision=decision,
            created_by=by,
        )
        for region in regions:
            NoteWithholding.objects.get_or_create(note=note, region=region)
        notify(recipient=note.author, actor=None, verb=Notification.Verb.MODERATION, note=note)
    return decision


def _withheld_statement(regions, legal_basis, reference) -> str:
    return _(
        "Your note is withheld for readers in %(regions)s. Legal basis: %(basis)s%(ref)s. "
        "Readers elsewhere still see it."
    ) % {
        "regions": ", ".join(regions),
        "basis": legal_basis,
        "ref": f" ({reference})" if reference else "",
    }


def coach_draft(*, text: str, kind: str, author, language: str = "") -> dict:
    """What the norms coach tells an author about a draft before it is published."""
    if not language:
        from crossnote.language.detection import detect_language

        language = detect_language(text).code if text.strip() else ""
    signals, verdict = screen_text(text, kind=kind, language=language, author=author)
    return {
        "verdict": verdict,
        "advisories": engine.advisories(signals),
        "category": category_name(verdict.category) if verdict.acts else "",
    }


def acknowledge_guidelines(*, user) -> GuidelinesAcknowledgement:
    row, _created = GuidelinesAcknowledgement.objects.get_or_create(
        user=user, version=settings.CROSSNOTE_GUIDELINES_VERSION
    )
    return row


def is_newcomer(user) -> bool:
    """The first 14 days: contextual tips on norms."""
    return (timezone.now() - user.date_joined).days < 14


def _queue_llm_guard(kind: str, pk: int) -> None:
    from crossnote.core.tasks import dispatch
    from crossnote.moderation.tasks import run_llm_guard

    dispatch(run_llm_guard, kind, pk)  # already after commit: a worker, a thread or inline


def import_hash_list(fileobj, *, category: str, source: str) -> int:
    """Load a hash list (ThreatExchange / HMA CSV forms); all or nothing."""
    from crossnote.moderation.detectors.hashes import HashListError, import_csv
    from crossnote.moderation.models import HashEntry as HashRow

    try:
        entries = import_csv(fileobj, default_category=category, source=source)
    except HashListError as exc:
        raise InvalidInput(str(exc)) from exc
    with transaction.atomic():
        for entry in entries:
            HashRow.objects.update_or_create(
                kind=entry.kind,
                value=entry.value,
                defaults={
                    "category": entry.category,
                    "source": entry.source or source,
                    "note": entry.note[:200],
                },
            )
    pipeline.lists_changed()
    return len(entries)


def export_hash_list(fileobj) -> None:
    from crossnote.moderation.detectors.hashes import HashEntry, export_csv
    from crossnote.moderation.models import HashEntry as HashRow

    export_csv(
        (
            HashEntry(
                kind=r.kind,
                value=r.value,
                category=r.category,
                source=r.source,
                note=r.note,
                id=r.pk,
            )
            for r in HashRow.objects.order_by("pk")
        ),
        fileobj,
    )
