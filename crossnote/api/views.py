"""The API's documentation at the short addresses /api/docs and /api/openapi.json."""

from ninja.openapi.views import openapi_view
from ninja.responses import Response

from crossnote.api.api import api

API_PREFIX = "/api/v1/"


def docs_page(request):
    """Swagger UI, served from local static files (no CDN)."""
    return openapi_view(request, api)


def openapi_schema(request):
    """The OpenAPI 3 schema of /api/v1."""
    return Response(api.get_openapi_schema(path_prefix=API_PREFIX))
