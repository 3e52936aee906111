"""Seen in the browser walk (issue 17, "the statement pages speak each reader's language"):

- a statement of reasons was one run of sentences joined by spaces: a wall on a phone, and in
  Chinese "。 事实" (Chinese puts no space between sentences). Now one line per part, shown as
  lines on the notices page and the note's own banner;
- a moderator's reason glossed word by word by the offline dictionary was said to be
  "machine-translated by CC-CEDICT 逐词释义": glosses are no translation, and now say so, in the
  statement and beside a translated text on the review page;
- labels read "你的笔记: …" with an English colon: Chinese labels end in "：".
"""

import pytest
from django.contrib.auth.models import Group
from django.utils import translation

from crossnote.moderation.models import ReviewItem
from crossnote.moderation.services import report_content
from crossnote.moderation.services.enforcement import reason_for_author, statement_of_reasons
from crossnote.notes.models import Note
from tests.conftest import client_of, make_user, moderator_decides

pytestmark = pytest.mark.django_db
REASON = "Name-calling: calling the neighbours clowns. Please keep it civil."


@pytest.fixture
def dictionary_only(settings):
    settings.CROSSNOTE_TRANSLATION_BACKENDS = ["dictionary"]


def statement(language: str) -> str:
    with translation.override(language):
        return statement_of_reasons(
            action="label",
            kind="note",
            category="harassment",
            automated_detection=False,
            automated_decision=False,
            facts="邻居太吵",
        )


def test_a_statement_has_one_line_per_part_and_no_space_between_chinese_sentences():
    zh = statement("zh-hans")
    assert "。 " not in zh
    assert len(zh.splitlines()) == 5
    assert zh.splitlines()[1].startswith("事实")
    assert statement("en").splitlines()[1].startswith("Facts:")


def test_a_glossed_reason_is_not_called_a_machine_translation(dictionary_only):
    with translation.override("zh-hans"):
        text = reason_for_author(REASON, private=False)
    assert f"（审核员原文：“{REASON}”" in text
    assert "机器翻译" not in text
    assert "并非翻译" in text


@pytest.fixture
def labelled(dictionary_only, make_note):
    lin = make_user("lin_author", languages=["zh"], region="CN")
    mia = make_user("mia_reader", languages=["en"])
    amy = make_user("amy_mod", languages=["en"])
    amy.groups.add(Group.objects.get(name="moderator"))
    note = make_note(lin, title="My noisy neighbours", body="These clowns stomp all night.")
    Note.objects.filter(pk=note.pk).update(media_ready=True)
    report_content(reporter=mia, kind="note", object_id=note.pk, reason="harassment", text="")
    item = ReviewItem.objects.get(kind="note", object_id=note.pk)
    moderator_decides(amy, item, action="label", reason=REASON)
    return lin, note


def test_the_author_reads_the_statement_line_by_line_with_chinese_colons(labelled):
    lin, note = labelled
    browser = client_of(lin)
    browser.cookies["django_language"] = "zh-hans"
    page = browser.get("/moderation/notices/").content.decode()
    assert "你的笔记：" in page and "你的笔记:" not in page
    assert "<br>事实：" in page
    assert "并非翻译" in page and "机器翻译" not in page
    banner = browser.get(note.get_absolute_url()).content.decode()
    assert "<br>事实：" in banner
