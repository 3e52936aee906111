"""Sense before action (issue 17): a word with innocent readings is read in the sense its
context gives it (cue words by sense, names, mentions, self-reference, praise, news); such a
reading drops the term hit and blanks the word for the lexical layers, and lexical layers that
agree with an ambiguous hit are one piece of evidence, so holding needs an independent one."""

import pytest

from crossnote.moderation import engine
from crossnote.moderation.detectors import senses
from crossnote.moderation.detectors.base import Signal
from crossnote.moderation.detectors.terms import TermListDetector
from crossnote.moderation.seed_terms import starter_entries


@pytest.fixture(scope="module")
def starter():
    return TermListDetector.from_entries(starter_entries())


def sense_of(text: str, word: str) -> str:
    return next((i.sense for i in senses.read(text) if i.word == word), "")


# Sentences written for these tests, one per rule; none is in the regression suite.
@pytest.mark.parametrize(
    ("text", "word", "sense"),
    [
        ("Our bitch is due to whelp next week, the vet says", "bitch", "dog"),
        ("The cock on the neighbour's farm crows at four", "cock", "bird"),
        ("Sharpen the hoe before you tackle the weeds", "hoe", "garden"),
        ("The old dyke failed when the river flooded", "dyke", "water"),
        ("Smoke the pork butt low and slow for ten hours", "butt", "food"),
        ("Grandma's pussy willow is in bloom", "pussy", "plant"),
        ("The novel was written by Dick Francis in 1962", "dick", "name"),
        ("What does the word 'bellend' mean?", "bellend", "mention"),
        ("Is moron a swear word in English?", "moron", "mention"),
        ("我真是个笨蛋，又忘带伞了", "笨蛋", "self"),
        ("I'm such a moron, I locked myself out", "moron", "self"),
        ("That new album is wicked", "wicked", "praise"),
        ("Sorry, dumb question: where is the station?", "dumb", "thing"),
        ("楼下的垃圾桶满了", "垃圾", "rubbish"),
        ("“傻瓜”用英文怎么说？", "傻瓜", "mention"),
        ("白痴的日语怎么说", "白痴", "mention"),
        ("热死了，开个空调吧", "死", "praise"),
        ("Police say the man hurled slurs at commuters", "slurs", "report"),
    ],
)
def test_a_context_cue_gives_the_innocent_sense(text, word, sense):
    assert sense_of(text, word) == sense


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("you dumb bitch, go walk your dog", "bitch"),  # addressed: the cue does not count
        ("shut up bitch", "bitch"),
        ("you are such an idiot", "idiot"),  # addressed: not self-reference
        ("he is sick in the head", "sick"),  # a person as subject: not praise
        ("stupid cow", "stupid"),
        ("你这个垃圾，滚", "垃圾"),
        ("你妈死了", "死"),
        ("WHAT A BITCH", "bitch"),  # capitals say nothing about names
        # Rules tightened on the validation splits, where they read abuse as innocent:
        ("RT @someone: Bitches be like that", "bitches"),  # not a name word; a line's start
        ("Karma is a bitch", "bitch"),  # "is" makes no mention
        ("chilling with my retarded ass cousin", "retarded"),  # "my" is no self-reference
        ("I think she is an idiot", "idiot"),  # the nearest person is her
        ('they call her "queen" but she is a bitch', "bitch"),  # quotes without word talk
    ],
)
def test_abuse_keeps_its_sense(text, word):
    assert sense_of(text, word) == ""


def test_blank_hides_only_innocently_read_words_and_leaves_other_text_alone():
    assert senses.blank("The bitch had a litter of nine") == "the   had a litter of nine"
    assert senses.blank("you stupid bitch") == "you stupid bitch"


def test_a_term_read_in_an_innocent_sense_is_dropped_and_a_mentioned_slur_only_labels(starter):
    assert starter.detect("The greyhound bitch won the race at the kennel club") == []
    assert starter.detect("dumb bitch") != []
    assert all(s.ambiguous for s in starter.detect("dumb bitch"))  # bitch has innocent senses
    mentioned = starter.detect('Why is "faggot" a slur and not just a bundle of sticks?')
    assert mentioned == [] or all(s.ambiguous for s in mentioned)


def _signal(layer, score=0.99, *, ambiguous=True, category="profanity"):
    return Signal(
        layer=layer, category=category, score=score, rule=f"{layer}:x", ambiguous=ambiguous,
        thresholds={"label": 0.5, "hold": 0.9} if layer == "classifier" else {},
    )  # fmt: skip


@pytest.mark.django_db
def test_lexical_layers_agreeing_with_an_ambiguous_term_do_not_hold():
    term = _signal("terms", 1.0, category="harassment")
    lexical = [term, _signal("classifier"), _signal("profanity")]
    assert engine.decide(lexical, kind="note").action == "label"
    # An unambiguous term backs the classifier; it holds by itself anyway.
    unambiguous = _signal("terms", 1.0, ambiguous=False, category="harassment")
    assert engine.decide([unambiguous, _signal("classifier")], kind="note").action == "hold"


@pytest.mark.django_db
def test_the_lexical_layers_alone_label_at_most():
    verdict = engine.decide([_signal("classifier"), _signal("profanity")], kind="note")
    assert verdict.action == "label"
