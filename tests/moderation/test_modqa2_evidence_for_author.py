"""An automated statement's evidence reads in the author's language: a Chinese author read
"依据：terms: insulting someone; classifier: p=1.00" (layer keys, an English pattern description,
a probability in jargon). The review page keeps its rules and scores."""

import re

import pytest
from django.utils import translation

from crossnote.moderation.detectors import patterns
from crossnote.moderation.detectors.base import Signal, Span
from crossnote.moderation.models import Decision, ReviewItem
from crossnote.moderation.services import enforcement
from crossnote.notes.services import add_comment, create_note
from tests.conftest import client_of, make_moderator, upload

pytestmark = pytest.mark.django_db
LABELLED = "你这种人就是垃圾，滚出去"  # the classifier labels it
HELD = "你这个傻逼"  # the harassment term list holds it


def statement(author, note, body) -> str:
    comment = add_comment(note=note, author=author, body=body)
    return Decision.objects.get(kind="comment", object_id=comment.pk).statement


def evidence(text: str, start: str, end: str) -> str:
    return text.split(start, 1)[1].split(end, 1)[0]


def test_a_chinese_statement_names_the_layers_in_chinese(lin, mia):
    note = create_note(author=mia, title="Sunday dumplings", body="Pork", images=[upload()])
    labelled = evidence(statement(lin, note, LABELLED), "依据：", "。这是")
    assert re.fullmatch(r"分类模型：可能性 \d{1,2}%", labelled), labelled
    held = evidence(statement(lin, note, HELD), "依据：", "。这是")
    assert held == "词表：“傻逼”"


def test_an_english_statement_quotes_the_words_and_a_likelihood(lin, mia):
    note = create_note(author=lin, title="邻居", body="楼上又吵", images=[upload()])
    said = evidence(statement(mia, note, "shut up you stupid idiot"), "Evidence: ", ". This")
    assert said == "term list: “idiot”"


def test_a_patterns_description_is_translated_and_models_are_never_certain():
    signals = [
        Signal("terms", "harassment", 1.0, f"{enforcement.PATTERN_RULE}18", detail="insulting someone"),
        Signal("terms", "harassment", 1.0, "terms:en-harassment#96", [Span(19, 24, "idiot")], "idiot (leet)"),
        Signal("classifier", "profanity", 0.9966, "classifier:nb", detail="p=1.00"),
        Signal("hash", "spam", 1.0, "pdq:bank#3", detail="PDQ distance 12"),
    ]  # fmt: skip
    with translation.override("zh-hans"):
        said = [enforcement.evidence_for_author(s) for s in signals]
    assert said == ["词表：辱骂他人", "词表：“idiot”", "分类模型：可能性 99%", "已知违规内容库"]
    with translation.override("en"):
        said = [enforcement.evidence_for_author(s) for s in signals]
    assert said == [
        "term list: insulting someone",
        "term list: “idiot”",
        "classifier: 99% likely",
        "list of known content",
    ]


def test_every_patterns_description_is_known_to_the_translations():
    names = list(dict.fromkeys(p.name for p in patterns.PATTERNS))
    assert sorted(enforcement.PATTERN_DESCRIPTIONS) == sorted(names)
    with translation.override("zh-hans"):
        for name in names:
            assert not re.search(r"[A-Za-z]", translation.gettext(name)), name


def test_the_review_page_keeps_the_rules_and_scores(lin, mia):
    note = create_note(author=mia, title="Sunday dumplings", body="Pork", images=[upload()])
    comment = add_comment(note=note, author=lin, body=LABELLED)
    item = ReviewItem.objects.get(kind="comment", object_id=comment.pk)
    wang = make_moderator("mod_wang", region="CN", languages=["zh"])
    page = client_of(wang).get(f"/moderation/queue/{item.pk}/", HTTP_ACCEPT_LANGUAGE="zh-hans")
    text = page.content.decode()
    assert "<code>classifier:" in text and "<strong>1.00</strong>" in text
