"""Top-level URLs: pages of each app, the REST API, admin, and media in the embedded mode."""

from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path

from crossnote.accounts import urls as account_urls
from crossnote.api.api import api
from crossnote.api.views import docs_page, openapi_schema
from crossnote.core.views import serve_media
from crossnote.notes import urls as note_urls

# The accounts namespace is composed here: accounts' own pages, and the profile page
# (`accounts:profile`), which shows notes and follows and so lives above social, in notes.
account_pages = ([*account_urls.urlpatterns, *note_urls.profile_urlpatterns], account_urls.app_name)

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    path("api/docs", docs_page, name="api-docs"),
    path("api/openapi.json", openapi_schema, name="api-schema"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include(account_pages)),
    path("", include("crossnote.notes.urls")),
    path("", include("crossnote.social.urls")),
    path("", include("crossnote.feeds.urls")),
    path("", include("crossnote.language.urls")),
    path("", include("crossnote.moderation.urls")),
    path("", include("crossnote.search.urls")),
    path("", include("crossnote.privacy.urls")),
    path("", include("crossnote.insights.urls")),
    path("", include("crossnote.messaging.urls")),
    path("", include("crossnote.security.urls")),
    path("", include("crossnote.ops.urls")),
    path("", include("crossnote.vision.urls")),
    path("", include("crossnote.federation.urls")),
    path("", include("crossnote.federation.moving_urls")),
    path("", include("crossnote.portability.urls")),
]

if settings.MEDIA_URL.startswith("/"):
    urlpatterns.append(re_path(r"^media/(?P<path>.+)$", serve_media, name="media"))
