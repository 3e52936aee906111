"""translate_text: the chain, the instance-wide cache, privacy-aware routing, protected spans."""

import pytest
from django.template.loader import render_to_string

from crossnote.core.errors import InvalidInput
from crossnote.language.models import SlangTerm, Translation, TranslationReport
from crossnote.language.services import (
    TranslationUnavailable,
    report_translation,
    translate_note,
    translate_text,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def offline_chain(settings):
    """What a fresh install has: no Argos model, the dictionary gloss at the end."""
    settings.CROSSNOTE_TRANSLATION_BACKENDS = ["argos", "dictionary"]
    settings.CROSSNOTE_TRANSLATION_OPTIONS = {
        **settings.CROSSNOTE_TRANSLATION_OPTIONS,
        "argos": {"models_dir": "/nonexistent/crossnote-models"},
    }


@pytest.fixture
def remote_first(settings, libretranslate_server):
    """A remote LibreTranslate first, the local gloss after it."""
    settings.CROSSNOTE_TRANSLATION_BACKENDS = ["libretranslate", "dictionary"]
    settings.CROSSNOTE_TRANSLATION_OPTIONS = {
        **settings.CROSSNOTE_TRANSLATION_OPTIONS,
        "libretranslate": {"url": libretranslate_server.url, "timeout": 2},
    }
    return libretranslate_server


def test_offline_install_glosses_chinese_into_english(offline_chain):
    result = translate_text("我喜欢火锅", "en")
    assert result.backend == "dictionary" and result.is_gloss
    assert "hotpot" in result.text and "like" in result.text
    assert result.source == "zh" and not result.cached


def test_a_text_is_translated_once_per_target_for_the_whole_instance(offline_chain):
    first = translate_text("今天的火锅太好吃了", "en")
    again = translate_text("今天的火锅太好吃了", "en")
    assert not first.cached and again.cached and again.text == first.text
    assert Translation.objects.count() == 1
    assert Translation.objects.get().hits == 1


def test_text_already_in_the_target_language_is_returned_unchanged(offline_chain):
    result = translate_text("今天天气很好", "zh")
    assert result.unchanged and result.text == "今天天气很好"
    assert not Translation.objects.exists()


def test_topics_mentions_urls_and_emoji_survive_translation(remote_first):
    text = "Good morning 😂🐱 #cats @lin_sh https://example.com/a?b=1"
    result = translate_text(text, "zh")
    assert result.backend == "libretranslate"
    assert result.text.startswith("早上好")
    for kept in ("😂🐱", "#cats", "@lin_sh", "https://example.com/a?b=1"):
        assert kept in result.text
    sent = [s for request in remote_first.requests for s in request.json()["q"]]
    assert all("#cats" not in s and "@lin_sh" not in s and "http" not in s for s in sent)


def test_long_text_is_split_on_sentences_and_sent_as_one_batch(remote_first):
    text = "Good morning. See you in Chengdu! " * 3
    translate_text(text.strip(), "zh")
    assert len(remote_first.requests) == 1
    assert len(remote_first.last.json()["q"]) == 6


def test_slang_from_the_glossary_survives_machine_translation(remote_first):
    SlangTerm.objects.update_or_create(
        term="yyds", defaults={"meanings": {"zh": "永远的神", "en": "GOAT"}}
    )
    result = translate_text("See you in Chengdu! yyds", "zh")
    assert "永远的神" in result.text and "yyds" not in result.text


def test_a_failing_backend_falls_through_to_the_next(settings, closed_port):
    settings.CROSSNOTE_TRANSLATION_BACKENDS = ["libretranslate", "dictionary"]
    settings.CROSSNOTE_TRANSLATION_OPTIONS = {
        **settings.CROSSNOTE_TRANSLATION_OPTIONS,
        "libretranslate": {"url": f"http://127.0.0.1:{closed_port}", "timeout": 1},
    }
    assert translate_text("我喜欢猫", "en").backend == "dictionary"


def test_no_working_backend_is_a_clear_503_not_a_crash(settings, closed_port):
    settings.CROSSNOTE_TRANSLATION_BACKENDS = ["libretranslate"]
    settings.CROSSNOTE_TRANSLATION_OPTIONS = {
        **settings.CROSSNOTE_TRANSLATION_OPTIONS,
        "libretranslate": {"url": f"http://127.0.0.1:{closed_port}", "timeout": 1},
    }
    with pytest.raises(TranslationUnavailable) as caught:
        translate_text("我喜欢猫", "en")
    assert caught.value.status == 503


def test_private_text_never_reaches_a_remote_backend(remote_first):
    result = translate_text("Good morning", "zh", private=True)
    assert result.backend == "dictionary"
    assert remote_first.requests == []


def test_operator_may_allow_remote_engines_for_private_text(remote_first, settings):
    settings.CROSSNOTE_TRANSLATION_REMOTE_PRIVATE = True
    assert translate_text("Good morning", "zh", private=True).backend == "libretranslate"


def test_followers_only_note_is_translated_locally(remote_first, mia):
    from crossnote.notes.services import create_note
    from tests.conftest import upload

    note = create_note(
        author=mia, title="Good morning", body="", images=[upload()], visibility="followers"
    )
    assert translate_note(note=note, target="zh")["title"].backend == "dictionary"
    assert remote_first.requests == []


@pytest.mark.parametrize("text", ["", "   "])
def test_empty_text_is_refused(offline_chain, text):
    with pytest.raises(InvalidInput):
        translate_text(text, "en")


def test_unknown_target_language_is_refused(offline_chain):
    with pytest.raises(InvalidInput, match="xx"):
        translate_text("hello", "xx")


def test_reporting_a_translation_records_it_and_drops_it_from_the_cache(offline_chain, lin):
    result = translate_text("我喜欢火锅", "en")
    report_translation(
        user=lin, translation_id=result.translation_id, original="我喜欢火锅", reason="wrong"
    )
    assert not Translation.objects.exists()
    report = TranslationReport.objects.get()
    assert report.original == "我喜欢火锅" and report.backend == "dictionary"
    assert not translate_text("我喜欢火锅", "en").cached


def test_a_translation_is_rendered_escaped_never_as_html(remote_first):
    # Mastodon's CVE-2023-42452: a translation rendered as HTML. Ours is untrusted text.
    result = translate_text('See you <img src=x onerror="alert(1)"> soon', "zh")
    html = render_to_string("language/_text_translation.html", {"t": result})
    assert "<img" not in html and "&lt;img" in html


def test_image_descriptions_are_stored_and_translated_with_the_note(offline_chain, mia):
    from crossnote.notes.services import create_note
    from tests.conftest import upload

    note = create_note(
        author=mia, title="我的猫", body="", images=[upload(), upload()], alt_texts=["一只猫在睡觉"]
    )
    assert [i.alt_text for i in note.images.all()] == ["一只猫在睡觉", ""]
    result = translate_note(note=note, target="en")
    assert "cat" in result["alt_texts"][0].text and result["alt_texts"][1] is None


def test_an_overlong_image_description_is_refused_and_nothing_stored(offline_chain, mia):
    from crossnote.notes.models import Note
    from crossnote.notes.services import create_note
    from tests.conftest import upload

    with pytest.raises(InvalidInput, match="description"):
        create_note(author=mia, title="x", images=[upload()], alt_texts=["a" * 301])
    assert not Note.objects.exists()
