"""REST endpoints: check a draft (norms coach), statements of reasons, regional withholding."""

from django.utils.translation import gettext as _
from ninja import Router

from crossnote.accounts.auth import OPTIONAL, REQUIRED
from crossnote.core.errors import PermissionDenied
from crossnote.moderation import services
from crossnote.moderation.models import Action, Decision, Withholding
from crossnote.moderation.schemas import (
    CheckIn,
    CheckOut,
    DecisionOut,
    WithholdIn,
    WithholdingOut,
)
from crossnote.notes.selectors import get_visible_note

router = Router(tags=["moderation"])


def _signal(signal) -> dict:
    return {**signal.as_dict(), "spans": [span.__dict__ for span in signal.spans]}


@router.post("/moderation/check", response=CheckOut, auth=REQUIRED)
def check(request, payload: CheckIn):
    """The norms coach: what would happen to this draft, which guideline, and why."""
    kind = "comment" if payload.kind == "comment" else "note"
    advice = services.coach_draft(text=payload.text, kind=kind, author=request.user)
    verdict = advice["verdict"]
    return {
        "action": verdict.action,
        "category": verdict.category,
        "guideline": verdict.guideline,
        "signals": [_signal(s) for s in verdict.signals],
        "advisories": [_signal(s) for s in advice["advisories"]],
    }


@router.get("/notes/{note_id}/decisions", response=list[DecisionOut], auth=REQUIRED)
def note_decisions(request, note_id: int):
    """Statements of reasons for a note: its author (and staff) see every decision."""
    note = get_visible_note(request.user, note_id)
    if request.user.pk != note.author_id and not request.user.is_staff:
        raise PermissionDenied()
    return list(
        Decision.objects.filter(kind="note", object_id=note.pk)
        .exclude(action=Action.ALLOW)
        .order_by("-created_at")
    )


@router.post("/notes/{note_id}/withhold", response=DecisionOut, auth=REQUIRED)
def withhold(request, note_id: int, payload: WithholdIn):
    """Staff: withhold a note for readers in some regions, with the legal basis."""
    if not request.user.is_staff:
        raise PermissionDenied(_("Only moderators can withhold notes."))
    note = get_visible_note(request.user, note_id)
    return services.withhold_note(
        note=note,
        regions=payload.regions,
        legal_basis=payload.legal_basis,
        reference=payload.reference,
        by=request.user,
    )


@router.get("/transparency/withholdings", response=list[WithholdingOut], auth=OPTIONAL)
def withholdings(request):
    """The public log of regional withholdings (never the content)."""
    return list(Withholding.objects.order_by("-created_at")[:500])
