"""Issue 17, session 10: a character of a listed term written as its two components (女表 for 婊,
歹匕 for 死, 亻尔 for 你) is put back together by the normaliser, where the halves are not two
characters of words of their own (妇女|表示, 弓|虽然, 白|勺子); the table holds only characters
that the shipped term lists use."""

import pytest

from crossnote.moderation import seed_terms
from crossnote.moderation.detectors.normalize import SPLIT_CHARACTERS, normalise
from crossnote.moderation.detectors.terms import TermListDetector


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("去歹匕吧", "去死吧"),
        ("你个女表子", "你个婊子"),
        ("亻尔女马死了", "你妈死了"),
        ("扌喿亻尔女马", "操你妈"),
        ("⺅尔女马", "你妈"),  # the radical-supplement form of 亻
        ("你就是个傻辶畐", "你就是个傻逼"),
    ],
)
def test_split_characters_are_put_back_together(text, folded):
    assert normalise(text).text == folded


@pytest.mark.parametrize(
    "text",
    [
        "会上妇女表示欢迎",  # 妇女|表示
        "他拉开弓虽然很吃力",  # 弓|虽然
        "白勺子比铁勺子好看",  # 白|勺子
        "男女干活都很卖力",  # 男女|干活
        "女干部在开会",  # 女|干部
        "腐女也不少",  # 女也 is not in the table: running text writes it too often
    ],
)
def test_characters_that_belong_to_words_of_their_own_stay_apart(text):
    assert normalise(text).text == text


def test_every_recombined_character_occurs_in_a_shipped_term():
    terms = [entry.term for entry in seed_terms.starter_entries()]
    unused = {c for c in SPLIT_CHARACTERS.values() if not any(c in term for term in terms)}
    assert unused == set()
    assert all(len(pair) == 2 for pair in SPLIT_CHARACTERS)


def test_a_hit_on_a_split_character_spans_both_halves_in_the_original():
    detector = TermListDetector.from_entries(seed_terms.starter_entries())
    text = "你个女表子"
    spans = [span for signal in detector.detect(text) for span in signal.spans]
    assert "女表子" in {span.text for span in spans}, spans
