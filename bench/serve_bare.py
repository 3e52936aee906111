"""A bare Django project for bench/serve.py: one JSON view on every path, no middleware, no
database, no templates. What Django itself costs on each server interface: the ceiling every
Crossnote figure of that run is divided by.

    granian --interface wsgi --working-dir . bench.serve_bare:wsgi
    granian --interface rsgi --working-dir . bench.serve_bare:rsgi   (crossnote.core.server)
    granian --interface asgi --working-dir . bench.serve_bare:asgi   (Django's ASGI handler)

With BENCH_BARE_QUERY=1 and DATABASE_URL set, the view first asks the database `SELECT 1`
through Django's backend, with the pool and prepared statements `crossnote serve` configures
(crossnote.settings): the ceiling of any answer that makes one round trip to that database.
"""

import os

import django
import environ
from django.conf import settings

QUERY = os.environ.get("BENCH_BARE_QUERY") == "1" and bool(os.environ.get("DATABASE_URL"))
DATABASES = {}
if QUERY:
    DATABASES["default"] = environ.Env.db_url_config(os.environ["DATABASE_URL"])
    if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
        DATABASES["default"]["OPTIONS"] = {  # as crossnote.settings configures them
            "prepare_threshold": int(os.environ.get("DATABASE_PREPARE_THRESHOLD", "2")),
            "pool": {"min_size": 1, "max_size": 10, "timeout": 30.0},
        }

settings.configure(
    DATABASES=DATABASES,
    DEBUG=False,
    ALLOWED_HOSTS=["*"],
    SECRET_KEY="bench-only-not-secret",  # noqa: S106 - a benchmark with no sessions or forms
    ROOT_URLCONF=__name__,
    MIDDLEWARE=[],
    INSTALLED_APPS=[],
    USE_I18N=False,
    LOGGING_CONFIG=None,
)
django.setup()

from django.core.handlers.asgi import ASGIHandler  # noqa: E402
from django.core.handlers.wsgi import WSGIHandler  # noqa: E402
from django.http import JsonResponse  # noqa: E402
from django.urls import re_path  # noqa: E402

from crossnote.core.server import Bridge  # noqa: E402


def hello(request):
    if QUERY:
        from django.db import connection

        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    return JsonResponse({"hello": "world"})


urlpatterns = [re_path(r"", hello)]

wsgi = WSGIHandler()
rsgi = Bridge(wsgi, None, threads=int(os.environ.get("CROSSNOTE_SERVE_THREADS", "8")))
_asgi = ASGIHandler()


async def asgi(scope, receive, send):
    """Django's ASGI handler for HTTP; granian's lifespan events answered here."""
    if scope["type"] == "http":
        await _asgi(scope, receive, send)
        return
    while scope["type"] == "lifespan":
        message = await receive()
        if message["type"] == "lifespan.startup":
            await send({"type": "lifespan.startup.complete"})
        else:
            await send({"type": "lifespan.shutdown.complete"})
            return
