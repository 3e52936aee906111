"""Social pages: follow buttons and the notifications list."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import pgettext_lazy
from django.views.decorators.http import require_POST

from crossnote.accounts.models import User
from crossnote.security.ratelimits import rate_limit
from crossnote.security.redirects import safe_next
from crossnote.social import selectors, services


@login_required
@require_POST
@rate_limit("follow")
def follow(request, username):
    person = get_object_or_404(User, username=username, is_active=True)
    if request.POST.get("action") == "unfollow":
        services.unfollow_user(follower=request.user, followee=person)
    elif person.pk != request.user.pk:
        services.follow_user(follower=request.user, followee=person)
    if request.htmx:
        person.refresh_from_db(fields=["follower_count"])
        return render(
            request,
            "social/_follow_button.html",
            {
                "person": person,
                "is_following": selectors.is_following(request.user, person),
                # From the profile: the follower count beside the button follows (out of band).
                "show_count": request.POST.get("show_count") == "1",
                "oob": True,
            },
        )
    return redirect(safe_next(request, person.get_absolute_url()))


@login_required
def notifications(request):
    """Tabs (all, likes and saves, new followers, comments and @mentions), one line per group,
    newest first; what the tab shows is marked read once the page is built."""
    tab = request.GET.get("tab", "all")
    if tab not in selectors.TAB_NAMES:
        tab = "all"
    groups, next_cursor = selectors.grouped_notifications(
        request.user, tab=tab, cursor=request.GET.get("cursor"), limit=30
    )
    counts = selectors.unread_by_tab(request.user)
    shown_unread = sum(g.unread_count for g in groups)
    response = render(
        request,
        "social/notifications.html",
        {
            "groups": groups,
            "next_cursor": next_cursor,
            "tab": tab,
            "tabs": [
                (name, TAB_LABELS[name], counts[name] if name != "all" else 0)
                for name in selectors.TAB_NAMES
            ],
            # The top bar's badge counts what is still unread after this page is read.
            "unread_notifications": max(0, counts["all"] - shown_unread),
        },
    )
    services.mark_groups_read(user=request.user, groups=groups)
    return response


TAB_LABELS = {
    "all": pgettext_lazy("notifications tab", "All"),
    "likes": pgettext_lazy("notifications tab", "Likes & saves"),
    "follows": pgettext_lazy("notifications tab", "New followers"),
    "comments": pgettext_lazy("notifications tab", "Comments & @"),
}
