"""Evasions that mix scripts or drop spaces, and innocent words that look like them: a Chinese
term written half in characters and half in pinyin or initials inside one word (智zhang, 滚你mb),
spaced initials beside Chinese (s b), a pictograph that repeats the sound before it (你妈🐴死了),
a multi-word phrase written as one run of letters (OCR, hashtags), a possessive ("the ass's
jawbone"), and benign compounds that hold a listed term (沙比利, a wood)."""

import pytest

from crossnote.moderation.detectors import senses
from crossnote.moderation.detectors.normalize import normalise
from crossnote.moderation.detectors.terms import TermEntry, TermListDetector
from crossnote.moderation.seed_terms import starter_entries


@pytest.fixture(scope="module")
def starter():
    return TermListDetector.from_entries(starter_entries())


def spans(detector, text):
    return sorted(span.text for signal in detector.detect(text) for span in signal.spans)


# --- half characters, half pinyin or initials --------------------------------------------------


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("他就是个智zhang", "智zhang"),  # the second syllable in pinyin
        ("你真是个zhi障", "zhi障"),  # the first
        ("傻bi一个", "傻bi"),
        ("sha逼楼主", "sha逼"),
        ("给我滚，你mb", "你mb"),  # initials after a Chinese character
        ("你mb的，闭嘴", "你mb"),
    ],
)
def test_a_term_half_in_pinyin_inside_a_chinese_word_labels(starter, text, span):
    signals = starter.detect(text)
    assert span in spans(starter, text), signals
    # Half pinyin is strong enough to label, never to hold on its own.
    assert all(signal.ambiguous for signal in signals if span in [s.text for s in signal.spans])
    assert any("(mixed)" in signal.detail for signal in signals)


@pytest.mark.parametrize(
    "text",
    [
        "纸zhang不够用了",  # 纸 keeps none of 智障: a word of its own
        "还剩500mb流量",  # a unit after a number
        "我用python写代码",
        "我们去kfc吃吧",
        "你ok吗",
        "他是个nb的人",
        "你mbc的账号多少",  # the letters go on past the match
    ],
)
def test_latin_words_beside_chinese_are_not_pinyin_evasions(starter, text):
    assert not [s for s in starter.detect(text) if "(mixed)" in s.detail], text


def test_a_latin_run_beside_chinese_is_read_as_the_listed_syllables():
    detector = TermListDetector.from_entries(
        [TermEntry(term="智障", category="harassment", list_name="t", term_id=1)]
    )
    assert spans(detector, "你是智zhang") == ["智zhang"]
    assert spans(detector, "你才智zhang") == []  # 才智 (talent) is a word across its start
    assert spans(detector, "zhizhang") == ["zhizhang"]  # all Latin: the pinyin pass, as before


# --- spaced initials ------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["你就是个s b", "楼上s b吧", "你个S B"])
def test_spaced_initials_beside_chinese_label(starter, text):
    signals = starter.detect(text)
    assert signals and all(signal.ambiguous for signal in signals), signals


@pytest.mark.parametrize(
    "text",
    [
        "a s b c 三个选项里选一个",  # letters in a list: not standing alone
        "give s b a hand",  # no Chinese
        "s b",
    ],
)
def test_spaced_letters_in_a_list_or_without_chinese_are_not_initials(starter, text):
    assert not starter.detect(text), text


# --- a pictograph that repeats a sound ------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "folded"),
    [
        ("你妈🐴死了", "你妈死了"),  # 🐴 says 妈 again
        ("去死💀吧", "去死吧"),
        ("你个狗🐶", "你个狗"),
        ("草泥🐴", "草泥马"),  # a different sound: read as the character
        ("我家的🐶很可爱", "我家的狗很可爱"),
    ],
)
def test_a_pictograph_echoing_the_character_before_it_is_dropped(written, folded):
    normalised = normalise(written)
    assert normalised.text == folded
    assert len(normalised.index) == len(normalised.text)


def test_an_echoing_pictograph_no_longer_hides_a_phrase(starter):
    assert spans(starter, "楼主你妈🐴死了吧") == ["你妈🐴死了"]


# --- phrases without spaces -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("gokillyourself", "gokillyourself"),
        ("just GoKillYourself.", "GoKillYourself"),
        ("#killyourself loser", "killyourself"),
        ("drinkbleach", "drinkbleach"),
    ],
)
def test_a_listed_phrase_written_as_one_run_of_letters_matches(starter, text, span):
    assert span in spans(starter, text)


@pytest.mark.parametrize(
    "text",
    [
        "upskillyourself with our course",  # "upskill yourself": the run is longer than the phrase
        "skillyourselfup",
        "gokillyourself2",  # a user name with digits
    ],
)
def test_a_phrase_inside_a_longer_run_is_not_matched(starter, text):
    assert not starter.detect(text), text


def test_the_spaced_phrase_is_matched_once(starter):
    assert spans(starter, "kill yourself") == ["kill yourself"]


# --- possessives ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "The ass's saddle was too heavy for the old mule",
        "Our bitch's puppies were born last night",
    ],
)
def test_a_possessive_is_read_in_the_sense_of_its_word(starter, text):
    assert senses.read(text), text
    assert not starter.detect(text), text


def test_a_possessive_insult_still_counts(starter):
    assert starter.detect("you stupid ass's face")


# --- benign compounds -------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["这张餐桌是沙比利木做的", "沙比利的纹理很漂亮", "碧池塘边柳树多"])
def test_a_benign_compound_clears_the_term_it_holds(starter, text):
    assert not starter.detect(text), text


@pytest.mark.parametrize("text", ["你个沙比", "沙比，滚"])
def test_the_term_alone_still_counts(starter, text):
    assert starter.detect(text)


def test_benign_compounds_must_stand_as_words_of_their_own():
    entry = TermEntry(term="沙比", category="harassment", list_name="t", term_id=1)
    detector = TermListDetector(lambda: [entry])
    assert not detector.detect("沙比利木")
    # Without the shipped list the compound is just text holding the term.
    bare = TermListDetector.from_entries([entry])
    bare._matcher = type(bare.matcher)([entry], benign=())
    assert bare.detect("沙比利木")
