"""One middleware, first in the chain: request id, access log line, latency metric, and the
probes (/healthz, /readyz, /metrics) answered before host checks, HTTPS redirects and sessions
(a load balancer or Prometheus calls by IP address, over plain HTTP, without cookies)."""

import logging
import time

from crossnote.ops import metrics
from crossnote.ops.logs import accept_request_id, request_id_var

log = logging.getLogger("crossnote.request")

REQUEST_ID_HEADER = "X-Request-ID"


def _route(request) -> str:
    match = getattr(request, "resolver_match", None)
    if match is None:
        return "<unmatched>"
    return "/" + (match.route or match.view_name or "")


class RequestMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request_id = accept_request_id(request.headers.get(REQUEST_ID_HEADER))
        request.request_id = request_id
        # Left set after the response: Django logs 4xx responses after the middleware returns.
        # The request_finished signal clears it (crossnote.ops.logs.clear_request_id).
        request_id_var.set(request_id)
        started = time.perf_counter()
        response = self._probe(request) or self.get_response(request)
        seconds = time.perf_counter() - started
        response[REQUEST_ID_HEADER] = request_id
        route = _route(request)
        metrics.observe_request(
            method=request.method, route=route, status=response.status_code, seconds=seconds
        )
        if route not in ("/healthz", "/readyz", "/metrics"):
            user = getattr(request, "user", None)
            log.info(
                "%s %s %s %.1fms",
                request.method,
                request.path,
                response.status_code,
                seconds * 1000,
                extra={
                    "method": request.method,
                    "path": request.path,
                    "route": route,
                    "status": response.status_code,
                    "duration_ms": round(seconds * 1000, 1),
                    "user_id": user.pk if user is not None and user.is_authenticated else None,
                },
            )
        return response

    @staticmethod
    def _probe(request):
        from crossnote.ops import views

        view = {
            "/healthz": views.healthz,
            "/readyz": views.readyz,
            "/metrics": views.metrics_view,
        }.get(request.path_info)
        if view is None:
            return None
        from django.urls import resolve

        request.resolver_match = resolve(request.path_info)
        return view(request)
