"""Keeps privacy work moving on an embedded install with no task scheduler.

At most every SWEEP_EVERY seconds per process, the first request checks whether exports or
erasures are waiting (one cheap query) and, if so, runs crossnote.privacy.tasks.sweep in a
background thread. Deployments with a scheduler can run `crossnote privacy sweep` instead.
"""

import logging

from django.core.cache import cache

log = logging.getLogger(__name__)

SWEEP_EVERY = 300
CACHE_KEY = "privacy:sweep-checked"


class PrivacySweepMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if cache.add(CACHE_KEY, 1, SWEEP_EVERY):
            self._maybe_sweep()
        return response

    def _maybe_sweep(self) -> None:
        from crossnote.privacy import tasks

        try:
            if tasks.has_work():
                tasks.spawn(tasks.sweep)
        except Exception:  # never let housekeeping break a page
            log.warning("privacy sweep check failed", exc_info=True)
