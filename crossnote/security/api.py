"""REST endpoints: the public sign-up mode, and staff controls for surges and rate limits."""

from ninja import Router, Status

from crossnote.core.api_auth import OPTIONAL, REQUIRED
from crossnote.core.errors import NotAuthenticated, PermissionDenied
from crossnote.security import services
from crossnote.security.models import InviteCode, SignupApplication
from crossnote.security.policies import can_manage_signups
from crossnote.security.ratelimits import effective_rates
from crossnote.security.schemas import (
    ApplicationOut,
    InviteIn,
    InviteOut,
    RateIn,
    RateOut,
    SignupModeOut,
    SurgeIn,
    SurgeOut,
)

router = Router(tags=["security"])


def _staff(request) -> None:
    if not request.user.is_authenticated:
        raise NotAuthenticated()
    if not can_manage_signups(request.user):
        raise PermissionDenied()


@router.get("/signup-mode", response=SignupModeOut, auth=OPTIONAL)
def signup_mode(request):
    """How sign-up works right now (open, limited, approval, invite), for clients and visitors."""
    return services.surge_settings()


@router.get("/security/surge", response=SurgeOut, auth=REQUIRED)
def get_surge(request):
    _staff(request)
    return services.surge_settings()


@router.put("/security/surge", response=SurgeOut, auth=REQUIRED)
def put_surge(request, payload: SurgeIn):
    """Staff: switch the sign-up mode; takes effect at once for every process."""
    _staff(request)
    return services.set_surge_mode(by=request.user.username, **payload.dict())


@router.get("/security/invites", response=list[InviteOut], auth=REQUIRED)
def list_invites(request):
    _staff(request)
    return list(InviteCode.objects.all()[:500])


@router.post("/security/invites", response={201: InviteOut}, auth=REQUIRED)
def create_invite(request, payload: InviteIn):
    _staff(request)
    return Status(201, services.create_invite(created_by=request.user, **payload.dict()))


@router.delete("/security/invites/{invite_id}", response=InviteOut, auth=REQUIRED)
def revoke_invite(request, invite_id: int):
    _staff(request)
    return services.revoke_invite(code=str(invite_id))


@router.get("/security/applications", response=list[ApplicationOut], auth=REQUIRED)
def list_applications(request, status: str = "pending"):
    _staff(request)
    return list(SignupApplication.objects.filter(status=status)[:500])


@router.post(
    "/security/applications/{application_id}/approve", response=ApplicationOut, auth=REQUIRED
)
def approve_application(request, application_id: int):
    _staff(request)
    return services.decide_application(
        application_id=application_id, approve=True, by=request.user.username
    )


@router.post(
    "/security/applications/{application_id}/reject", response=ApplicationOut, auth=REQUIRED
)
def reject_application(request, application_id: int):
    _staff(request)
    return services.decide_application(
        application_id=application_id, approve=False, by=request.user.username
    )


@router.get("/security/rate-limits", response=list[RateOut], auth=REQUIRED)
def rate_limits(request):
    """Staff: every rate limit in force (defaults, CROSSNOTE_RATE_LIMITS, admin rules)."""
    _staff(request)
    return [
        {"action": action, "scope": scope, "rate": rate}
        for action, scopes in effective_rates().items()
        for scope, rate in scopes.items()
    ]


@router.put("/security/rate-limits/{action}/{scope}", response=list[RateOut], auth=REQUIRED)
def set_rate_limit(request, action: str, scope: str, payload: RateIn):
    """Staff: override one limit (an empty rate goes back to the default)."""
    _staff(request)
    services.set_rate_rule(action=action, scope=scope, rate=payload.rate)
    return rate_limits(request)
