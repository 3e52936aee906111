"""Issue 17, helper "mod17b": the patterns built for the kinds a blind set caught worst (veiled
threats, hate against a group, harassment in plain words, scams, emoji said as words), and the
look-alikes they must leave alone. A scam is a combination: a promise of money alone does
nothing, a contact address counts only beside one, and the two together act."""

import pytest

from crossnote.moderation.detectors import patterns
from crossnote.moderation.detectors.normalize import normalise
from crossnote.moderation.selectors import screen_text


def names(text: str) -> set[str]:
    return {hit.pattern.name for hit in patterns.find(text)}


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("we found out where your son goes to school", "threat of violence"),
        ("it would be a pity if something happened to your kids", "threat of violence"),
        ("i'm going to ruin your life", "threat of violence"),
        ("ur days are numbered", "threat of violence"),
        ("我们已经知道你老婆在哪上班", "threat of violence"),
        ("你们给我等着", "threat of violence"),
        ("迟早收拾你", "threat of violence"),
        ("我要🔪了你", "threat of violence"),
        ("we'll 🔫 u", "threat of violence"),
        ("refugees are parasites", "dehumanising a group"),
        ("all the mexicans should be sent back", "dehumanising a group"),
        ("穆斯林个个都是恐怖分子", "dehumanising a group"),
        ("杀光所有黑鬼", "dehumanising a group"),
        ("no one really cares about you", "harassing someone"),
        ("全班都看不起你", "harassing someone"),
        ("你根本不配做人", "harassing someone"),
        ("u r such a 💩", "insulting someone"),
        ("楼主就是 🐍", "insulting someone"),
    ],
)
def test_a_new_pattern_names_what_it_found(text, name):
    assert name in names(text), text


@pytest.mark.parametrize(
    "text",
    [
        "I know where you work now, congrats!",
        "you'll regret this decision if you skip breakfast",
        "下雨路滑，出门小心点哦",
        "这款产品不会让你后悔的",
        "别让我看到你哭",
        "我买了一把刀你要吗",
        "immigrants are not criminals",
        "women should be paid the same",
        "别一棒子打死所有广东人",
        "东北人都是热心肠",
        "能干出杀亲生子女的都是畜生",  # 子女的, not 女的
        "nobody likes you more than I do",
        "不会没人喜欢你的",
        "my 🐷 plushie",
        "you're the 🐐",
    ],
)
def test_the_new_patterns_leave_everyday_sentences_alone(text):
    assert patterns.find(text) == [], text


def test_a_knife_between_chinese_characters_is_the_verb_only_before_its_object():
    assert normalise("我🔪你").text == "我刀你"
    assert normalise("我要🔪了他").text == "我要刀了他"
    assert normalise("你去🔪死吧").text == "你去死吧"  # a filler inside 去死, as before
    assert normalise("买了把🔪").text == "买了把刀"


def test_a_contact_address_counts_only_beside_a_promise_of_money():
    assert names("DM me if you want to practise Chinese") == set()
    assert names("加我微信，一起练口语") == set()
    assert names("I earn $20 an hour at the cafe") == {"promising money"}
    both = names("earn $400 a day from home, dm me")
    assert {"promising money", "contact address beside a promise of money"} <= both
    hurry = names("日赚500，名额有限")
    assert {"promising money", "hurry beside a promise of money"} <= hurry
    assert names("limited spots, message me") == set()  # hurry and contact, no money


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("text", "action"),
    [
        ("I earn $20 an hour at the cafe", "allow"),  # money alone: commercial, lone
        ("DM me if you want to practise Chinese", "allow"),
        ("加我微信，一起练口语", "allow"),
        ("earn $400 a day from home, dm me", "hold"),  # two commercial signals agree
        ("在家兼职日赚300，加我vx", "hold"),
        ("immigrants are vermin", "label"),  # a pattern alone labels at most
    ],
)
def test_what_the_engine_does_with_them(text, action):
    _signals, verdict = screen_text(text, kind="note", language="")
    assert verdict.action == action, (text, verdict.action)
