"""Chinese terms through their pinyin, initials and homophones; context before action (jieba's
segmentation, benign compounds, ambiguous terms); spans still point at what the author wrote."""

import pytest

from crossnote.moderation.detectors.terms import TermEntry, TermListDetector
from crossnote.moderation.seed_terms import starter_entries


@pytest.fixture(scope="module")
def starter():
    return TermListDetector.from_entries(starter_entries())


def hits(detector, text):
    return [(signal.category, signal.ambiguous) for signal in detector.detect(text)]


# Evasions of core abuse, caught by the shipped lists; the span is what the author wrote.
@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("你妈死了", "你妈死了"),
        ("nmsl", "nmsl"),
        ("NMSL!!!", "NMSL"),
        ("你就是个sb", "sb"),
        ("你个ｓｂ", "ｓｂ"),
        ("ＳＢ", "ＳＢ"),  # full width: typed with a Chinese input method
        ("cnm，你再说一遍试试", "cnm"),
        ("cnm 滚出去", "cnm"),
        ("SB一个，别来这装", "SB"),
        ("tmd真烦", "tmd"),
        ("nmb 你算什么东西", "nmb"),
        ("你是不是nc啊", "nc"),
        ("cnmb", "cnmb"),
        ("你🐎没了", "你🐎没了"),
        ("智💩障一个", "智💩障"),
        ("傻*", "傻*"),
        ("操你*", "操你*"),
        ("你妈*了", "你妈*了"),
        ("傻×楼主", "傻×"),
        ("去死死死死吧", "去死死死死吧"),
        ("草拟吗", "草拟吗"),
        ("你吗死了", "你吗死了"),
        ("fuuuuck you", "fuuuuck"),
        ("you b🙃tch", "b🙃tch"),
        ("f😂ck you", "f😂ck"),
        ("what a 1d10t", "1d10t"),
        ("🅢🅑 楼主", "🅢🅑"),  # negative circled letters
        ("ꜰᴜᴄᴋ ʏᴏᴜ", "ꜰᴜᴄᴋ"),  # small capitals
        ("煞笔", "煞笔"),
        ("沙比", "沙比"),
        ("傻B", "傻B"),
        ("你个傻x", "傻x"),
        ("草泥马", "草泥马"),
        ("艹你妈", "艹你妈"),
        ("尼玛", "尼玛"),
        ("你就是个傻😂逼", "傻😂逼"),
        ("草泥🐴", "草泥🐴"),
        ("你妈💀了", "你妈💀了"),
        ("你真是个shabi", "shabi"),
        ("caonima", "caonima"),
        ("cao ni ma", "cao ni ma"),
        ("傻币", "傻币"),  # a homophone nobody listed
        ("操尼玛", "操尼玛"),  # a homophone of 操你妈
        ("你这个傻逼人渣", "傻逼"),  # jieba reads 傻|逼人|渣: an unambiguous term stands as written
        ("他马的，气死我了", "他马的"),
        ("你怎么不去死", "去死"),
        ("motherf*cker", "motherf*cker"),
        ("f**k you", "f**k"),
        ("sh.t", "sh.t"),
        ("you idіot", "idіot"),
        ("wh0re", "wh0re"),
    ],
)
def test_evasions_of_core_abuse_are_caught(starter, text, span):
    signals = starter.detect(text)
    assert signals, text
    assert span in [s.text for signal in signals for s in signal.spans]


