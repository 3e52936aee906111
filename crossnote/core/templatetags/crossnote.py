"""Template helpers shared by every page: blurhash placeholders and relative times."""

import base64
import io
from functools import lru_cache

import blurhash
from django import template

from crossnote.core.timefmt import relative_time

register = template.Library()


@lru_cache(maxsize=4096)
def _placeholder(hash_: str) -> str:
    try:
        image = blurhash.decode(hash_, 16, 16)
    except (blurhash.BlurhashDecodeError, ValueError):
        return ""
    out = io.BytesIO()
    image.save(out, format="PNG")
    return "data:image/png;base64," + base64.b64encode(out.getvalue()).decode()


@register.filter
def blurhash_uri(hash_: str) -> str:
    """A tiny PNG data URI painted from a blurhash, shown until the real image arrives."""
    return _placeholder(hash_ or "")


@register.filter
def ago(value) -> str:
    """A moment told in one unit in the reader's language: "just now", "3 周前", "in 2 days"."""
    return relative_time(value)
