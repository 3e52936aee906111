"""Search pages: /search (notes as masonry cards, people, topics) and suggestions as you type."""

from django.shortcuts import render

from crossnote.core import hooks
from crossnote.core.errors import InvalidInput
from crossnote.feeds import pages
from crossnote.notes.selectors import get_visible_note, liked_note_ids
from crossnote.search import selectors, services
from crossnote.search.cursors import decode_offset, encode_offset

PAGE_SIZE = 24


def search(request):
    """The search page; with HTMX and a cursor, only the next cards (infinite scroll)."""
    text = request.GET.get("q", "")
    kind = request.GET.get("type", "notes")
    context = {"q": " ".join(text.split()), "type": kind, "types": selectors.TYPES}
    if not context["q"]:
        return render(request, "search/search.html", context)
    if not request.GET.get("cursor"):  # people and notes from other servers (federation)
        context["elsewhere"] = hooks.collect(
            hooks.SEARCH_ELSEWHERE, viewer=request.user, text=text, notes=kind == "notes"
        )
    try:
        kind = selectors.clean_type(kind)
        offset = decode_offset(request.GET.get("cursor"))
        results = selectors.search(request.user, text, type=kind, offset=offset, limit=PAGE_SIZE)
    except InvalidInput as exc:
        context["error"] = exc.message
        return render(request, "search/search.html", context, status=400)
    next_cursor = encode_offset(results.next_offset)
    notes, liked = _note_cards(request.user, results.items) if kind == "notes" else ([], set())
    context.update(
        type=kind, results=results, notes=notes, next_cursor=next_cursor, liked_ids=liked
    )
    if request.htmx and offset:
        return render(request, f"search/_{kind}_page.html", context)
    services.record_search(user=request.user, query=text)
    return render(request, "search/search.html", context)


def _note_cards(viewer, found) -> tuple[list, set[int]]:
    """(cards for notes/_cards.html, ids the reader liked) of the found notes, in order: the
    explore page's path (crossnote.feeds.pages), each card with its search hit."""
    notes, liked = pages.page_notes(
        viewer, selectors.search_shown, [(note.pk, None) for note in found], name="search"
    )
    hits = {note.pk: note.search_hit for note in found}
    for note in notes:
        note.search_hit = hits[note.pk]
    return notes, liked


def related(request, pk: int):
    """Notes close in meaning to note `pk`, in any language (loaded into the note page)."""
    note = get_visible_note(request.user, pk)
    notes = selectors.related_notes(request.user, note)
    context = {"notes": notes, "liked_ids": liked_note_ids(request.user, notes)}
    return render(request, "search/_related.html", context)


def suggest(request):
    """Suggestions under the search box (HTMX): topics, people, your recent searches."""
    text = request.GET.get("q", "")
    found = selectors.suggest(request.user, text)
    elsewhere = hooks.collect(hooks.SEARCH_ELSEWHERE, viewer=request.user, text=text, notes=False)
    context = {"found": found, "q": text, "elsewhere": elsewhere}
    return render(request, "search/_suggest.html", context)
