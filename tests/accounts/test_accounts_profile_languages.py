"""A profile names the languages its person speaks in the reader's language: an English reader
saw '中文' under a Chinese speaker's name (and a Chinese reader 'English'), a word they may not
read, on a page otherwise all in their language."""

import re

import pytest

pytestmark = pytest.mark.django_db


def _handle_line(html: str) -> str:
    """The line under the name: @handle · region · languages."""
    return re.search(r'<p class="muted">@.*?</p>', html).group(0)


@pytest.mark.parametrize(
    "reader_language, shown, not_shown",
    [("en", "Chinese", "中文"), ("zh-hans", "中文", "Chinese")],
)
def test_languages_on_a_profile_are_named_in_the_readers_language(
    client_for, mia, lin, reader_language, shown, not_shown
):
    client = client_for(mia)
    client.cookies["django_language"] = reader_language
    line = _handle_line(client.get("/u/lin_sh/").content.decode())
    assert shown in line and not_shown not in line


def test_english_is_named_in_chinese_for_a_chinese_reader(client_for, mia, lin):
    lin.languages = ["en", "zh"]
    lin.save(update_fields=["languages"])
    client = client_for(mia)
    client.cookies["django_language"] = "zh-hans"
    line = _handle_line(client.get("/u/lin_sh/").content.decode())
    assert "英文 / 中文" in line
    assert "English" not in line


def test_other_languages_keep_their_own_names(client_for, mia, lin):
    """The other languages are named as the sign-up form names them (in themselves)."""
    lin.languages = ["zh", "ja", "it"]
    lin.save(update_fields=["languages"])
    line = _handle_line(client_for(mia).get("/u/lin_sh/").content.decode())
    assert "Chinese / 日本語 / Italiano" in line
