"""Issue 17, session 9: built-in phrase patterns (threats, wishing death, urging self-harm,
calling someone an animal), phrases spelt out in part ("k i l l yourself"), a curse's initials
with 的 (cnmd), homophones said to someone (你是脑摊吧), and the look-alikes they must leave
alone; places' names, statements about quoted words, performances praised and "kill for"."""

import pytest

from crossnote.moderation.detectors import patterns, senses
from crossnote.moderation.selectors import screen_text


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("i will find you and beat you up", "threat of violence"),
        ("I'm going to hurt you", "threat of violence"),
        ("we'll hunt you down", "threat of violence"),
        ("hope u get hit by a bus and die", "wishing death"),
        ("you should die", "wishing death"),
        ("nobody would miss you", "wishing death"),
        ("go hang yourself", "urging self-harm"),
        ("我迟早弄死你", "threat of violence"),
        ("等着，我会找到你弄死你", "threat of violence"),
        ("你全家都是🐷", "calling someone an animal"),
        ("楼主就是个畜生", "calling someone an animal"),
    ],
)
def test_a_pattern_names_what_it_found(text, name):
    assert name in {hit.pattern.name for hit in patterns.find(text)}, text


@pytest.mark.parametrize(
    "text",
    [
        "I'll shoot you a message tonight",
        "I'll beat you at chess tomorrow",
        "I hope you dont die of boredom at the meeting",
        "I will find you a seat near the front",
        "打死你也不信",  # an idiom: you would never believe it
        "你是猪年出生的吗",  # the year of the pig
        "你是狗主人吗",
        "你这个狗狗好可爱",
        "你家的狗真可爱",
        "careful, don't burn yourself on the pan",
    ],
)
def test_patterns_leave_everyday_sentences_alone(text):
    assert patterns.find(text) == [], text


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("text", "acts"),
    [
        ("k i l l yourself", True),  # one word spelt out, the other whole
        ("go k i l l yourself loser", True),
        ("She s hit the target", False),  # a one-word term must be spelt out whole
        ("cnmd，滚", True),  # 操你妈的 by its initials, in Chinese text
        ("watching cnmd highlights", False),  # no Chinese: not initials
        ("你是脑摊吧", True),  # a homophone of 脑瘫 said to someone
        ("他摆了个脑摊", False),
        ("🐶日的东西", True),
        ("i will find you and beat you up", True),
        ("nobody would miss you if you died", True),
    ],
)
def test_evasions_are_caught_and_their_neighbours_are_not(text, acts):
    _signals, verdict = screen_text(text, kind="note", language="")
    assert verdict.acts is acts, (text, verdict.action, verdict.signals)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "text",
    [
        "Bastardo is a small village in Umbria",
        "Dildo is a real town in Newfoundland",
        'The linguist wrote a whole book on the history of the word "fuck"',
        'In the 1800s "idiot" and "imbecile" were official medical categories',
        "A study counted how often female journalists are called whores and bitches online",
        "Have you read Bastard Out of Carolina by Dorothy Allison?",
        "Damn, you killed that presentation today",
        "That goal was disgusting, what a finish",
        "My brain is garbage before the first coffee",
        "I'd kill for a cup of coffee right now",
        "英文里的 bastard 也可以指私生子吗？",
        "网上说的“nmsl”是什么意思？我看不懂",
    ],
)
def test_look_alikes_get_no_action(text):
    _signals, verdict = screen_text(text, kind="note", language="")
    assert not verdict.acts, (text, verdict.action, verdict.signals)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "text",
    [
        "you Bastard from Leeds",  # said to someone: not a place's name
        'you are what the word "cunt" means',  # addressed: no statement about words
        "you killed that man",  # a person, not a performance
        "my boss is a fucking idiot",  # about the boss, not oneself
    ],
)
def test_the_new_readings_do_not_excuse_abuse(text):
    _signals, verdict = screen_text(text, kind="note", language="")
    assert verdict.acts, (text, verdict.action)


def test_a_place_needs_a_capital_and_a_place_and_a_performance_needs_no_person():
    assert ("bastardo", "place") in {
        (i.word, i.sense) for i in senses.read("Bastardo is a village")
    }
    assert not any(i.sense == "place" for i in senses.read("bastardo is a village"))
    assert not any(i.sense == "place" for i in senses.read("I saw MR in Bobby Brown's show"))
    assert any(i.sense == "praise" for i in senses.read("she murdered that solo"))
    assert not any(i.sense == "praise" for i in senses.read("she murdered that guy"))


def test_my_and_disgusting_are_innocent_only_where_they_say_so():
    """Two readings that cost OLID validation and held-out one offensive tweet each until
    narrowed: "my" makes a mild insult self-reference only as "my <thing> is <insult>", and
    "disgusting" is praise only beside a word of play."""
    assert any(i.sense == "self" for i in senses.read("my code is garbage"))
    assert not any(i.sense == "self" for i in senses.read("my response to that idiot was calm"))
    assert not any(i.sense == "self" for i in senses.read("my boss is an idiot"))
    assert any(i.sense == "praise" for i in senses.read("that goal was disgusting"))
    assert not any(i.sense == "praise" for i in senses.read("it's all disgusting"))
