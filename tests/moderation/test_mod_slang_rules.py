"""Issue 17, session 10: Chinese internet and dialect insults the lists lacked (伞兵, 憨批,
马勒戈壁, 日你先人 ...), a lone digit read aloud inside a long term (去4吧, 你妈4了), threats and
abuse with no listed word in both languages (patterns.py: "i know where you live", "watch your
back", "waste of space", "hope you get cancer", 建议你全家原地爆炸, 你怎么还不去跳楼), and the
look-alikes each must leave alone (a paratrooper, a fan, 去4个城市, cliff jumping, lifting
advice)."""

import pytest

from crossnote.moderation.detectors import patterns
from crossnote.moderation.selectors import screen_text


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("i know where you live and i'm coming for you", "threat of violence"),
        ("we found out where your family lives", "threat of violence"),
        ("you'd better watch your back", "threat of violence"),
        ("watch your back, you'll regret this", "threat of violence"),
        ("You’re nothing but a waste of oxygen", "calling someone worthless"),
        ("do the world a favor and jump off a bridge", "urging self-harm"),
        ("go jump in front of a train", "urging self-harm"),
        ("do us all a favour and die", "urging self-harm"),
        ("我知道你家住在哪里", "threat of violence"),
        ("建议你全家原地爆炸", "wishing death"),
        ("祝你出门被车撞", "wishing death"),
        ("你不得好死", "wishing death"),
        ("你怎么还不去跳楼", "urging self-harm"),
        ("你还是去跳河吧", "urging self-harm"),
        ("i hope you get cancer", "wishing death"),
        ("the world would be a better place without you", "wishing death"),
        ("you're a dead man", "threat of violence"),
        ("祝你早日得癌症", "wishing death"),
    ],
)
def test_a_new_pattern_names_what_it_found(text, name):
    assert name in {hit.pattern.name for hit in patterns.find(text)}, text


@pytest.mark.parametrize(
    "text",
    [
        "Watch your back when you deadlift heavy",
        "This app is a waste of space on my phone",
        "We jumped off the cliff into the lake, so fun",
        "we should jump off the cliff into the water",
        "Do us a favor and bring snacks tomorrow",
        "You better watch the new season",
        "希望你出门别被车撞到",  # a wish for safety
        "祝你早日康复",
        "你还不死心吗",  # 死心: to give up hope
        "你怎么还不睡觉",
        "笑死我了，我原地爆炸",
        "I hope you don't get cancer like your dad did",
        "The team will be better without you on the night shift",  # no world, no everyone
        "you're a dead man walking lol",  # a joke's idiom
        "希望你别得癌症",
        "祝你得偿所愿",
    ],
)
def test_the_new_patterns_leave_everyday_sentences_alone(text):
    assert patterns.find(text) == [], text


@pytest.mark.django_db
@pytest.mark.parametrize(
    "text",
    [
        "你个伞兵，别说话了",
        "楼上真是个憨批",
        "泥马勒戈壁，有病吧",
        "我日你先人",
        "滚犊子，别来烦我",
        "心机婊又在装可怜",
        "去4吧你",  # 4 for 死
        "你妈4了",
        "去歹匕吧",  # 死 split into its components
        "你个女表子",
        "你这个🐢儿子",  # a turtle inside a word reads as 龟
    ],
)
def test_slang_digits_and_split_characters_are_acted_on(text):
    _signals, verdict = screen_text(text, kind="note", language="zh")
    assert verdict.acts, (text, verdict.action, verdict.signals)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "text",
    [
        "我爷爷当过伞兵，参加过二战",  # a paratrooper
        "空降伞兵部队今天演习",
        "我是你的脑残粉！",  # a die-hard fan
        "我是周杰伦的头号脑残粉",
        "今日你先人一步",  # 今日|你|先人一步
        "下周去4个城市出差",  # a digit inside a two-syllable term's sound is no evasion
        "我们去4楼吃饭吧",
        "二比一赢了",  # a score, not 二逼
        "狗比猫更黏人",  # a comparison, not 狗逼
        "这款女表很适合送给妈妈",  # a women's watch
        "今天看到一只🐢在晒太阳",
    ],
)
def test_their_look_alikes_get_no_action(text):
    _signals, verdict = screen_text(text, kind="note", language="zh")
    assert not verdict.acts, (text, verdict.action, verdict.signals)


@pytest.mark.django_db
def test_a_fan_who_insults_others_is_still_read():
    signals, verdict = screen_text("你们这些脑残粉真恶心", kind="note", language="zh")
    assert verdict.acts
    assert any(s.layer == "terms" and "脑残" in s.detail for s in signals), signals
