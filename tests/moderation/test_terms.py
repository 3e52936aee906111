"""The term-list layer: evasions are caught, innocent look-alikes are not, spans point at what
the author wrote, lists honour their language and region, and bad terms are refused."""

import pytest

from crossnote.moderation.detectors.terms import TermEntry, TermListDetector
from crossnote.moderation.seed_terms import starter_entries

# Terms chosen because they hide inside innocent words; each test using them can fail.
RISKY = [
    TermEntry("cunt", "profanity", "risky", 1),
    TermEntry("ass", "profanity", "risky", 2),
    TermEntry("cock", "profanity", "risky", 3),
    TermEntry("shit", "profanity", "risky", 4),
    TermEntry("rapist", "violence", "risky", 5),
    TermEntry("rape", "violence", "risky", 6),
    TermEntry("fuck", "profanity", "risky", 7),
    TermEntry("fucking", "profanity", "risky", 8),
    TermEntry("乳", "sexual", "risky", 9, exceptions=("乳酪",)),
    TermEntry("奶", "sexual", "risky", 10, exceptions=("奶酪", "牛奶", "奶茶")),
    TermEntry("鸡", "sexual", "risky", 11, exceptions=("鸡尾酒", "鸡蛋", "鸡肉")),
    TermEntry("傻逼", "harassment", "risky", 12),
    TermEntry("脑残", "harassment", "risky", 13),
]

LOOKALIKES = [
    "Scunthorpe United won on Saturday",
    "a classic film",
    "the assassin's creed",
    "Cocktail hour at the hotel bar",
    "I ate 乳酪 and 奶酪",
    "I ate 乳 酪",
    "周末喝了一杯鸡尾酒",
    "shiitake mushrooms in miso soup",
    "My therapist says I should travel more",
    "a bunch of grapes",
    "She's hit the jackpot",
    "Hancock Park, Dickens and a cockpit tour",
    "I passed the class assessment",
    "Grass-fed butter on sourdough",
    "Essex and Sussex by train",
    "Samsung Galaxy A55 vs iPhone 15",
    "他很傻。逼自己学习到半夜",
    "m/f, 20s, likes hiking",
]

# Everyday posts the shipped lists must leave alone (the bare 奶 and 鸡 in RISKY would not).
EVERYDAY = [
    "magna cum laude",
    "My Maine Coon sleeps on the sofa all day",
    "Our cat knocked a cup off the table again",
    "Two weeks in Kyoto: temples, ramen and too many photos",
    "Recipe: tomato and egg stir-fry, ready in 10 minutes",
    "Flight to Chengdu at 7am, hotpot at 7pm",
    "Pussy willow branches for the spring vase",
    "今天做了番茄炒蛋，超级下饭",
    "我家猫咪今天又把杯子推到地上了",
    "周末去杭州西湖玩，人好多但是风景很美",
    "早餐：牛奶、鸡蛋和全麦面包",
    "这家奶茶店的芝士奶盖太好喝了",
    "我妈比我高，我妈的生日快到了",
    "一只鸡八十块，手机八百块",
    "体操比赛太精彩了，我不想操你的心",
    "私服穿搭分享，处女座的强迫症",
    "今天去做了去死皮护理，顺便清洁去死角",
    "废物利用：旧T恤改成购物袋",
    "遛狗日记：柯基的日常",
    "3月5日批准的项目",
    "加VIP会员可以免广告",
    "卖BB霜的小店",
]


@pytest.fixture(scope="module")
def risky():
    return TermListDetector.from_entries(RISKY)


@pytest.fixture(scope="module")
def starter():
    return TermListDetector.from_entries(starter_entries())


def details(signals):
    return sorted(signal.detail for signal in signals)


@pytest.mark.parametrize(
    ("text", "term"),
    [
        ("f u c k you", "fuck"),
        ("f.u.c.k", "fuck"),
        ("f-u-c-k off", "fuck"),
        ("ＦＵＣＫ", "fuck"),
        ("fսck this", "fuck"),
        ("fuсk this", "fuck"),
        ("oh sh1t", "shit"),
        ("f\u200buck", "fuck"),
        ("你真是個傻逼", "傻逼"),
        ("你真是個腦殘", "脑残"),  # traditional form of a simplified entry
        ("傻 逼", "傻逼"),
        ("傻-逼", "傻逼"),
        ("这也太fucking好吃了", "fucking"),
    ],
)
def test_evasions_are_caught(risky, starter, text, term):
    assert term in details(risky.detect(text))
    assert details(starter.detect(text))  # the shipped lists catch it too


@pytest.mark.parametrize("text", LOOKALIKES)
def test_innocent_look_alikes_are_not_caught(risky, starter, text):
    assert risky.detect(text) == []
    assert starter.detect(text) == []


@pytest.mark.parametrize("text", EVERYDAY)
def test_everyday_posts_pass_the_starter_lists(starter, text):
    assert starter.detect(text) == []


def test_listed_term_still_matches_outside_its_exceptions(risky):
    assert details(risky.detect("乳酪和乳")) == ["乳"]
    assert details(risky.detect("鸡尾酒") + risky.detect("野鸡")) == ["鸡"]


def test_exception_is_what_clears_the_innocent_word():
    bare = TermListDetector.from_entries([TermEntry("乳", "sexual", "risky", 9)])
    assert details(bare.detect("乳酪")) == ["乳"]


def test_platform_wide_exceptions_clear_matches_of_any_list():
    detector = TermListDetector.from_entries(
        [TermEntry("鸡", "sexual", "a", 1), TermEntry("鸡", "spam", "b", 2)], exceptions=["鸡尾酒"]
    )
    assert detector.detect("鸡尾酒") == []
    assert len(detector.detect("野鸡")) == 2


