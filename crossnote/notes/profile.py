"""The public profile page (`u/<username>/`): a person's notes, boards, followers and following.

It shows notes and follow state, so it sits above social, here in notes; it keeps its URL name
`accounts:profile` because crossnote/urls.py mounts `profile_urlpatterns` in the accounts
namespace (docs/architecture)."""

from django.shortcuts import get_object_or_404, render

from crossnote.accounts.models import User
from crossnote.core.pagination import paginate
from crossnote.notes import selectors as note_selectors
from crossnote.social import selectors as social_selectors

PROFILE_TABS = ("notes", "boards", "followers", "following")


def profile(request, username):
    person = get_object_or_404(User, username__iexact=username, is_active=True)
    tab = request.GET.get("tab", "notes")
    if tab not in PROFILE_TABS:
        tab = "notes"
    context = {
        "person": person,
        "tab": tab,
        "is_following": social_selectors.is_following(request.user, person),
        "is_me": request.user.is_authenticated and request.user.pk == person.pk,
        "i_blocked": social_selectors.has_blocked(request.user, person),
    }
    cursor = request.GET.get("cursor")
    if tab == "notes":
        page = paginate(note_selectors.notes_by(person, request.user), cursor)
        context.update(notes=page.items, next_cursor=page.next_cursor)
    elif tab == "boards":
        context["boards"] = note_selectors.boards_of(person, request.user)
    else:
        rows = (
            social_selectors.followers_of(person)
            if tab == "followers"
            else social_selectors.following_of(person)
        )
        page = paginate(rows, cursor, 50)
        context.update(
            people=[f.follower if tab == "followers" else f.followee for f in page.items],
            next_cursor=page.next_cursor,
        )
    return render(request, "accounts/profile.html", context)
