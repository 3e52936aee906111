"""Template filters for search results."""

from django import template
from django.utils.translation import gettext_lazy as _

register = template.Library()

# The language marks on results, short enough for a card; other codes show as they are.
LANGUAGE_MARKS = {
    "zh": _("Chinese"),
    "en": _("English"),
    "mixed": _("Mixed"),
    "ja": "日本語",
    "ko": "한국어",
    "es": "Español",
    "fr": "Français",
    "de": "Deutsch",
}


@register.filter
def language_mark(code: str) -> str:
    """The name shown on a result for its detected language ('' when undetermined)."""
    if not code or code == "und":
        return ""
    return str(LANGUAGE_MARKS.get(code, code))


@register.filter
def topic_gloss(name: str, language: str) -> str:
    """A topic name's meaning in the reader's language ("#猫 · cat"); "" when none."""
    from crossnote.search.topic_links import gloss

    return gloss(name or "", language or "")
