"""The Settings page for account moves (crossnote.federation.moving): name old accounts
elsewhere as aliases (so they can move here), and move this account to one elsewhere, with a
confirmation and the current password, as Mastodon's account-migration page asks. Also the
instance actor's document, and the page to report a remote note to its server's moderators
(crossnote.federation.flags)."""

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from crossnote.core.errors import DomainError
from crossnote.federation import activities, flags, moving, selectors, services
from crossnote.federation.models import RemoteNote


def _page(request, *, alias_error="", move_error="", cancel_error="", status=200):
    user = request.user
    return render(
        request,
        "federation/moving.html",
        {
            "handle": f"@{user.username}@{activities.domain()}",
            "actor": activities.actor_uri(user),
            "aliases": moving.aliases_of(user),
            "moved": moving.current_move(user),
            "alias_error": alias_error,
            "move_error": move_error,
            "cancel_error": cancel_error,
            "alias_address": request.POST.get("address", "") if alias_error else "",
            "move_address": request.POST.get("address", "") if move_error else "",
        },
        status=status,
    )


@login_required
def moving_page(request):
    """GET: the page; POST with `action` = add-alias, remove-alias or move."""
    if not activities.enabled():
        raise Http404("federation is off")
    if request.method != "POST":
        return _page(request)
    action, user = request.POST.get("action", ""), request.user
    try:
        if action == "add-alias":
            alias = moving.add_alias(user=user, address=request.POST.get("address", ""))
            messages.success(
                request, _("%(address)s can now move here.") % {"address": alias.address}
            )
        elif action == "remove-alias":
            moving.forget_alias(user=user, alias_id=int(request.POST.get("alias") or 0))
            messages.success(request, _("Alias removed."))
        elif action == "move":
            if request.POST.get("confirm") != "yes":
                return _page(
                    request,
                    move_error=_("Tick the box to confirm that you want to move."),
                    status=400,
                )
            move = moving.move_account(
                user=user,
                address=request.POST.get("address", ""),
                password=request.POST.get("password", ""),
            )
            messages.success(
                request,
                _("Your account has moved to %(address)s.") % {"address": move.target_address},
            )
        elif action == "cancel":
            moving.cancel_move(user=user, password=request.POST.get("password", ""))
            messages.success(request, _("The redirect is cancelled: you can post here again."))
        else:
            return _page(request, move_error=_("Unknown action."), status=400)
    except DomainError as exc:
        key = {"add-alias": "alias_error", "cancel": "cancel_error"}.get(action, "move_error")
        return _page(request, status=400, **{key: exc.message})
    except ValueError:
        return _page(request, move_error=_("Unknown action."), status=400)
    return redirect("moving:page")


def instance_actor(request):
    """The server's own actor (it signs forwarded reports), as Mastodon's /actor."""
    if not activities.enabled():
        raise Http404("federation is off")
    doc = activities.instance_actor(flags.instance_key().public_pem)
    return HttpResponse(json.dumps(doc), content_type="application/activity+json")


@login_required
def report_note(request, pk: int):
    """Report a note from elsewhere to its server's moderators (sent without your name)."""
    if not activities.enabled():
        raise Http404("federation is off")
    note = get_object_or_404(
        RemoteNote.objects.select_related("actor").exclude(moderation__in=selectors.HIDDEN_ACTIONS),
        pk=pk,
    )
    if services.is_blocked(note.actor.domain):
        raise Http404("blocked")
    error = ""
    if request.method == "POST":
        try:
            domain = flags.report_remote_note(
                reporter=request.user, note=note, comment=request.POST.get("comment", "")
            )
        except DomainError as exc:
            error = exc.message
        else:
            messages.success(
                request,
                _("Your report was sent to the moderators of %(domain)s.") % {"domain": domain},
            )
            return redirect("federation:remote_person", pk=note.actor_id)
    return render(
        request,
        "federation/report_note.html",
        {"note": note, "error": error, "comment": request.POST.get("comment", "")},
        status=400 if error else 200,
    )
