"""Detection sits below accounts and notes (crossnote.core.language_detection); the language
app hands it the operator's enabled languages at start-up (use_enabled_languages)."""

import pytest
from django.core.cache import cache

from crossnote.core import language_detection
from crossnote.core.language_detection import ENABLED_CACHE_KEY, detect_language, enabled_languages
from crossnote.language import detection
from crossnote.language.models import LanguageSettings

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_cached_languages():
    cache.delete(ENABLED_CACHE_KEY)
    yield
    cache.delete(ENABLED_CACHE_KEY)


def test_the_operators_languages_reach_the_detector():
    LanguageSettings(enabled_languages=["en", "fr"]).save()
    assert enabled_languages() == ("en", "fr")
    # Japanese is not enabled: kana no longer makes a text Japanese.
    assert detect_language("ねこがすき").code != "ja"


def test_without_the_language_app_the_settings_decide(settings, monkeypatch):
    LanguageSettings(enabled_languages=["en", "fr"]).save()
    monkeypatch.setattr(language_detection, "_enabled_source", None)
    settings.CROSSNOTE_LANGUAGES = ["en", "de"]
    assert enabled_languages() == ("en", "de")


def test_the_language_app_re_exports_the_detector():
    assert detection.detect_language is detect_language
    assert detection.ENABLED_CACHE_KEY == ENABLED_CACHE_KEY
