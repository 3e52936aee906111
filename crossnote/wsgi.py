"""WSGI entry point (also what crossnote.rsgi runs HTTP through): Django's WSGI handler with exact
paths' URL matches remembered per process (crossnote.core.handlers)."""

import os

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "crossnote.settings")
django.setup(set_prefix=False)  # as django.core.wsgi.get_wsgi_application

from crossnote.core import startup  # noqa: E402
from crossnote.core.handlers import CrossnoteWSGIHandler  # noqa: E402

application = CrossnoteWSGIHandler()
startup.load_urls()  # before the first request, not during it (crossnote.core.startup)
