"""The public profile page (`u/<username>/`): a person's notes, boards, followers and following.

It shows notes and follow state, so it sits above social, here in notes; it keeps its URL name
`accounts:profile` because crossnote/urls.py mounts `profile_urlpatterns` in the accounts
namespace (docs/architecture). Its notes are served on the card path (crossnote.notes.card_path):
a page of ids, then each card's picture, title and author from fragments kept per note version."""

from django.shortcuts import get_object_or_404, render

from crossnote.accounts.models import User
from crossnote.core.pagination import DEFAULT_PAGE_SIZE, paginate
from crossnote.notes import card_path
from crossnote.notes import selectors as note_selectors
from crossnote.social import selectors as social_selectors

PROFILE_TABS = ("notes", "boards", "followers", "following")


def _person(username: str) -> User:
    """The open account with this handle: as spelt first (the unique index answers), then in
    any case (a handle typed by hand), which SQLite can only answer by reading every account."""
    person = User.objects.filter(username=username, is_active=True).first()
    return person or get_object_or_404(User, username__iexact=username, is_active=True)


def profile(request, username):
    person = _person(username)
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
        page = card_path.notes_by_page(person, request.user, cursor, DEFAULT_PAGE_SIZE)
        notes, liked = card_path.card_path().page_notes(
            request.user, card_path.shown_notes, [(pk, None) for pk in page.items], name="profile"
        )
        context.update(notes=notes, next_cursor=page.next_cursor, liked_ids=liked)
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
