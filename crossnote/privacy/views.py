"""The privacy settings page: settings, blocks and mutes, exports, log-ins, account deletion."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from crossnote.accounts.models import User
from crossnote.core.errors import DomainError
from crossnote.core.forms import run_service
from crossnote.privacy import forms, selectors, services
from crossnote.social import services as social


def _context(request, **extra) -> dict:
    user = request.user
    exports = selectors.recent_exports(user)
    for export in exports:
        if export.status == export.Status.READY:
            export.download_url = services.download_url(export)  # type: ignore[attr-defined]
    return {
        "form": extra.pop("form", None)
        or forms.PrivacySettingsForm(
            initial={
                "comment_permission": user.comment_permission,
                "discoverable": user.discoverable,
                "hide_region": user.hide_region,
            }
        ),
        "delete_form": extra.pop("delete_form", None) or forms.DeleteAccountForm(),
        "region_name": services.region_name(user.data_region),
        "exports": exports,
        "polling": any(e.in_progress for e in exports),
        "logins": selectors.recent_logins(user),
        "access": selectors.recent_access(user),
        "blocked": selectors.blocked_people(user),
        "muted": selectors.muted_people(user),
        "grace_days": settings.CROSSNOTE_DELETION_GRACE_DAYS,
        "export_days": settings.CROSSNOTE_EXPORT_DAYS,
        **extra,
    }


@login_required
def settings_page(request):
    form = forms.PrivacySettingsForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if run_service(
            form, services.update_privacy_settings, user=request.user, **form.cleaned_data
        ):
            messages.success(request, _("Privacy settings saved."))
            return redirect("privacy:settings")
    if request.method != "POST":
        form = None
    return render(request, "privacy/settings.html", _context(request, form=form))


@login_required
def exports(request):
    """GET: the exports list (polled by HTMX while one is being prepared). POST: ask for one."""
    if request.method == "POST":
        try:
            services.request_export(user=request.user, via="page", language=get_language())
            if not request.htmx:
                messages.success(request, _("Your export is being prepared."))
        except DomainError as exc:
            if not request.htmx:
                messages.error(request, exc.message)
                return redirect("privacy:settings")
            context = _context(request, export_error=exc.message)
            return render(request, "privacy/_exports.html", context, status=exc.status)
        if not request.htmx:
            return redirect("privacy:settings")
    return render(request, "privacy/_exports.html", _context(request))


@login_required
def download(request, pk):
    export = services.check_download(
        user=request.user, export_id=pk, token=request.GET.get("t", "")
    )
    stamp = (export.finished_at or timezone.now()).strftime("%Y-%m-%d")
    return FileResponse(
        services.open_export(export),
        as_attachment=True,
        filename=f"crossnote-{request.user.username}-{stamp}.zip",
        content_type="application/zip",
    )


@login_required
@require_POST
def people(request):
    """Block, unblock, mute or unmute someone by username."""
    form = forms.PersonForm(request.POST)
    action = request.POST.get("action", "")
    actions = {
        "block": (lambda p: social.block_user(blocker=request.user, blocked=p), _("Blocked.")),
        "unblock": (
            lambda p: social.unblock_user(blocker=request.user, blocked=p),
            _("Unblocked."),
        ),
        "mute": (lambda p: social.mute_user(muter=request.user, muted=p), _("Muted.")),
        "unmute": (lambda p: social.unmute_user(muter=request.user, muted=p), _("Unmuted.")),
    }
    if not form.is_valid() or action not in actions:
        messages.error(request, _("Give a username and an action."))
        return redirect("privacy:settings")
    person = get_object_or_404(User, username__iexact=form.cleaned_data["username"].lstrip("@"))
    call, done = actions[action]
    try:
        call(person)
        messages.success(request, done)
    except DomainError as exc:
        messages.error(request, exc.message)
    back = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        return redirect(back)
    return redirect("privacy:settings")


@login_required
@require_POST
def delete_account(request):
    form = forms.DeleteAccountForm(request.POST)
    status = 400
    if form.is_valid():
        try:
            services.request_deletion(
                user=request.user, password=form.cleaned_data["password"], via="page"
            )
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
            status = exc.status
        else:
            logout(request)
            return redirect("privacy:goodbye")
    return render(
        request, "privacy/settings.html", _context(request, delete_form=form), status=status
    )


def goodbye(request):
    return render(
        request,
        "privacy/goodbye.html",
        {"grace_days": settings.CROSSNOTE_DELETION_GRACE_DAYS},
    )
