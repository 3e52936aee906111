"""Pages: the sign-up waiting page (everyone) and the staff's sign-up controls."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from crossnote.core.errors import PermissionDenied
from crossnote.core.forms import run_service
from crossnote.security import forms, services
from crossnote.security.models import InviteCode, SignupApplication
from crossnote.security.policies import can_manage_signups


def waiting(request):
    """Where a sign-up stands (waiting, approved, not approved) or why sign-up is closed."""
    application = None
    application_id = request.session.get("signup_application")
    if application_id:
        application = SignupApplication.objects.filter(pk=application_id).first()
    return render(
        request,
        "security/waiting.html",
        {"surge": services.surge_settings(), "application": application},
    )


def _staff(request) -> None:
    if not can_manage_signups(request.user):
        raise PermissionDenied(_("Only staff can change how sign-up works."))


@login_required
def signups(request):
    """Staff: the sign-up mode, invite codes and the approval queue on one page."""
    _staff(request)
    surge = services.surge_settings()
    return render(
        request,
        "security/signups.html",
        {
            "surge": surge,
            "surge_form": forms.SurgeForm(
                initial={
                    "mode": surge.mode,
                    "signups_per_hour": surge.signups_per_hour,
                    "notice": surge.notice,
                }
            ),
            "invite_form": forms.InviteForm(),
            "invites": InviteCode.objects.select_related("created_by")[:100],
            "applications": SignupApplication.objects.filter(
                status=SignupApplication.Status.PENDING
            ).select_related("user")[:200],
        },
    )


@login_required
@require_POST
def set_mode(request):
    _staff(request)
    form = forms.SurgeForm(request.POST)
    if form.is_valid() and run_service(
        form, services.set_surge_mode, by=request.user.username, **form.cleaned_data
    ):
        messages.success(request, _("Sign-up mode saved."))
    else:
        for errors in form.errors.values():
            messages.error(request, errors[0])
    return redirect("security:signups")


@login_required
@require_POST
def create_invite(request):
    _staff(request)
    form = forms.InviteForm(request.POST)
    if form.is_valid():
        invite = run_service(
            form, services.create_invite, created_by=request.user, **form.cleaned_data
        )
        if invite:
            messages.success(request, _("Invite code created: %(code)s") % {"code": invite.code})
            return redirect("security:signups")
    for errors in form.errors.values():
        messages.error(request, errors[0])
    return redirect("security:signups")


@login_required
@require_POST
def revoke_invite(request, pk):
    _staff(request)
    services.revoke_invite(code=str(pk))
    messages.success(request, _("Invite code revoked."))
    return redirect("security:signups")


@login_required
@require_POST
def decide_application(request, pk, decision):
    _staff(request)
    application = services.decide_application(
        application_id=pk, approve=decision == "approve", by=request.user.username
    )
    if application.status == SignupApplication.Status.APPROVED:
        messages.success(request, _("%(name)s may now log in.") % {"name": application.username})
    else:
        messages.success(request, _("%(name)s was not approved.") % {"name": application.username})
    return redirect("security:signups")
