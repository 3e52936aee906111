"""Who is asking: the signed-in person through a per-process memo of sessions
(crossnote.accounts.authcache), and for visitors a region for region-scoped rules, from a header
set by the operator's proxy."""

import re

from django.conf import settings
from django.contrib import auth
from django.contrib.auth.middleware import AuthenticationMiddleware
from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import Resolver404, resolve, reverse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _

from crossnote.accounts import authcache, suspension


def _user(request):
    if not hasattr(request, "_cached_user"):  # as django.contrib.auth.middleware.get_user
        request._cached_user = authcache.session_user(request, auth.get_user)
    return request._cached_user


class CachedAuthenticationMiddleware(AuthenticationMiddleware):
    """Django's AuthenticationMiddleware (request.user, request.auser), with request.user found
    through the process's memo of sessions: a current entry skips reading and decoding the
    session row; the person's row is read as before."""

    def process_request(self, request):
        super().process_request(request)
        request.user = SimpleLazyObject(lambda: _user(request))
        if suspension.is_marked(request):
            return _suspended_only(request)
        return None


def _suspended_only(request):
    """A session marked for a suspended person (crossnote.accounts.suspension) opens its page,
    the appeal form, log-out and log-in; every other page leads to it, the API answers 403."""
    if suspension.suspended_person(request) is None:  # stale: expired, or no longer suspended
        suspension.clear(request)
        return None
    try:
        view_name = resolve(request.path_info).view_name
    except Resolver404:
        view_name = ""
    if view_name in suspension.OPEN_VIEWS:
        return None
    page = reverse("moderation:suspended")
    if request.path_info.startswith("/api/"):
        detail = _("Your account is suspended. See why and appeal on the page given.")
        return JsonResponse({"detail": detail, "url": page}, status=403)
    return redirect(page)


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
