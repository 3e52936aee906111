"""REST endpoints: check a draft (norms coach), statements of reasons, regional withholding,
reports, the review queue, appeals, and an admin lifting a suspension."""

from django.utils.translation import gettext as _
from ninja import Router, Status

from crossnote.accounts.auth import OPTIONAL, REQUIRED
from crossnote.core.errors import InvalidInput, NotFound, PermissionDenied
from crossnote.moderation import presenters, selectors, services
from crossnote.moderation.roles import can_lift_suspensions, is_moderator, moderator_regions
from crossnote.moderation.schemas import (
    AppealIn,
    AppealOut,
    CheckIn,
    CheckOut,
    DecideIn,
    DecisionOut,
    ItemDetailOut,
    ItemOut,
    ReportIn,
    ReportOut,
    ReportSubjectOut,
    SuiteRunIn,
    SuiteRunOut,
    TransparencyOut,
    UnsuspendIn,
    UnsuspendOut,
    WithholdIn,
    WithholdingOut,
)
from crossnote.moderation.suite import UnknownGroup, run_suite
from crossnote.moderation.suite.schemas import SuiteOut
from crossnote.moderation.transparency import transparency_report
from crossnote.notes.selectors import get_visible_note
from crossnote.security.ratelimits import rate_limit

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


def _moderates(user) -> bool:
    return user.is_staff or is_moderator(user)


@router.get("/notes/{note_id}/decisions", response=list[DecisionOut], auth=REQUIRED)
def note_decisions(request, note_id: int):
    """Statements of reasons for a note: its author, moderators and staff see every decision."""
    if _moderates(request.user):
        note = selectors.note_for_moderator(note_id)
    else:
        note = get_visible_note(request.user, note_id)
        if request.user.pk != note.author_id:
            raise PermissionDenied()
    return list(selectors.decisions_on_note(note))


@router.post("/notes/{note_id}/withhold", response=DecisionOut, auth=REQUIRED)
def withhold(request, note_id: int, payload: WithholdIn):
    """Moderators and staff: withhold a note for readers in some regions, with the legal basis
    (a moderator scoped to regions withholds only in those)."""
    if not _moderates(request.user):
        raise PermissionDenied(_("Only moderators can withhold notes."))
    scope = [] if request.user.is_staff else moderator_regions(request.user)
    if scope and not {r.strip().upper() for r in payload.regions} <= set(scope):
        raise PermissionDenied(
            _("You moderate only these regions: %(regions)s.") % {"regions": ", ".join(scope)}
        )
    note = selectors.note_for_moderator(note_id)
    return services.withhold_note(
        note=note,
        regions=payload.regions,
        legal_basis=payload.legal_basis,
        reference=payload.reference,
        by=request.user,
    )


@router.get("/transparency", response=TransparencyOut, auth=OPTIONAL)
def transparency(request, months: int = 12):
    """The public transparency report: actions per month by category, automated vs human,
    appeals and reversals, median time to decision, withholdings by region, AI/human agreement."""
    return transparency_report(months)


@router.get("/transparency/withholdings", response=list[WithholdingOut], auth=OPTIONAL)
def withholdings(request):
    """The public log of regional withholdings (never the content)."""
    return list(selectors.public_withholdings())


# --- reports, the review queue, notices and appeals ------------------------------------------


def _require_moderator(user):
    if not is_moderator(user):
        raise PermissionDenied(_("Only moderators can see the review queue."))


@router.get("/moderation/suite", response=SuiteOut, auth=REQUIRED)
def regression_suite(request, group: str = "", errors: int = 20):
    """Moderators and staff: the built-in regression cases (evasions, innocent look-alikes,
    newcomer posts) through the pipeline now: catch and false-positive rates per set, kind and
    language, and up to `errors` failing cases of each side (`crossnote moderation suite`)."""
    if not (request.user.is_staff or is_moderator(request.user)):
        raise PermissionDenied(_("Only moderators can run the moderation suite."))
    try:
        result = run_suite(group=group.strip(), errors=max(0, min(errors, 500)))
    except UnknownGroup as exc:
        raise _suite_group_error(exc) from exc
    result.pop("text")
    return result


def _suite_group_error(exc: UnknownGroup) -> InvalidInput:
    return InvalidInput(
        _("No cases in group %(group)s. Groups: %(groups)s.")
        % {"group": exc.group, "groups": ", ".join(exc.known)},
        field="group",
    )


@router.get("/moderation/suite/last", response=SuiteRunOut, auth=REQUIRED)
def last_suite_run(request):
    """Moderators and staff: the suite's last run from the suite page or POST
    /moderation/suite/runs (with when it ran and on which classifier version); 404 before the
    first run."""
    if not _moderates(request.user):
        raise PermissionDenied(_("Only moderators can run the moderation suite."))
    result = selectors.last_suite_run()
    if result is None:
        raise NotFound(_("The suite has not been run yet."))
    return result


