"""Template helpers for the language bridge."""

from django import template

from crossnote.language.detection import MIXED
from crossnote.language.pinyin import pinyin_ruby
from crossnote.language.services import wants_translation

register = template.Library()


@register.filter
def needs_translation(language: str, viewer_languages) -> bool:
    """Offer "Translate" when the text's language is not one the reader reads."""
    return wants_translation(viewer_languages or [], language)


@register.filter
def has_chinese(language: str) -> bool:
    return language in ("zh", MIXED)


@register.filter
def ruby(text: str):
    """Chinese text with pinyin over each character."""
    return pinyin_ruby(text)
