"""When a web process can answer its first request: its URL configuration imported.

Django imports the URLconf (every app's urls and API modules, django-ninja building a pydantic
model per operation: ~1 s of CPU on a small machine) on the first request a process serves, and
each server process also starts background warm-ups at start (the translation engines, the
moderation layers: jieba's dictionary, the classifier). Measured after `crossnote serve` on a
2-core machine under load, each worker's first request took 5.2–5.4 s: its URLconf import shared
the GIL with two warm-ups. Now the entry points (crossnote.wsgi, crossnote.asgi) import the
URLconf at start, before the process takes requests, and the warm-ups wait for that moment
(`wait_until_serving`) so the first page is not slowed by them.
"""

import threading

from django.urls import get_resolver

_serving = threading.Event()


def load_urls() -> None:
    """Import the URL configuration now (a broken one stops the process here, not at the first
    request), and let the waiting warm-ups go."""
    get_resolver().url_patterns  # noqa: B018 - touching it imports every urls module
    _serving.set()


def wait_until_serving(timeout: float) -> bool:
    """Block until this process's URLconf is loaded; False after `timeout` seconds (a process
    started some other way: a warm-up then goes ahead)."""
    return _serving.wait(timeout)