@router.post("/moderation/suite/runs", response=SuiteRunOut, auth=REQUIRED)
def run_suite_again(request, payload: SuiteRunIn):
    """Moderators and staff: run the suite now (a few seconds) and keep the result as the last
    run, which the suite page shows."""
    if not _moderates(request.user):
        raise PermissionDenied(_("Only moderators can run the moderation suite."))
    try:
        return services.run_suite_now(group=payload.group.strip(), by=request.user)
    except UnknownGroup as exc:
        raise _suite_group_error(exc) from exc


@router.get("/reports/subject", response=ReportSubjectOut, auth=REQUIRED)
def report_subject(request, kind: str, object_id: int):
    """What a report of this note, comment or profile would be about (the report form's top):
    404 when it is gone or out of sight, 400 for one's own content."""
    obj = selectors.reportable(request.user, kind, object_id)
    return presenters.report_subject(obj, kind)


@router.post("/reports", response={201: ReportOut}, auth=REQUIRED)
@rate_limit("report")
def create_report(request, payload: ReportIn):
    """Report a note, comment or profile (one report per reader per item)."""
    report = services.report_content(
        reporter=request.user,
        kind=payload.kind,
        object_id=payload.object_id,
        reason=payload.reason,
        text=payload.text,
    )
    return Status(201, report)


@router.get("/moderation/queue", response=list[ItemOut], auth=REQUIRED)
def queue(request, category: str = "", language: str = "", region: str = "", limit: int = 50):
    """Items waiting for a human, by severity × expected reach (moderators only)."""
    _require_moderator(request.user)
    items = selectors.queue_for(request.user, category=category, language=language, region=region)
    return [presenters.summary(i) for i in items[: max(1, min(limit, 200))]]


@router.get("/moderation/queue/{item_id}", response=ItemDetailOut, auth=REQUIRED)
def queue_item(request, item_id: int, target: str = ""):
    """One item with its translation into the moderator's language and the signals."""
    _require_moderator(request.user)
    return presenters.item_context(request.user, item_id, target=target)["api"]


@router.post("/moderation/queue/{item_id}/claim", response=ItemOut, auth=REQUIRED)
def claim(request, item_id: int):
    return presenters.summary(services.claim_item(item_id=item_id, moderator=request.user))


@router.post("/moderation/queue/{item_id}/release", response=ItemOut, auth=REQUIRED)
def release(request, item_id: int):
    return presenters.summary(services.release_item(item_id=item_id, moderator=request.user))


@router.post("/moderation/queue/{item_id}/decide", response=ItemOut, auth=REQUIRED)
def decide(request, item_id: int, payload: DecideIn):
    """Decide an item; appeals take uphold or reverse. A decision that restricts content
    (label, limit, withhold, remove) or upholds it on appeal needs a `reason`: the author reads
    it in their statement of reasons (400 without one)."""
    item = services.decide_review_item(
        item_id=item_id,
        moderator=request.user,
        action=payload.action,
        reason=payload.reason,
        regions=payload.regions,
        legal_basis=payload.legal_basis,
    )
    return presenters.summary(item)


@router.get("/moderation/notices", response=list[DecisionOut], auth=REQUIRED)
def notices(request):
    """Every decision about your content or account, with its statement of reasons."""
    return list(selectors.notices_for(request.user))


@router.post("/decisions/{decision_id}/appeal", response={201: AppealOut}, auth=REQUIRED)
def appeal(request, decision_id: int, payload: AppealIn):
    """Appeal a decision about your content (once; a different moderator decides)."""
    return Status(
        201,
        services.appeal_decision(author=request.user, decision_id=decision_id, text=payload.text),
    )


# --- suspensions ---------------------------------------------------------------------------------


@router.post("/users/{username}/unsuspend", response=UnsuspendOut, auth=REQUIRED)
def unsuspend(request, username: str, payload: UnsuspendIn):
    """Admins (staff who may change suspensions, as on the admin's Suspensions list): lift every
    suspension of this person in force and reactivate the account, audited with the `reason`
    (`crossnote moderation unsuspend`). 400 without a reason; 404 for no such person; 409 when
    none is in force (nothing was lifted, nothing audited: a retry after a lost answer reads
    409 too). Moderators end a suspension by reversing its decision on appeal (403 here)."""
    if not can_lift_suspensions(request.user):
        raise PermissionDenied(
            _("Only admins can lift suspensions; a moderator reverses one on appeal.")
        )
    person, lifted = services.lift_suspensions_of(username, request.user, payload.reason)
    return {"username": person.username, "lifted": lifted, "active": person.is_active}
