"""The regression suite run on a moderator's request (the suite page, the API, the command line):
its report kept with when it ran and on which classifier version, so the page shows it without
the ~6 s wait."""

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
    return remember_suite_run(result, group=group, seconds=time.perf_counter() - started, by=by)


def remember_suite_run(result: dict, *, group: str, seconds: float, by=None) -> dict:
    """Keep a run of the shipped cases (`runner.report`'s result) as the last run the suite
    page and GET /moderation/suite/last show, whoever ran it: the page, the API or
    `crossnote moderation suite` (by None). At most ERRORS_KEPT failing cases of each side."""
    kept = {key: value for key, value in result.items() if key != "text"}
    failures = dict(kept.get("failures", {}))
    for key in ("missed", "false_alarms"):
        failures[key] = list(failures.get(key, []))[:ERRORS_KEPT]
    kept.update(
        failures=failures,
        group=group,
        ran_at=timezone.now(),
        seconds=round(seconds, 1),
        classifier=selectors.active_classifier_version(),
        by=getattr(by, "username", "") or "",
    )
    cache.set(selectors.SUITE_CACHE_KEY, kept, None)
    return kept
