"""Note text on pages: escape everything, then link #topics and @mentions."""

import re

from django import template
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import mark_safe

from crossnote.notes.text import MENTION_RE, TOPIC_RE

register = template.Library()


@register.filter
def note_text(text: str) -> str:
    """Escaped text with #topic and @handle links and kept line breaks."""
    escaped = escape(text or "")

    def topic(match: re.Match) -> str:
        name = match.group(1)
        url = reverse("notes:topic", kwargs={"name": name.casefold()})
        return f'<a class="tag" href="{url}">{match.group(0)}</a>'

    def mention(match: re.Match) -> str:
        handle = match.group(1)
        url = reverse("accounts:profile", kwargs={"username": handle})
        return f'<a class="mention" href="{url}">@{handle}</a>'

    linked = TOPIC_RE.sub(topic, escaped)
    linked = MENTION_RE.sub(mention, linked)
    return mark_safe(linked.replace("\n", "<br>"))  # noqa: S308 - built from escaped text


@register.filter
def photo_frame(image) -> str:
    """The note page's photo frame as "W / H": the first photo's shape, clamped between 3:4
    portrait and 4:3 landscape (as RedNote does), so a landscape photo is not a strip at the top
    of a tall grey box and a tall one does not run off the screen."""
    if image is None or not image.large_width or not image.large_height:
        return "3 / 4"
    ratio = min(max(image.large_width / image.large_height, 3 / 4), 4 / 3)
    return f"{ratio:.4f} / 1"


@register.filter
def clock(seconds) -> str:
    """A video's length as m:ss (0:07, 1:00)."""
    if seconds is None:
        return ""
    total = round(float(seconds))
    return f"{total // 60}:{total % 60:02d}"
