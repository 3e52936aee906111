"""A note's page for visitors, kept whole while PostgreSQL announces nothing that could change it.

On PostgreSQL every note page asked the database four questions and rendered the whole page
(4–6 ms of CPU per visitor). Visitors of one region and language see the same page, so, as a
CDN would, it is kept in each process's memory with the generation of the database's news it
was made at (crossnote.core.pgnews): every write that can change what the page shows or hides
(the note edited, labelled, removed, made private; a withholding; a comment written, edited,
labelled or removed; an account closed) is announced and moves the generation, and the next
visitor's page is made again. Counts (likes) and the author's name may lag KEEP_SECONDS.

Per request still: the CSRF token (the page is kept with a stand-in, replaced by this
visitor's token, as crossnote.core.templatetags.fragments does for blocks with forms); nothing
is kept for a signed-in reader, a page with a query string or flash messages, an HTMX request,
an answer other than 200, or where the generation is unknown (SQLite, no listener, news waiting).
"""

import re
import time

from django.contrib.messages import get_messages
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.utils.translation import get_language

from crossnote.core import pgnews
from crossnote.core.memo import BoundedMemo
from crossnote.core.templatetags.fragments import CSRF_STAND_IN
from crossnote.notes import policies

KEEP_SECONDS = 30.0
MEMO_SIZE = 2_000  # pages per process (a note page is 20–40 kB)

_memo: BoundedMemo = BoundedMemo(MEMO_SIZE)
# base.html gives every page its token once in the body's hx-headers.
_TOKEN = re.compile(rb'"X-CSRFToken": "([A-Za-z0-9]{32,128})"')


def forget_all() -> None:
    """Empty this process's pages (tests)."""
    _memo.forget()


def _key(request, pk: int) -> tuple | None:
    if request.user.is_authenticated or request.GET or getattr(request, "htmx", False):
        return None
    generation = pgnews.generation()
    if generation is None or len(get_messages(request)):
        return None
    return (pk, policies.viewer_region(request.user), get_language(), generation)


def serve(request, pk: int, make) -> HttpResponse:
    """The note page: kept for this visitor's kind when it can be, else `make()` (the view)."""
    key = _key(request, pk)
    if key is None:
        return make()
    now = time.monotonic()
    kept = _memo.get(key)
    if kept is not None and kept[0] > now:
        body = kept[1].replace(CSRF_STAND_IN.encode(), get_token(request).encode())
        return HttpResponse(body, content_type=kept[2])
    response = make()
    if response.status_code == 200 and not response.streaming:
        found = _TOKEN.search(response.content)
        if found is not None:
            page = response.content.replace(found.group(1), CSRF_STAND_IN.encode())
            _memo.remember(key, (now + KEEP_SECONDS, page, response["Content-Type"]))
    return response
