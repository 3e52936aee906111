"""Shared views: media files on the embedded default (object storage serves them at scale)."""

from django.conf import settings
from django.views.static import serve


def serve_media(request, path):
    """Serve a stored variant with nosniff and a sandboxing CSP; files are re-encoded images."""
    response = serve(request, path, document_root=settings.MEDIA_ROOT)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "public, max-age=31536000, immutable"
    return response
