"""REST endpoints for the explore feed, the following timeline and the topics a reader picks."""

from django.conf import settings
from django.http import HttpResponse
from django.utils.translation import get_language
from ninja import Router

from crossnote.accounts.auth import OPTIONAL, REQUIRED
from crossnote.core.renderers import dumps
from crossnote.feeds import cards, ranking, selectors, services, timeline, visitors
from crossnote.feeds.schemas import ExplorePage, FollowingPage, TopicsIn, TopicsOut

router = Router(tags=["feeds"])


@router.get("/feeds/explore", response=ExplorePage, auth=OPTIONAL)
def explore(request, cursor: str | None = None, limit: int = 20):
    """Recommended public notes, ranked for the reader (engagement decayed by age, freshness,
    picked topics, people followed by those you follow, languages; no author twice on a page).
    Each note says `why`. Pass `next_cursor` back as `cursor` for the next page."""
    languages = ranking.reader_languages(request.user, get_language() or "")
    ttl = settings.CROSSNOTE_EXPLORE_CACHE_SECONDS
    if request.user.is_authenticated or cursor or ttl <= 0:
        # The page's ids from the ranked pool, then one query for what the reader may see of
        # them now (with counts and liked/collected), and cards made once per note version.
        page = selectors.explore_entries(request.user, cursor, limit, languages)
        entries = [(note_id, {"why": _reasons(why)}) for note_id, why in page.items]
        items = cards.page_items(request.user, selectors.explore_shown, entries, name="explore")
        return _json({"items": items, "next_cursor": page.next_cursor})
    # Visitors of one region and language share one first page, as a CDN would; each hit asks
    # the database whether its notes may all still be shown (crossnote.feeds.visitors).
    body = visitors.first_page(request.user, languages, limit)
    return HttpResponse(body, content_type=JSON)


JSON = "application/json; charset=utf-8"


def _json(body: dict) -> HttpResponse:
    """An answer already made of plain values (the operation's schema documents it)."""
    return HttpResponse(dumps(body), content_type=JSON)


def _reasons(why: list[dict]) -> list[dict]:
    """Reasons as the Reason schema writes them."""
    return [{"code": r["code"], "text": r["text"], "topic": r.get("topic")} for r in why]


@router.get("/feeds/following", response=FollowingPage, auth=REQUIRED)
def following(request, cursor: str | None = None, limit: int = 20):
    """Notes by people you follow, newest first; notes by people you follow on other servers
    within the page's span in `elsewhere`."""
    page, facts = timeline.following_facts(request.user, cursor, limit)
    entries = [(note.pk, None) for note in page.items]
    items = cards.page_items(
        request.user, selectors.following_shown, entries, name="following", facts=facts
    )
    elsewhere = [c.as_dict() for c in selectors.elsewhere_between(request.user, page, cursor)]
    return _json({"items": items, "next_cursor": page.next_cursor, "elsewhere": elsewhere})


def _topics(user):
    picked = [t.name for t in selectors.picked_topics(user)]
    return {"picked": picked, "suggested": [t.name for t in selectors.suggested_topics()]}


@router.get("/feeds/topics", response=TopicsOut, auth=REQUIRED)
def topics(request):
    """The topics you picked for explore, and popular topics to pick from."""
    return _topics(request.user)


@router.put("/feeds/topics", response=TopicsOut, auth=REQUIRED)
def pick_topics(request, payload: TopicsIn):
    """Replace the topics you follow in explore (cold start for a new account)."""
    services.pick_topics(user=request.user, names=payload.topics)
    return _topics(request.user)
