"""`{% fragment "name" version… %}…{% endfragment %}`: HTML rendered once per version, in memory.

The block's output is kept in this process under its name, the values given after it (what the
block's output depends on: a note's id and `updated_at`, its image mark, the author's name…)
and the active language, and reused by every page that renders the same version: a feed card's
picture, title and author are rendered once per note version and language, not once per reader.
Whatever differs per reader (liked marks, translate buttons, why a note is shown) or may change
without a new version (moderation labels) stays outside the block, rendered every time.

What is shown is still decided per request: a page only renders the fragments of the notes the
reader may see now (the visibility rule runs on every page), so a cached fragment of a note
removed, withheld or blocked since is simply never asked for again. Entries live at most
MAX_AGE seconds (links to media stored behind expiring signed URLs stay valid) and the memo is
bounded (least recently used entries go first).

`{% fragment "name" version… csrf %}`: a block with forms in it. It is rendered with a stand-in
for the CSRF token, and every time it is served the stand-in is replaced by the token of the
page being rendered, so one reader's token is never kept or shown to another.
"""

import time

from django import template
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from crossnote.core.memo import BoundedMemo

register = template.Library()

MEMO_SIZE = 20_000  # fragments per process (a card's picture and title: about 1 kB)
MAX_AGE = 300.0  # seconds

_memo: BoundedMemo = BoundedMemo(MEMO_SIZE)  # key -> (when made, html)


def forget_all() -> None:
    """Empty this process's fragments (tests)."""
    _memo.forget()


def _recall(key: tuple, now: float) -> str | None:
    entry = _memo.recall(key)
    if entry is None:
        return None
    made, html = entry
    if now - made > MAX_AGE:
        _memo.forget(key)
        return None
    return html


def _remember(key: tuple, html: str, now: float) -> None:
    _memo.remember(key, (now, html))


# Stands for the page's CSRF token in a kept block (never sent: replaced on every page).
CSRF_STAND_IN = "fragment-csrf-stand-in-a3f9c2"


def _page_token(context) -> str | None:
    """The CSRF token of the page being rendered, read once a page (any masked form of the
    reader's secret is valid; Django masks one per call), or None where there is none."""
    token = context.get("csrf_token")
    if not token or token == "NOTPROVIDED":  # noqa: S105 - Django's "no token" marker
        return None
    request = context.get("request")
    kept = getattr(request, "_fragment_csrf_token", None)
    if kept is None:
        kept = str(token)
        if request is not None:
            request._fragment_csrf_token = kept
    return kept


class FragmentNode(template.Node):
    def __init__(self, name, versions, nodelist, *, csrf: bool = False):
        self.name = name
        self.versions = versions
        self.nodelist = nodelist
        self.csrf = csrf

    def render(self, context):
        token = _page_token(context) if self.csrf else None
        if self.csrf and token is None:  # no token to stand in for: rendered as it is
            return self.nodelist.render(context)
        values = tuple(str(version.resolve(context)) for version in self.versions)
        key = (self.name.resolve(context), get_language(), values)
        now = time.monotonic()
        html = _recall(key, now)
        if html is None:
            if token is None:
                html = self.nodelist.render(context)
            else:
                with context.push(csrf_token=CSRF_STAND_IN):
                    html = self.nodelist.render(context)
            _remember(key, html, now)
        if token is not None:
            html = html.replace(CSRF_STAND_IN, token)
        return mark_safe(html)  # noqa: S308 - the block's own rendered (escaped) output


@register.tag("fragment")
def fragment(parser, token):
    bits = token.split_contents()
    csrf = bits[-1] == "csrf"
    if csrf:
        bits = bits[:-1]
    if len(bits) < 3:
        raise template.TemplateSyntaxError(
            "{% fragment %} takes a name and at least one version value"
        )
    nodelist = parser.parse(("endfragment",))
    parser.delete_first_token()
    name = parser.compile_filter(bits[1])
    versions = [parser.compile_filter(bit) for bit in bits[2:]]
    return FragmentNode(name, versions, nodelist, csrf=csrf)
