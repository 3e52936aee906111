"""Explore's first page for visitors: one page per region and language, shared by all of them.

As a CDN would, visitors of one region and language (and page size) share one first page, kept
as the JSON the API answers: in the shared cache, so one process makes it for every worker, and
in each process's memory, so a hit reads no cache. It is remade when a note, comment, topic pick
or follow is written (crossnote.feeds.ranking.freshness, part of its key), after
CROSSNOTE_EXPLORE_CACHE_SECONDS (its counts may lag that long), or when any of its notes may no
longer be shown to a visitor of that region or was edited since: every hit asks the database, in
one compiled query through the visibility rule (crossnote.feeds.cards.shown_versions), for the
page's notes as they may be shown now with their versions and labels, so moderation (a content
warning too), withholding, a closed account or an edit act at once, whichever process kept the
page. On PostgreSQL a hit asks nothing while the database has announced no write that could
change the page since it was checked (crossnote.core.pgnews): the same rule, told, not asked.
"""

import time

from django.conf import settings
from django.core.cache import cache
from django.utils.translation import get_language

from crossnote.core import pgnews
from crossnote.core.memo import BoundedMemo
from crossnote.core.renderers import dumps
from crossnote.feeds import cards, ranking, selectors
from crossnote.feeds.schemas import ExplorePage

MEMO_SIZE = 512  # pages per process: one per region, languages and page size

_memo: BoundedMemo = BoundedMemo(MEMO_SIZE)


def forget_all() -> None:
    """Empty this process's pages (tests)."""
    _memo.forget()


cards.forget_with(forget_all)


def _recall(reader: str, fresh: str, now: float) -> dict | None:
    page = _memo.get(reader)
    if page is None or page["fresh"] != fresh or page["until"] <= now:
        return None
    return page


def _remember(reader: str, page: dict) -> None:
    _memo.remember(reader, page)


def _versions(viewer, ids: list[int]) -> tuple:
    return cards.shown_versions(viewer, selectors.explore_shown, ids, name="explore")


def first_page(viewer, languages: list[str], limit: int) -> bytes:
    """The first explore page for a visitor (`viewer` is anonymous, with its region) as JSON."""
    ttl = settings.CROSSNOTE_EXPLORE_CACHE_SECONDS
    # The UI language too (not only the languages read): the page's texts (why, content
    # warnings) are written in it, and zh-hans and zh-hant readers both read "zh".
    reader = f"{ranking.reader_key(viewer, languages, limit)}:{get_language()}"
    now = time.time()
    # On PostgreSQL a page checked at this generation of the database's news is still good:
    # nothing it shows was written since (crossnote.core.pgnews). Read before the checks below,
    # so news arriving during them makes the next hit check again.
    generation = pgnews.generation()
    if generation is not None:
        kept = _memo.get(reader)
        if kept is not None and kept.get("generation") == generation and kept["until"] > now:
            return kept["body"]
    fresh = ranking.freshness()
    page = _recall(reader, fresh, now)
    if page is None:
        page = cache.get(f"feeds:visitor-page:{fresh}:{reader}")
        if page is not None and ("versions" not in page or page["fresh"] != fresh):
            page = None  # kept by an older version of this module
    if page is not None and _versions(viewer, page["ids"]) == page["versions"]:
        if page.get("generation") != generation or page is not _memo.get(reader):
            _remember(reader, {**page, "generation": generation})
        return page["body"]
    return _make(viewer, languages, limit, reader, fresh, ttl, generation)


def _make(
    viewer,
    languages: list[str],
    limit: int,
    reader: str,
    fresh: str,
    ttl: int,
    generation: int | None = None,
) -> bytes:
    stale = ranking.served_stale.set(False)
    try:
        made = selectors.explore_page(viewer, None, limit, languages)
        body = dumps(
            ExplorePage.model_validate(
                {"items": made.items, "next_cursor": made.next_cursor}, from_attributes=True
            ).model_dump()
        )
        ids = [note.pk for note in made.items]
        versions = _versions(viewer, ids)
        # A stale pool's page is not kept (it is being refreshed), nor one whose note was
        # hidden while it was made: the next hit would not see that anything changed.
        if not ranking.served_stale.get() and len(versions) == len(set(ids)):
            page = {
                "fresh": fresh,
                "until": time.time() + ttl,
                "ids": ids,
                "versions": versions,
                "body": body,
            }
            cache.set(f"feeds:visitor-page:{fresh}:{reader}", page, ttl)
            _remember(reader, {**page, "generation": generation})
    finally:
        ranking.served_stale.reset(stale)
    return body
