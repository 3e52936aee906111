"""Gives visitors a region for region-scoped rules, from a header set by the operator's proxy."""

import re

from django.conf import settings

_REGION_RE = re.compile(r"^[A-Za-z]{2}$")


class ViewerRegionMiddleware:
    """For anonymous readers, sets `request.user.region` from CROSSNOTE_REGION_HEADER (e.g. the
    `CF-IPCountry` or `X-Country-Code` header a CDN or proxy adds). Logged-in readers use the
    region on their profile. Only trust this header behind a proxy that sets it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        header = settings.CROSSNOTE_REGION_HEADER
        user = getattr(request, "user", None)
        if header and user is not None and not user.is_authenticated:
            value = request.headers.get(header, "").strip()
            user.region = value.upper() if _REGION_RE.match(value) else ""
        return self.get_response(request)
