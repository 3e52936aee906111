"""REST endpoints: search notes, people and topics; suggestions as you type."""

from ninja import Router

from crossnote.accounts.auth import OPTIONAL
from crossnote.core import hooks
from crossnote.notes.api import mark_viewer_state
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
    if results.type == "notes":
        mark_viewer_state(results.items, request.user)
    return {
        "type": results.type,
        "query": results.query.text,
        "terms": [t.token for t in results.query.terms],
        "translations": results.translations,
        "exact": results.exact,
        "similar": results.similar,
        results.type: results.items,
        "next_cursor": encode_offset(results.next_offset),
        "elsewhere": [] if cursor else _elsewhere(request.user, q, notes=results.type == "notes"),
    }


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
