"""Pages mark detected text with a lang attribute the browser (and a screen reader) understands:
the code for Chinese or English text, an empty (unknown) one for mixed text, never lang="mixed"."""

import pytest

from crossnote.language.templatetags.language import html_lang

pytestmark = pytest.mark.django_db


def test_mixed_and_undetermined_text_is_marked_unknown():
    assert html_lang("zh") == "zh"
    assert html_lang("en") == "en"
    assert html_lang("mixed") == ""
    assert html_lang("und") == ""
    assert html_lang("") == ""


def test_a_mixed_language_note_page_has_no_invalid_lang_attribute(client, mia, make_note):
    note = make_note(
        mia, title="周末 hotpot night", body="I love 火锅 with my friends 和朋友们一起"
    )
    note.refresh_from_db()
    assert note.language == "mixed"
    page = client.get(note.get_absolute_url()).content.decode()
    assert 'lang="mixed"' not in page
    assert 'lang=""' in page
