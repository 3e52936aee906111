"""REST endpoints: search notes, people and topics; suggestions as you type."""

from django.http import HttpResponse
from ninja import Router

from crossnote.accounts.auth import OPTIONAL
from crossnote.core import hooks
from crossnote.core.renderers import dumps
from crossnote.feeds import cards
from crossnote.search import selectors
from crossnote.search.cursors import decode_offset, encode_offset
from crossnote.search.schemas import SearchOut, SuggestOut

router = Router(tags=["search"])

API_MAX_LIMIT = 50


@router.get("/search", response=SearchOut, auth=OPTIONAL)
def search(request, q: str, type: str = "notes", cursor: str | None = None, limit: int = 20):
    """Search notes, people or topics in Chinese and English (traditional and simplified alike;
    English queries also find Chinese notes and the reverse). Results respect visibility.
    At most 500 results per query; pass `next_cursor` back as `cursor`."""
    limit = selectors.clean_limit(limit, API_MAX_LIMIT)
    results = selectors.search(
        request.user, q, type=type, offset=decode_offset(cursor), limit=limit
    )
    answer = {
        "type": results.type,
        "query": results.query.text,
        "terms": [t.token for t in results.query.terms],
        "translations": results.translations,
        "exact": results.exact,
        "similar": results.similar,
        results.type: results.items if results.type != "notes" else [],
        "next_cursor": encode_offset(results.next_offset),
        "elsewhere": [] if cursor else _elsewhere(request.user, q, notes=results.type == "notes"),
    }
    if results.type != "notes":
        return answer
    # Notes as cards (crossnote.feeds.cards): each made once per note version, with one
    # question for what the reader may see of them now (counts, liked, collected); the rest of
    # the answer is written by its schema, as any answer is.
    body = SearchOut.model_validate(answer).model_dump()
    body["notes"] = _note_hits(request.user, results.items)
    return HttpResponse(dumps(body), content_type="application/json; charset=utf-8")


def _note_hits(viewer, found) -> list[dict]:
    """The found notes as NoteHitOut writes them, in order, those the reader may not see now
    left out."""
    hits = {}
    for note in found:
        hit = note.search_hit
        hits[note.pk] = {
            "snippet": str(hit.snippet),
            "language": hit.language or "",
            "translated": hit.translated,
            "similar": hit.similar,
        }
    entries = [(note.pk, {"in_photo": note.search_hit.in_photo}) for note in found]
    items = cards.page_items(viewer, selectors.search_shown, entries, name="search")
    # NoteHitOut's order: what search adds first, the note, then in_photo.
    return [{**hits[item["id"]], **item} for item in items]


def _elsewhere(viewer, text: str, *, notes: bool) -> list[dict]:
    """People and notes from other servers (federation answers SEARCH_ELSEWHERE)."""
    found = hooks.collect(hooks.SEARCH_ELSEWHERE, viewer=viewer, text=text, notes=notes)
    return [hit.as_dict() for hit in found]


@router.get("/search/suggest", response=SuggestOut, auth=OPTIONAL)
def suggest(request, q: str = ""):
    """Topics and people starting with what was typed (Chinese topics also by pinyin or its
    initials: `hg` → 火锅), and your own recent searches."""
    found = selectors.suggest(request.user, q)
    return {
        "topics": found.topics,
        "users": found.users,
        "recent": found.recent,
        "elsewhere": _elsewhere(request.user, q, notes=False),
    }
