"""Feed pages: explore (masonry grid, infinite scroll by cursor) and following."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from crossnote.core.pagination import paginate
from crossnote.feeds import selectors
from crossnote.notes.selectors import liked_note_ids

PAGE_SIZE = 24


def _feed(request, queryset, template, extra=None):
    page = paginate(queryset, request.GET.get("cursor"), PAGE_SIZE)
    context = {
        "notes": page.items,
        "next_cursor": page.next_cursor,
        "liked_ids": liked_note_ids(request.user, page.items),
        **(extra or {}),
    }
    if request.htmx and request.GET.get("cursor"):
        return render(request, "notes/_cards.html", context)
    return render(request, template, context)


def explore(request):
    return _feed(
        request, selectors.explore_notes(request.user), "feeds/explore.html", {"feed": "explore"}
    )


@login_required
def following(request):
    return _feed(
        request,
        selectors.following_notes(request.user),
        "feeds/explore.html",
        {"feed": "following"},
    )
