"""One ninja API under /api/v1; every error is JSON with a `detail` message."""

from django.http import Http404
from django.utils.translation import gettext as _
from ninja.errors import AuthenticationError, HttpError, ValidationError

from crossnote.accounts.api import router as accounts_router
from crossnote.api.contract import BODY_ERROR, CrossnoteAPI
from crossnote.core.errors import DomainError
from crossnote.core.renderers import FastJSONRenderer
from crossnote.federation.api import router as federation_router
from crossnote.federation.moving_api import router as moves_router
from crossnote.feeds.api import router as feeds_router
from crossnote.insights.api import router as insights_router
from crossnote.language.api import router as language_router
from crossnote.messaging.api import router as messaging_router
from crossnote.moderation.api import router as moderation_router
from crossnote.notes.api import router as notes_router
from crossnote.ops.api import router as ops_router
from crossnote.portability.api import router as portability_router
from crossnote.privacy.api import router as privacy_router
from crossnote.search.api import router as search_router
from crossnote.security.api import router as security_router
from crossnote.social.api import router as social_router
from crossnote.vision.api import router as vision_router

api = CrossnoteAPI(
    title="Crossnote API",
    version="1",
    description=(
        "Notes, comments, likes, collects, follows and notifications. Authenticate with a "
        "personal access token (`Authorization: Bearer cn_…`, made under Settings → API tokens "
        "or `POST /api/v1/me/tokens`) or with the browser session plus the `X-CSRFToken` header. "
        "Lists use cursor pagination: pass `next_cursor` back as `cursor`."
    ),
    urls_namespace="api",
    docs_url="/docs",
    openapi_url="/openapi.json",
    renderer=FastJSONRenderer(),
)

api.add_router("", accounts_router)
api.add_router("", social_router)
api.add_router("", notes_router)
api.add_router("", feeds_router)
api.add_router("", language_router)
api.add_router("", moderation_router)
api.add_router("", search_router)
api.add_router("", privacy_router)
api.add_router("", insights_router)
api.add_router("", messaging_router)
api.add_router("", security_router)
api.add_router("", ops_router)
api.add_router("", vision_router)
api.add_router("", federation_router)
api.add_router("", moves_router)
api.add_router("", portability_router)


@api.exception_handler(DomainError)
def domain_error(request, exc: DomainError):
    body = {"detail": exc.message}
    if exc.field:
        body["field"] = exc.field
    response = api.create_response(request, body, status=exc.status)
    retry_after = getattr(exc, "retry_after", None)
    if retry_after:
        response["Retry-After"] = str(retry_after)  # RateLimited (429): RFC 6585
    return response


@api.exception_handler(OverflowError)
def number_out_of_range(request, exc):
    # A huge integer in a path or body (/notes/99999999999999999999999): bad input, not a 500.
    return api.create_response(
        request, {"detail": _("A number in the request is out of range.")}, status=400
    )


@api.exception_handler(ValidationError)
def validation_error(request, exc: ValidationError):
    problems = []
    for error in exc.errors:
        where = ".".join(str(p) for p in error.get("loc", ())[1:]) or "request"
        problems.append(f"{where}: {error.get('msg', 'invalid')}")
    return api.create_response(
        request, {"detail": "; ".join(problems), "errors": exc.errors}, status=422
    )


@api.exception_handler(AuthenticationError)
def authentication_error(request, exc):
    return api.create_response(
        request, {"detail": _("Log in or send a valid API token.")}, status=401
    )


@api.exception_handler(Http404)
def not_found(request, exc):
    return api.create_response(request, {"detail": _("Not found.")}, status=404)


@api.exception_handler(HttpError)
def http_error(request, exc: HttpError):
    detail = str(exc)
    if detail.startswith(BODY_ERROR):
        detail = _("Cannot read the request body: send one JSON object, as the schema shows.")
    return api.create_response(request, {"detail": detail}, status=exc.status_code)
