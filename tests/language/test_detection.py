"""Language detection on short, mixed and odd strings in both languages."""

import pytest

from crossnote.language.detection import MIXED, UNDETERMINED, detect_language

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("今天天气很好，我们去公园散步吧", "zh"),
        ("The weather is lovely today, let's walk in the park", "en"),
        ("lol 好可爱", "zh"),
        ("绝绝子", "zh"),
        ("Bonjour tout le monde, comment ça va aujourd'hui ?", "fr"),
        ("今日はとても楽しかったです", "ja"),
        ("오늘 정말 즐거웠어요", "ko"),
        ("貓咪好可愛", "zh"),  # traditional characters are Chinese too
    ],
)
def test_detects_the_language_of_common_posts(text, code):
    assert detect_language(text).code == code


def test_chinese_and_latin_mixed_text_is_marked_mixed_with_its_parts():
    result = detect_language("I love 火锅")
    assert result.code == MIXED
    assert {part["lang"] for part in result.parts} == {"zh", "en"}
    assert abs(sum(part["share"] for part in result.parts) - 1) < 0.02


@pytest.mark.parametrize(
    "text", ["", "   ", "😂😂😂", "!!!", "ok", "12345", "@lin_sh #cats", "🐱 https://x.org"]
)
def test_empty_emoji_only_and_very_short_text_is_undetermined_without_crashing(text):
    result = detect_language(text)
    assert result.code == UNDETERMINED


def test_detection_is_restricted_to_the_enabled_languages():
    # With only zh and en enabled, French text cannot come back as French.
    result = detect_language("Bonjour tout le monde, comment ça va ?", codes=("zh", "en"))
    assert result.code in ("en", UNDETERMINED)


def test_mentions_urls_and_hashes_do_not_sway_detection():
    assert (
        detect_language("@mia_ms @lin_sh https://example.com 我们明天一起去吃火锅吧").code == "zh"
    )


def test_notes_and_comments_get_their_language_on_write(mia, lin):
    from crossnote.notes.services import add_comment, create_note
    from tests.conftest import upload

    note = create_note(
        author=mia, title="My cat", body="She sleeps all day long on the sofa", images=[upload()]
    )
    assert note.language == "en" and note.language_confidence > 0.5
    comment = add_comment(author=lin, note=note, body="好可爱的猫咪！")
    assert comment.language == "zh"


def test_a_bio_gets_its_language_on_profile_edit(lin):
    from crossnote.accounts.services import update_profile

    update_profile(user=lin, bio="住在上海，喜欢拍照和做饭")
    lin.refresh_from_db()
    assert lin.bio_language == "zh"


def test_backfill_detects_rows_written_without_a_language(mia):
    from django.core.management import call_command

    from crossnote.notes.models import Note
    from crossnote.notes.services import create_note
    from tests.conftest import upload

    note = create_note(
        author=mia, title="Weekend hike", body="We walked for hours", images=[upload()]
    )
    Note.objects.filter(pk=note.pk).update(language="")
    call_command("language_backfill")
    note.refresh_from_db()
    assert note.language == "en"
