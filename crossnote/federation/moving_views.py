"""The Settings page for account moves (crossnote.federation.moving): name old accounts
elsewhere as aliases (so they can move here), and move this account to one elsewhere, with a
confirmation and the current password, as Mastodon's account-migration page asks."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from crossnote.core.errors import DomainError
from crossnote.federation import activities, moving


def _page(request, *, alias_error="", move_error="", status=200):
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
        else:
            return _page(request, move_error=_("Unknown action."), status=400)
    except DomainError as exc:
        key = "alias_error" if action == "add-alias" else "move_error"
        return _page(request, status=400, **{key: exc.message})
    except ValueError:
        return _page(request, move_error=_("Unknown action."), status=400)
    return redirect("moving:page")
