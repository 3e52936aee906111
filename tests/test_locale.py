"""The Chinese interface reads naturally: one-unit relative times ("3 周前", "刚刚"), the default
board in the reader's language, full-width punctuation in the zh-Hans catalogue.

(Completeness — no untranslated or fuzzy msgid, every marked string in the catalogue — is
tests/test_i18n.py.)"""

import re
from datetime import timedelta

import polib
import pytest
from django.utils import timezone, translation

from crossnote.core.timefmt import relative_time
from tests.test_i18n import PO_PATH, describe, translations

NOW = timezone.now()

CASES = [
    (timedelta(seconds=0), "just now", "刚刚"),
    (timedelta(seconds=59), "just now", "刚刚"),
    (timedelta(minutes=1), "1 minute ago", "1 分钟前"),
    (timedelta(minutes=5, seconds=40), "5 minutes ago", "5 分钟前"),
    (timedelta(hours=2, minutes=59), "2 hours ago", "2 小时前"),
    (timedelta(days=1, hours=3), "1 day ago", "1 天前"),
    (timedelta(days=6, hours=23), "6 days ago", "6 天前"),
    (timedelta(days=7), "1 week ago", "1 周前"),
    (timedelta(days=23), "3 weeks ago", "3 周前"),
    (timedelta(days=29, hours=23), "4 weeks ago", "4 周前"),
    (timedelta(days=30 + 21), "1 month ago", "1 个月前"),  # not "1 月，3 周前"
    (timedelta(days=364), "11 months ago", "11 个月前"),
    (timedelta(days=800), "2 years ago", "2 年前"),
    (-timedelta(seconds=20), "in a moment", "马上"),
    (-timedelta(days=6, hours=1), "in 6 days", "6 天后"),
    (-timedelta(hours=1, minutes=5), "in 1 hour", "1 小时后"),
]


@pytest.mark.parametrize(("before", "english", "chinese"), CASES)
def test_relative_times_use_one_natural_unit(before, english, chinese):
    with translation.override("en"):
        assert relative_time(NOW - before, now=NOW) == english
    with translation.override("zh-hans"):
        assert relative_time(NOW - before, now=NOW) == chinese


def test_no_relative_time_says_zero_or_strings_two_units_together():
    with translation.override("zh-hans"):
        for seconds in range(0, 3 * 365 * 86400, 3607):
            text = relative_time(NOW - timedelta(seconds=seconds), now=NOW)
            assert not re.match(r"0\D", text), text
            assert "，" not in text and "," not in text, text


@pytest.mark.django_db
def test_pages_show_relative_times_in_chinese(lin, mia, make_note, client_for):
    from crossnote.notes.models import Comment
    from crossnote.notes.services import add_comment

    note = make_note(mia, title="Hotpot night")
    comment = add_comment(author=lin, note=note, body="看起来好好吃！")
    Comment.objects.filter(pk=comment.pk).update(created_at=timezone.now() - timedelta(days=23))
    page = client_for(lin, HTTP_ACCEPT_LANGUAGE="zh-Hans").get(note.get_absolute_url())
    assert "3 周前" in page.content.decode()
    page = client_for(mia).get("/notifications/").content.decode()
    assert "just now" in page and "0 minutes" not in page


@pytest.mark.django_db
def test_the_default_board_is_named_in_the_readers_language(lin, mia, make_note, client_for):
    from crossnote.notes.services import collect_note

    board = collect_note(user=lin, note=make_note(mia, title="Cats")).board
    zh_page = client_for(lin, HTTP_ACCEPT_LANGUAGE="zh-Hans").get(f"/u/{lin.username}/?tab=boards")
    assert "默认收藏" in zh_page.content.decode()
    en_page = client_for(mia).get(board.get_absolute_url()).content.decode()
    assert "<title>Saved" in en_page or ">Saved<" in en_page


# --- full-width punctuation -------------------------------------------------------------------

HAN = r"[\u3400-\u9fff\u3000-\u303f\uff00-\uffef]"
# What may keep ASCII punctuation: code, markup, placeholders, JSON, quoted text, URLs, and a
# dot that starts a file extension (".argosmodel").
VERBATIM = re.compile(
    r"<code>.*?</code>|`[^`]*`|<[^>]+>|%(?:\(\w+\))?[-#0 +]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa%]"
    r"|\{[^{}]*\}|'[^']*'|\"[^\"]*\"|https?://\S+|\.[A-Za-z]\w*"
)
# Half-width ? ! anywhere; , . : ; next to Chinese or ending the text.
HALF_WIDTH = re.compile(rf"[?!]|[,.:;]\s*$|(?<={HAN})\s?[,.:;]|[,.:;]\s?(?={HAN})")


def half_width_punctuation(text: str) -> bool:
    return bool(re.search(HAN, text)) and bool(HALF_WIDTH.search(VERBATIM.sub("X", text)))


def test_the_punctuation_check_tells_half_width_from_full_width():
    for wrong in (
        "你好,世界",
        "你好.世界",
        "要删除吗?",
        "已保存.",
        "名字: %(name)s",
        "%(name)s, 你好",
    ):
        assert half_width_punctuation(wrong), wrong
    for right in ("你好，世界", "要删除吗？", "已保存。", "名字：%(name)s", "版本 1.2 已发布"):
        assert not half_width_punctuation(right), right
    assert not half_width_punctuation("以 <code>Authorization: Bearer …</code> 的形式携带令牌。")
    assert not half_width_punctuation("运行 `crossnote check`：拷贝一个 .argosmodel 文件")
    assert not half_width_punctuation("Saved.")  # no Chinese in it: not a zh-Hans sentence


def test_zh_hans_strings_use_full_width_punctuation():
    wrong = [
        f"{describe(entry)} → {text!r}"
        for entry in polib.pofile(str(PO_PATH))
        if not entry.obsolete
        for text in translations(entry)
        if half_width_punctuation(text)
    ]
    assert not wrong, "use ，。：；？！ in Chinese text:\n" + "\n".join(wrong)
