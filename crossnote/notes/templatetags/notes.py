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
