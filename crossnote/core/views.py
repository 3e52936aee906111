"""Shared views: media files on the embedded default (object storage serves them at scale)."""

import re
from pathlib import Path

from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation
from django.http import Http404, HttpResponse, HttpResponseRedirect, StreamingHttpResponse
from django.utils._os import safe_join
from django.views.static import serve

from crossnote.core.images import SOURCE_MARK, variant_path

RANGE_RE = re.compile(r"^bytes=(\d*)-(\d*)$")


def _range(header: str, size: int) -> tuple[int, int] | None:
    """The one byte range asked for, as (first, last) inclusive; None when unsatisfiable or
    malformed (RFC 9110 §14: suffix ranges "-N" and open ranges "N-" included)."""
    match = RANGE_RE.match(header.strip())
    if not match or size == 0:
        return None
    first, last = match.groups()
    if first == "":
        if last == "" or int(last) == 0:
            return None
        return max(0, size - int(last)), size - 1
    first = int(first)
    last = size - 1 if last == "" else min(int(last), size - 1)
    return (first, last) if first <= last and first < size else None


def _chunks(handle, remaining: int, size: int = 64 * 1024):
    with handle:
        while remaining > 0:
            chunk = handle.read(min(size, remaining))
            if not chunk:
                return
            remaining -= len(chunk)
            yield chunk


def _finished_source(path: str) -> HttpResponse | None:
    """A photo's source file is deleted once its WebP variants exist, but a page rendered just
    before still names it (the author's own page, a draft list, a reader's card): send that
    browser to the large variant rather than a broken image. None: not such a file."""
    if SOURCE_MARK not in path:
        return None
    large = variant_path(path, "large")
    try:
        if not Path(safe_join(settings.MEDIA_ROOT, large)).is_file():
            return None
    except SuspiciousFileOperation:
        return None
    response = HttpResponseRedirect(settings.MEDIA_URL + large)
    response["Cache-Control"] = "public, max-age=3600"  # the source never comes back
    return response


def serve_media(request, path):
    """Serve a stored variant with nosniff and a sandboxing CSP; files are re-encoded images and
    videos. A `Range: bytes=…` request (how browsers seek and stream video) gets 206 with that
    part, or 416 when the range cannot be satisfied; several ranges at once get the whole file."""
    try:
        response = serve(request, path, document_root=settings.MEDIA_ROOT)
    except (Http404, FileNotFoundError):
        # FileNotFoundError: the file went between serve's "is it there?" and its open (a
        # source the background process deleted once its variants existed, as CI saw once).
        finished = _finished_source(path)
        if finished is None:
            raise Http404(path) from None
        return finished
    header = request.headers.get("Range", "")
    if response.status_code == 200 and header and "," not in header:
        size = int(response["Content-Length"])
        wanted = _range(header, size)
        if wanted is None:
            response.close()
            response = HttpResponse(status=416)
            response["Content-Range"] = f"bytes */{size}"
        else:
            first, last = wanted
            content_type = response["Content-Type"]
            response.close()
            handle = open(safe_join(settings.MEDIA_ROOT, path), "rb")  # noqa: SIM115 - closed by the response
            handle.seek(first)
            response = StreamingHttpResponse(
                _chunks(handle, last - first + 1), status=206, content_type=content_type
            )
            response["Content-Length"] = str(last - first + 1)
            response["Content-Range"] = f"bytes {first}-{last}/{size}"
    response["Accept-Ranges"] = "bytes"
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "public, max-age=31536000, immutable"
    return response
