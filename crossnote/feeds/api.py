"""REST endpoints for the explore feed and the following timeline."""

from ninja import Router

from crossnote.accounts.auth import OPTIONAL, REQUIRED
from crossnote.feeds import selectors
from crossnote.notes.api import note_page
from crossnote.notes.schemas import NotePage

router = Router(tags=["feeds"])


@router.get("/feeds/explore", response=NotePage, auth=OPTIONAL)
def explore(request, cursor: str | None = None, limit: int = 20):
    """Public notes, newest first; pass `next_cursor` back as `cursor` for the next page."""
    return note_page(selectors.explore_notes(request.user), request.user, cursor, limit)


@router.get("/feeds/following", response=NotePage, auth=REQUIRED)
def following(request, cursor: str | None = None, limit: int = 20):
    """Notes by people you follow, newest first."""
    return note_page(selectors.following_notes(request.user), request.user, cursor, limit)
