"""The regression suite run on a moderator's request (the suite page, the API): its report kept
with when it ran and on which classifier version, so the page shows it without the ~6 s wait."""

import time

from django.core.cache import cache
from django.utils import timezone

from crossnote.moderation import selectors
from crossnote.moderation.suite import run_suite

# Failing cases kept of each side (missed, acted on): enough for a page, small enough to cache.
ERRORS_KEPT = 50


def run_suite_now(*, group: str = "", by=None, errors: int = ERRORS_KEPT) -> dict:
    """Run the suite (one group of it, if named: a set, a kind or a language) and remember the
    result as the last run. Raises suite.UnknownGroup for a group that names nothing."""
    started = time.perf_counter()
    result = run_suite(group=group, errors=errors)
    result.pop("text", None)
    result.update(
        group=group,
        ran_at=timezone.now(),
        seconds=round(time.perf_counter() - started, 1),
        classifier=selectors.active_classifier_version(),
        by=getattr(by, "username", "") or "",
    )
    cache.set(selectors.SUITE_CACHE_KEY, result, None)
    return result
