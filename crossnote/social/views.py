"""Social pages: follow buttons and the notifications list."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from crossnote.accounts.models import User
from crossnote.core.pagination import paginate
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
            },
        )
    return redirect(safe_next(request, person.get_absolute_url()))


@login_required
def notifications(request):
    page = paginate(selectors.notifications_for(request.user), request.GET.get("cursor"), 30)
    unread_ids = [n.pk for n in page.items if n.read_at is None]
    response = render(
        request,
        "social/notifications.html",
        {
            "items": selectors.present_notifications(request.user, page.items),
            "next_cursor": page.next_cursor,
            "unread_ids": set(unread_ids),
            "unread_notifications": max(0, selectors.unread_count(request.user) - len(unread_ids)),
        },
    )
    services.mark_notifications_read(user=request.user, ids=unread_ids)
    return response
