"""Template helpers for the language bridge."""

from django import template
from django.utils.translation import gettext as _

from crossnote.accounts.models import language_name as spoken_language_name
from crossnote.language.detection import MIXED, UNDETERMINED
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
def html_lang(language: str) -> str:
    """An element's lang attribute for detected text: its code, or "" (unknown, which HTML allows)
    for mixed and undetermined text: "mixed" is no language tag (axe's valid-lang rule, WCAG
    3.1.2), and inheriting the page's language would read Chinese with an English voice."""
    return "" if language in (MIXED, UNDETERMINED) else (language or "")


@register.filter
def language_name(code: str) -> str:
    """A detected language's name for the reader (accounts.models.language_name: "Chinese" /
    "中文"), "Mixed" for text in several, "Unknown" where none was found; "" for no code."""
    if code == MIXED:
        return _("Mixed")
    if code == UNDETERMINED:
        return _("Unknown")
    return spoken_language_name(code)


@register.filter
def ruby(text: str):
    """Chinese text with pinyin over each character."""
    return pinyin_ruby(text)
