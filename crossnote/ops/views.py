"""Liveness (/healthz), readiness (/readyz), Prometheus metrics (/metrics) and the staff status
page (/ops/status/: `crossnote doctor` in the browser).

The probes need no login (RequestMiddleware answers them before host checks and HTTPS
redirects); /metrics is for the scraper only: METRICS_ALLOWED_IPS and/or METRICS_TOKEN.
"""

import hmac
import ipaddress
import logging
import time

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from crossnote.core.errors import PermissionDenied
from crossnote.ops import doctor, metrics, probes
from crossnote.security.clientip import client_ip

log = logging.getLogger(__name__)


@never_cache
def healthz(request):
    """The process is up and serving (no dependency is touched)."""
    return JsonResponse({"status": "ok"})


@never_cache
def readyz(request):
    """Database, cache and broker all answer: 200; else 503 naming what failed. Why it failed
    (which may name internal hosts) is shown only to callers who may read /metrics, and logged."""
    checks = probes.readiness()
    ready = all(reason is None for reason in checks.values())
    for name, reason in checks.items():
        if reason:
            log.warning("readiness: %s unavailable: %s", name, reason, extra={"check": name})
    detail = _metrics_allowed(request)
    body = {
        "status": "ready" if ready else "unavailable",
        "checks": {
            name: "ok" if reason is None else (reason if detail else "unavailable")
            for name, reason in checks.items()
        },
    }
    queue = _background()
    if queue is not None:
        # Reported, never a reason to take this web process out of rotation: pages are served
        # without workers; only indexing, fan-out and the slow screening layers wait for them.
        stalled = queue["workers"] == 0 and (queue["waiting"] or queue["unpicked_seconds"])
        body["background"] = {
            "status": "no consumer" if stalled else "ok",
            **({"workers": queue["workers"], "waiting": queue["waiting"]} if detail else {}),
            "unpicked_seconds": queue["unpicked_seconds"],
        }
        if stalled:
            log.warning("readiness: tasks are waiting with no worker: %s", queue)
    return JsonResponse(body, status=200 if ready else 503)


_BACKGROUND_MEMO: dict = {}
BACKGROUND_MEMO_SECONDS = 15


def _background():
    """probes.background(), at most once per BACKGROUND_MEMO_SECONDS in a process (a ping waits
    its timeout when no worker answers; probes come every few seconds)."""
    now = time.monotonic()
    if _BACKGROUND_MEMO.get("at", -1e9) + BACKGROUND_MEMO_SECONDS < now:
        _BACKGROUND_MEMO.update(at=now, value=probes.background())
    return _BACKGROUND_MEMO["value"]


def _metrics_allowed(request) -> bool:
    token = getattr(settings, "METRICS_TOKEN", "")
    if token:
        header = request.headers.get("Authorization", "")
        if header.startswith("Bearer ") and hmac.compare_digest(
            header.removeprefix("Bearer ").strip().encode(), token.encode()
        ):
            return True
    try:
        # The client, not a local reverse proxy every request comes through (security.clientip).
        address = ipaddress.ip_address(client_ip(request))
    except ValueError:
        return False
    for entry in getattr(settings, "METRICS_ALLOWED_IPS", []):
        try:
            if address in ipaddress.ip_network(entry.strip(), strict=False):
                return True
        except ValueError:
            continue
    return False


@never_cache
def metrics_view(request):
    if not _metrics_allowed(request):
        return HttpResponse(
            "Forbidden: /metrics is readable from METRICS_ALLOWED_IPS or with METRICS_TOKEN.\n",
            status=403,
            content_type="text/plain; charset=utf-8",
        )
    body, content_type = metrics.exposition()
    return HttpResponse(body, content_type=content_type)


@login_required
@never_cache
def status_page(request):
    """Staff: the doctor's findings in the browser, with the probes' links."""
    if not request.user.is_staff:
        raise PermissionDenied(_("Only staff can see the system status."))
    findings = doctor.diagnose()
    return render(
        request,
        "ops/status.html",
        {
            "summary": doctor.summary(),
            "findings": findings,
            "errors": sum(f.level == doctor.ERROR for f in findings),
            "warnings": sum(f.level == doctor.WARNING for f in findings),
        },
    )
