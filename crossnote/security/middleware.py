"""Security headers on every response: a Content-Security-Policy without 'unsafe-inline' (no
inline script or style anywhere in the templates), Permissions-Policy, and the cross-origin
policies; responses that set their own CSP (media: `sandbox`) keep it. And a guard that turns
NUL characters in text input into a 400 before any view sees them."""

import re
from urllib.parse import urlsplit

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _


def content_security_policy() -> str:
    """The site's CSP; media on another origin (object storage) is allowed as images only."""
    images = ["'self'", "data:", "blob:"]
    media_origin = urlsplit(settings.MEDIA_URL)
    if media_origin.scheme and media_origin.netloc:
        images.append(f"{media_origin.scheme}://{media_origin.netloc}")
    return "; ".join(
        [
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self'",
            f"img-src {' '.join(images)}",
            "font-src 'self'",
            "connect-src 'self'",
            # Video notes play from the same place as images; the compose page previews blob:.
            f"media-src {' '.join(images[:1] + images[2:])}",
            "object-src 'none'",
            "base-uri 'none'",
            "form-action 'self'",
            "frame-ancestors 'none'",
        ]
    )


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.csp = content_security_policy()

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", self.csp)
        response.headers.setdefault(
            "Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()"
        )
        response.headers.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        return response


# A JSON \u0000 escape not itself escaped (an even run of backslashes before it).
_JSON_NUL = re.compile(rb"(?<!\\)(?:\\\\)*\\u0000")


class NulInputMiddleware:
    """Refuses text input holding NUL characters with a 400: PostgreSQL cannot store them (a
    500 otherwise) and no person types one. File contents are not looked at."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self._has_nul(request):
            message = _("The request contains a NUL character, which text cannot hold.")
            if request.path.startswith("/api/"):
                return JsonResponse({"detail": message}, status=400)
            return render(request, "error.html", {"message": message}, status=400)
        return self.get_response(request)

    @staticmethod
    def _has_nul(request) -> bool:
        if "\x00" in request.path or "%00" in request.META.get("QUERY_STRING", ""):
            return True
        if request.method in ("GET", "HEAD", "OPTIONS"):
            return False
        content_type = request.content_type or ""
        if content_type == "application/json":
            return bool(_JSON_NUL.search(request.body)) or b"\x00" in request.body
        if content_type in ("multipart/form-data", "application/x-www-form-urlencoded"):
            try:
                return any("\x00" in value for value in request.POST.values())
            except Exception:  # noqa: BLE001 - a malformed body is the view's to refuse
                return False
        return False