def test_squeezed_match_needs_letters_that_stand_alone(risky):
    assert risky.detect("fu ck") == []
    assert risky.detect("She's hit") == []
    assert details(risky.detect("s h i t")) == ["shit"]


def test_squeezed_match_does_not_cross_a_sentence_or_line():
    detector = TermListDetector.from_entries([TermEntry("傻逼", "harassment", "zh", 1)])
    assert detector.detect("他很傻。逼自己") == []
    assert detector.detect("他很傻\n逼自己") == []
    assert details(detector.detect("傻 . 逼")) == ["傻逼"]


def test_signal_carries_layer_rule_category_and_spans_in_the_original_text(risky):
    text = "you are a ｆｕｃｋｉｎｇ idiot, ｆｕｃｋｉｎｇ"
    [signal] = risky.detect(text)
    assert signal.layer == "terms"
    assert signal.category == "profanity"
    assert signal.score == 1.0
    assert signal.rule == "terms:risky#8"
    assert signal.detail == "fucking"
    assert [(span.start, span.end, span.text) for span in signal.spans] == [
        (10, 17, "ｆｕｃｋｉｎｇ"),
        (25, 32, "ｆｕｃｋｉｎｇ"),
    ]
    assert all(text[span.start : span.end] == span.text for span in signal.spans)


def test_spelled_out_span_covers_the_whole_spelling(risky):
    [signal] = risky.detect("well f . u . c . k that")
    assert [span.text for span in signal.spans] == ["f . u . c . k"]


def test_region_scoped_list_applies_only_to_authors_in_that_region():
    detector = TermListDetector.from_entries(
        [TermEntry("verboten", "illegal_goods", "de-only", 1, regions=("DE",))]
    )
    assert details(detector.detect("ganz verboten", region="DE")) == ["verboten"]
    assert details(detector.detect("ganz verboten", region="de")) == ["verboten"]
    assert detector.detect("ganz verboten", region="US") == []
    assert detector.detect("ganz verboten", region="") == []


def test_language_scoped_list_applies_to_its_language_and_to_unknown_or_mixed_text():
    detector = TermListDetector.from_entries(
        [TermEntry("negro", "hate", "en-only", 1, language="en")]
    )
    assert details(detector.detect("negro", language="en")) == ["negro"]
    assert details(detector.detect("negro", language="en-GB")) == ["negro"]
    assert details(detector.detect("negro", language="mixed")) == ["negro"]
    assert details(detector.detect("negro", language="")) == ["negro"]
    assert detector.detect("Río Negro", language="es") == []
    assert detector.detect("negro", language="zh") == []


def test_substring_mode_matches_inside_words():
    detector = TermListDetector.from_entries(
        [TermEntry("fuck", "profanity", "sub", 1, mode="substring")]
    )
    assert details(detector.detect("motherfuckers")) == ["fuck"]


def test_mixed_script_term_keeps_its_latin_edge_a_word_boundary(starter):
    assert details(starter.detect("加V信聊")) == ["加v"]
    assert starter.detect("加VIP") == []


def test_invalidate_rebuilds_from_the_loader():
    entries = [TermEntry("spam", "spam", "l", 1)]
    detector = TermListDetector(lambda: list(entries))
    assert detector.detect("eggs") == []
    entries.append(TermEntry("eggs", "spam", "l", 2))
    assert detector.detect("eggs") == []  # still the cached automaton
    detector.invalidate()
    assert details(detector.detect("eggs")) == ["eggs"]


@pytest.mark.parametrize(
    ("term", "problem"),
    [
        ("", "empty"),
        ("   \t", "empty"),
        ("x" * 101, "101 characters long; the limit is 100"),
        ("...!?", "normalises to nothing"),
        ("\u200b\u200d", "normalises to nothing"),
    ],
)
def test_bad_terms_are_refused_with_the_reason(term, problem):
    with pytest.raises(ValueError, match=problem):
        TermListDetector.from_entries([TermEntry(term, "profanity", "bad", 1)])


def test_bad_mode_and_foreign_exception_are_refused():
    with pytest.raises(ValueError, match="Unknown match mode 'regex'"):
        TermListDetector.from_entries([TermEntry("a.*b", "spam", "l", 1, mode="regex")])
    with pytest.raises(ValueError, match="does not contain the term"):
        TermListDetector.from_entries([TermEntry("乳", "sexual", "l", 1, exceptions=("奶酪",))])


def test_terms_are_plain_strings_not_patterns():
    detector = TermListDetector.from_entries([TermEntry("a.*b", "spam", "l", 1)])
    assert detector.detect("axxb") == []
    assert details(detector.detect("say a.*b now")) == ["a.*b"]


def test_starter_lists_cover_each_category_at_a_reasonable_size():
    entries = starter_entries()
    assert 300 <= len(entries) <= 2000
    assert {entry.category for entry in entries} == {
        "profanity", "hate", "scam", "spam", "harassment",
    }  # fmt: skip
    assert len({entry.rule for entry in entries}) == len(entries)


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("DM me for crypto tips", "scam"),
        ("guaranteed returns every week!!", "scam"),
        ("Click the link in bio to claim your gift", "scam"),
        ("兼职日结，在家就能做", "scam"),
        ("刷单返利，一单一结", "scam"),
        ("想要资料的加微信", "spam"),
        ("免费领取护肤小样", "spam"),
        ("你去死吧", "harassment"),
        ("脑残", "harassment"),
    ],
)
def test_starter_lists_catch_scam_spam_and_insults(starter, text, category):
    assert category in {signal.category for signal in starter.detect(text)}
