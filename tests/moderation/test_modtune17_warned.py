"""Issue 17, session 24, helper "modtune17": a sentence that warns about a scam names the scam's
words to warn of them (刷单都是骗局，先垫付的兼职千万别做; "guaranteed returns are always a scam").
Such warnings were held as scams: one in holdout14's look-alikes, one in every batch of innocent
twins written here (/tmp/modtune17/batch1-3), and 11 of 12 in batch5, written after the rule. The
term layer now drops scam and spam terms inside such a sentence (senses.WARNED), and nothing else:
a scam that denies being one (不是骗局, "not a scam") or urges "千万别错过" is acted on as before,
and so is an insult or a threat written beside a warning."""

import pytest

from crossnote.moderation.detectors import senses
from crossnote.moderation.selectors import screen_text


@pytest.mark.django_db
@pytest.mark.parametrize(
    "text",
    [
        "刷单都是骗局，先垫付的兼职千万别做。",
        "教大家识别刷单诈骗：凡是要你先交钱的兼职，全都是骗局。",
        "反诈中心提醒：凡是让你转到安全账户的都是诈骗。",
        "投资理财要谨慎，稳赚不赔的说法都是骗人的。",
        "日赚千元的兼职都是骗人的，年轻人别被骗。",
        "谨防“恭喜您中奖”短信，点开链接就会被盗刷。",
        "加微信领取的所谓免费课程全是套路，最后都是要你交钱。",
        "Guaranteed returns are always a scam, no real investment can promise that.",
        "PSA: 'double your bitcoin' posts are scams, don't fall for them.",
        "If anyone tells you they have a risk-free investment, beware, it's a fraud.",
    ],
)
def test_a_warning_about_a_scam_is_not_acted_on(text):
    signals, verdict = screen_text(text, kind="note", language="")
    assert not verdict.acts, (text, [(s.layer, s.rule) for s in signals])


@pytest.mark.django_db
@pytest.mark.parametrize(
    "text",
    [
        "兼职刷单，日结300，正规平台不是骗局，加微信 sd2026 了解。",
        "刷单日结，稳赚不赔，这不是骗局！",
        "加微信领取免费课程，名额只剩最后10个，千万别错过！",
        "Guaranteed returns of 20% a week, this is not a scam, DM me for crypto.",
        "Double your bitcoin in 24h! Send BTC to the wallet in my bio, not a scam.",
    ],
)
def test_a_scam_that_denies_being_one_is_still_acted_on(text):
    signals, verdict = screen_text(text, kind="note", language="")
    assert verdict.acts, (text, [(s.layer, s.rule) for s in signals])


@pytest.mark.django_db
@pytest.mark.parametrize(
    "text",
    [
        "刷单都是骗局，发这种帖的都是傻逼。",
        "Crypto giveaways are always a scam, you absolute fucking idiot.",
    ],
)
def test_an_insult_beside_a_warning_is_still_read(text):
    signals, verdict = screen_text(text, kind="note", language="")
    assert verdict.acts, (text, [(s.layer, s.rule) for s in signals])


@pytest.mark.parametrize(
    ("text", "warned"),
    [
        ("刷单都是骗局，大家别信。", True),
        ("这不是骗局，放心做。", False),
        ("你就是个骗子，刷单都是骗局还发？", False),  # addresses someone
        ("Beware: this giveaway is a scam.", True),
        ("This is not a scam, DM me.", False),
    ],
)
def test_which_sentences_warn(text, warned):
    kinds = {kind for _, _, kind in senses.innocent_original_spans(text)}
    assert (senses.WARNED in kinds) is warned, (text, kinds)
