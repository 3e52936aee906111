"""Moderation's part of a person's export and erasure (crossnote.core.data_rights): decisions
about them, withholdings of their notes, their appeals, the reports they filed, strikes and
suspensions, and their consent to the community guidelines.

Erasure keeps what the platform decided and why, without who or their words (the record of
moderation, DSA Art. 17): decisions lose their author and the quoted spans (the statement keeps
its text with those spans cut out); review items about them lose the reviewed text and author.
Their appeals, reports, strikes, suspensions, consents and moderator scope go. Withholdings of
their notes go with the notes (notes' part). The append-only audit log keeps its rows (what was
done to which object, by number) but loses who: the actor is set to none by the account's deletion
and the name written beside it becomes "erased account". A moderator's export holds the actions
they took and their region scope. Classifier training data holds no account.
"""

from crossnote.core.data_rights import iso, register
from crossnote.moderation.models import (
    Appeal,
    AuditEntry,
    Decision,
    GuidelinesAcknowledgement,
    ModeratorScope,
    Report,
    ReviewItem,
    Strike,
    Suspension,
    Withholding,
)

COVERS = tuple(
    model._meta.label
    for model in (
        Appeal,
        AuditEntry,
        Decision,
        GuidelinesAcknowledgement,
        ModeratorScope,
        Report,
        ReviewItem,
        Strike,
        Suspension,
        Withholding,
    )
)


def _decisions(user) -> list[dict]:
    return [
        {
            "kind": d.kind,
            "object_id": d.object_id,
            "action": d.action,
            "category": d.category,
            "automated": d.automated,
            "regions": list(d.regions),
            "statement": d.statement,
            "created_at": iso(d.created_at),
        }
        for d in Decision.objects.filter(author=user).order_by("pk")
    ]


def _withholdings(user) -> list[dict]:
    return [
        {
            "note_id": w.note_id,
            "regions": list(w.regions),
            "legal_basis": w.legal_basis,
            "reference": w.reference,
            "created_at": iso(w.created_at),
        }
        for w in Withholding.objects.filter(note__author=user).order_by("pk")
    ]


def _appeals(user) -> list[dict]:
    return [
        {
            "decision_id": a.decision_id,
            "text": a.text,
            "status": a.status,
            "reason": a.reason,
            "created_at": iso(a.created_at),
            "decided_at": iso(a.decided_at),
        }
        for a in Appeal.objects.filter(author=user).order_by("pk")
    ]


def _reports(user) -> list[dict]:
    return [
        {
            "kind": r.kind,
            "object_id": r.object_id,
            "reason": r.reason,
            "text": r.text,
            "status": r.status,
            "created_at": iso(r.created_at),
        }
        for r in Report.objects.filter(reporter=user).order_by("pk")
    ]


ERASED_ACTOR = "erased account"


def _actions_taken(user) -> list[dict]:
    return [
        {
            "action": e.action,
            "target": e.target,
            "before": e.before,
            "after": e.after,
            "created_at": iso(e.created_at),
        }
        for e in AuditEntry.objects.filter(actor=user).order_by("pk")
    ]


def export(user, media: dict[str, str]) -> dict:
    scope = ModeratorScope.objects.filter(user=user).first()
    consents = GuidelinesAcknowledgement.objects.filter(user=user).order_by("acknowledged_at")
    return {
        "moderation": {
            "decisions": _decisions(user),
            "withholdings": _withholdings(user),
            "appeals": _appeals(user),
            "reports_filed": _reports(user),
            "strikes": [
                {
                    "created_at": iso(s.created_at),
                    "expires_at": iso(s.expires_at),
                    "lifted": s.lifted,
                }
                for s in Strike.objects.filter(user=user).order_by("pk")
            ],
            "suspensions": [
                {"created_at": iso(s.created_at), "until": iso(s.until), "lifted": s.lifted}
                for s in Suspension.objects.filter(user=user).order_by("pk")
            ],
            "actions_taken_as_moderator": _actions_taken(user),
            "moderator_scope": {"regions": list(scope.regions)} if scope else None,
            "other": {},  # sections other apps file here (messages, active days): kept for v1
        },
        "consents": [
            {"document": "community_guidelines", "version": r.version, "at": iso(r.acknowledged_at)}
            for r in consents
        ],
    }


def _pseudonymise_decision(decision) -> None:
    quoted = set()
    signals = []
    for signal in decision.signals or []:
        signal = dict(signal)
        for span in signal.get("spans") or []:
            if span.get("text"):
                quoted.add(span["text"])
        signal["spans"] = [{**span, "text": ""} for span in signal.get("spans") or []]
        signals.append(signal)
    statement = decision.statement
    for text in sorted(quoted, key=len, reverse=True):
        statement = statement.replace(text, "…")
    decision.signals, decision.statement, decision.author = signals, statement, None
    decision.save(update_fields=["signals", "statement", "author"])


def erase(user) -> None:
    ReviewItem.objects.filter(author=user).update(content_text="", author=None)
    for decision in Decision.objects.filter(author=user):
        _pseudonymise_decision(decision)
    Appeal.objects.filter(author=user).delete()
    Report.objects.filter(reporter=user).delete()
    Strike.objects.filter(user=user).delete()
    Suspension.objects.filter(user=user).delete()
    GuidelinesAcknowledgement.objects.filter(user=user).delete()
    ModeratorScope.objects.filter(user=user).delete()
    # The log is append-only for moderators (AuditEntry.save refuses edits); erasure is the one
    # writer allowed to take a name out of it, through the queryset.
    AuditEntry.objects.filter(actor=user).update(actor_name=ERASED_ACTOR)


register("moderation", order=60, export=export, erase=erase, covers=COVERS)
