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
"""

import threading
import time
from collections import OrderedDict

from django import template
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

register = template.Library()

MEMO_SIZE = 20_000  # fragments per process (a card's picture and title: about 1 kB)
MAX_AGE = 300.0  # seconds

_memo: OrderedDict[tuple, tuple[float, str]] = OrderedDict()
_lock = threading.Lock()


def forget_all() -> None:
    """Empty this process's fragments (tests)."""
    with _lock:
        _memo.clear()


def _recall(key: tuple, now: float) -> str | None:
    with _lock:
        entry = _memo.get(key)
        if entry is None:
            return None
        made, html = entry
        if now - made > MAX_AGE:
            del _memo[key]
            return None
        _memo.move_to_end(key)
        return html


def _remember(key: tuple, html: str, now: float) -> None:
    with _lock:
        _memo[key] = (now, html)
        _memo.move_to_end(key)
        while len(_memo) > MEMO_SIZE:
            _memo.popitem(last=False)


class FragmentNode(template.Node):
    def __init__(self, name, versions, nodelist):
        self.name = name
        self.versions = versions
        self.nodelist = nodelist

    def render(self, context):
        values = tuple(str(version.resolve(context)) for version in self.versions)
        key = (self.name.resolve(context), get_language(), values)
        now = time.monotonic()
        html = _recall(key, now)
        if html is None:
            html = self.nodelist.render(context)
            _remember(key, html, now)
        return mark_safe(html)  # noqa: S308 - the block's own rendered (escaped) output


@register.tag("fragment")
def fragment(parser, token):
    bits = token.split_contents()
    if len(bits) < 3:
        raise template.TemplateSyntaxError(
            "{% fragment %} takes a name and at least one version value"
        )
    nodelist = parser.parse(("endfragment",))
    parser.delete_first_token()
    name = parser.compile_filter(bits[1])
    versions = [parser.compile_filter(bit) for bit in bits[2:]]
    return FragmentNode(name, versions, nodelist)