@pytest.mark.parametrize(
    "text",
    [
        # benign compounds and segmentation
        "孩子回去死活不肯写作业",
        "这道题我要去死磕到底",
        "我们周末去智障儿童康复中心做志愿者",
        "他马的尾巴很长",
        "其他妈妈都来了",
        "操场上有人在跑步",
        "操作系统升级了",
        "体操比赛太精彩了",
        "有趣死了",
        # homophones that are Chinese of their own
        "一张纸张",  # 纸张 sounds like 智障
        "他骂的是我",  # 骂 (a verb) for 妈
        "只要见人就笑",  # 见人 sounds like 贱人
        "我妈比我高",  # 比 (a preposition) for 逼
        "我翻了半天想找到福建人的回答",  # 建人 (of 福建人) sounds like 贱人
        "我忍不住笑出声",  # 出声 sounds like 畜生
        "一男三女是滥交",  # 滥交 sounds like 懒叫
        "还是妈妈逼着吃掉",  # 妈妈|逼着 across 妈逼
        "是你吗",
        # Latin look-alikes of initials and pinyin
        "my usb drive died",
        "SBS news tonight",
        "sbux stock is up",
        "SB19 concert",
        "give sb sth",
        "to help sb do sth",
        "'Lend sb. a hand' 是什么意思？",  # sb. = somebody, dictionary shorthand
        "you sb",  # short initials count only where the text has Chinese
        "CNM and midwifery care",
        "这个视频沙雕又可爱",  # 沙雕 (goofy) sounds like 傻屌
        "我就是个屌丝程序员",
        "CNN reported it",
        "Sima Qian wrote the Records",
        # English look-alikes
        "These chemicals retard plant growth",
        "Salt can retard the growth of bacteria",
        "Hitchcock's Psycho is a classic",
        "Moby Dick",
        "pussy willow",
        "Scunthorpe",
        "cocktail",
        "Dick Van Dyke",
        "my 🐶 is cute",
        "Reading The Idiot by Dostoevsky",
        "www.example.com and xxx",
        "死猪不怕开水烫",
        "小儿脑瘫的康复训练",
        "我的藏族同学叫尼玛次仁",  # 尼玛, a Tibetan name: its exception also clears 泥马
        "尼玛县在西藏那曲",
        "草泥马其实就是羊驼",
        "🇨🇳 and 🇺🇸 flags",
    ],
)
def test_innocent_look_alikes_are_not_caught(starter, text):
    assert starter.detect(text) == []


@pytest.mark.parametrize(
    ("text", "ambiguous"),
    [
        ("你这个傻逼", False),
        ("你妈死了", False),
        ("nmsl", False),
        ("caonima", False),
        ("you retard", True),
        ("你怎么不去死", True),
        ("你个sb", True),
        ("shabi", True),  # two-syllable pinyin
        ("傻币", True),  # a homophone of a two-character term
        ("可以加微信吗？想练习中文", True),  # contact-sharing
        ("新人报到，求互关～", True),
        ("follow for follow?", True),
        ("加微信领取红包", False),  # a lure: 领取红包 is a scam term
        ("DM me for crypto returns", False),
    ],
)
def test_hits_say_whether_they_are_ambiguous(starter, text, ambiguous):
    signals = starter.detect(text)
    assert signals
    assert min(signal.ambiguous for signal in signals) is ambiguous


def test_a_homophone_is_reported_once_not_once_per_listed_spelling(starter):
    signals = starter.detect("傻币")
    assert len(signals) == 1 and signals[0].detail.endswith("(homophone)")
    # A span that a listed spelling matches as written is not also a homophone of the others.
    assert [signal.detail for signal in starter.detect("煞笔")] == ["煞笔"]


def test_homophones_and_pinyin_of_an_operators_own_term():
    detector = TermListDetector.from_entries(
        [TermEntry("王八羔子", "harassment", "mine", 1)]  # four syllables
    )
    assert hits(detector, "你这个王巴羔子") == [("harassment", False)]
    assert hits(detector, "wangbagaozi") == [("harassment", False)]
    assert hits(detector, "wbgz") == [("harassment", False)]  # initials of 4+ syllables
    assert detector.detect("wbgzx") == []


def test_spam_and_scam_terms_are_not_folded_through_pinyin():
    detector = TermListDetector.from_entries([TermEntry("刷单", "scam", "mine", 1)])
    assert detector.detect("shuadan") == []
    assert detector.detect("耍单") == []
    assert detector.detect("刷单") != []


def test_an_ambiguous_chinese_term_is_not_a_match_across_a_word():
    detector = TermListDetector.from_entries(
        [TermEntry("去死", "harassment", "mine", 1, ambiguous=True)]
    )
    assert detector.detect("孩子回去死活不肯写作业") == []  # 回去|死活
    assert detector.detect("你去死吧") != []
    plain = TermListDetector.from_entries([TermEntry("去死", "harassment", "mine", 1)])
    assert plain.detect("孩子回去死活不肯写作业") != []  # unambiguous: as written


def test_an_exception_may_be_written_with_the_homophone():
    detector = TermListDetector.from_entries(
        [TermEntry("他妈的", "profanity", "mine", 1, exceptions=("他马的鬃毛",))]
    )
    assert detector.detect("他马的鬃毛") == []


def test_an_exception_that_is_the_term_with_punctuation_is_refused():
    with pytest.raises(ValueError, match="itself"):
        TermListDetector.from_entries(
            [TermEntry("sb", "harassment", "mine", 1, exceptions=("sb/",))]
        )


def test_an_exception_that_neither_contains_nor_sounds_like_the_term_is_refused():
    with pytest.raises(ValueError, match="does not contain"):
        TermListDetector.from_entries(
            [TermEntry("智障", "harassment", "mine", 1, exceptions=("智力障碍",))]
        )
