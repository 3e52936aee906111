"""Issue 17, session 25, helper "modtune19": spam and scams as two halves that act only
together (engine.COMMERCIAL). Spam: something a shop does not sell in the open (a knock-off "the
same as the counter's", followers by the thousand, essays and exams done for someone, a casino's
deposit bonus) beside where to buy it (加v, 私聊, "WhatsApp me", "DM for prices"). Scam: money
asked first or away from the platform (先交…定金, 不走平台, 微信转我, "Cash App me", "e-transfer
first", "pay … via Zelle", "upfront") beside a deal's or an office's pretext (闲鱼, 看房, 海关,
a job with a day's pay, a mentor's signals, a loan without a credit check, tickets, puppies to
ship). Neither half alone counts (`Pattern.alone`): 闲鱼, "tickets", a landlord's deposit asked
about, a newcomer's 加我微信 to practise a language. The sentences are written here, not copied
from any case set or batch (/tmp/modtune19/b1-b3)."""

import pytest

from crossnote.moderation.detectors import patterns
from crossnote.moderation.selectors import screen_text

MINE = frozenset(getattr(patterns, "_MODTUNE19_PATTERNS", ()))  # none before this round


def names(text: str) -> set[str]:
    """What this round's patterns (not the earlier rounds') found in `text`."""
    return {hit.pattern.name for hit in patterns.find(text) if hit.pattern in MINE}


@pytest.mark.django_db
@pytest.mark.parametrize(
    "text",
    [
        # spam: what is sold beside where to buy it
        "今晚直播间大牌同款运动鞋，跟专柜一模一样，只要129，私聊下单",
        "莆田纯原鞋，细节拉满，加v看实拍图",
        "出售快手粉丝，五千粉只要30，真人不掉，加我微信",
        "期末论文代写，各专业都接，私信详谈",
        "Designer sunglasses, same factory as the originals, half the price, WhatsApp me for the list.",
        "Buy cheap YouTube subscribers, instant start, DM me for prices.",
        "I'll write your dissertation for you, any field, plagiarism-free, message me for rates.",
        # scam: money asked first or off the platform beside a pretext
        "闲鱼上的耳机我给你留着，但你得先交100定金，走微信就行",
        "房东在外地，你先把押金和房租转过来，钥匙快递给你",
        "招聘在家打字员，日结200，上岗前先交150培训费",
        "我跟着导师做黄金已经赚了不少，你先充五千试试",
        "Two Arctic Monkeys tickets at face value, e-transfer first and I'll send them over.",
        "Cute beagle puppies looking for new homes, just pay the $300 transport via Zelle.",
        "Saw your bid on my guitar listing. Skip the marketplace fees, pay me through PayPal friends "
        "and family.",
        "Loans for anyone, bad credit fine, small processing fee upfront and the money is yours.",
    ],
)
def test_a_whole_structure_is_acted_on(text):
    signals, verdict = screen_text(text, kind="note", language="")
    assert verdict.acts, (text, [(s.layer, s.rule) for s in signals])


@pytest.mark.parametrize(
    "text",
    [
        "在闲鱼上淘到一台二手相机，卖家人很好",
        "I have two spare tickets for Saturday, anyone want them?",
        "房东不退押金怎么办？去哪里投诉？",
        "Is it normal for a landlord to ask for a deposit before the viewing?",
        "大牌同款的平价口红真的好用，推荐给大家",
        "新来的，想找人练习中文，可以加我微信",
        "Hi! I'm learning Korean, happy to add anyone on WhatsApp to practise.",
        "Our shelter's puppies are ready for new homes, the adoption fee covers their vaccines.",
    ],
)
def test_a_half_alone_is_no_hit(text):
    assert names(text) == set(), text


@pytest.mark.django_db
@pytest.mark.parametrize(
    "text",
    [
        "提醒一下：闲鱼上让你先交定金、走微信转账的，都是骗子",
        "说房东在外地、让你先转押金再看房的，都是骗局",
        "凡是招聘要你先交培训费的都是骗子，别信",
        "所谓跟着导师做黄金稳赚的网友，就是杀猪盘，别信",
        "Anyone selling tickets who wants an e-transfer first is scamming you. Use the official site.",
        "Never pay a shipping fee via Zelle for a 'free' puppy, it's always a scam.",
        "我在闲鱼卖旧书，都走平台交易，不加微信",
        "Selling my old desk, $40, pickup only, cash when you collect it.",
        "New here! I'm learning Chinese, anyone want to add me on WeChat to practise?",
    ],
)
def test_warnings_honest_sales_and_newcomers_are_left_alone(text):
    signals, verdict = screen_text(text, kind="note", language="")
    assert not verdict.acts, (text, [(s.layer, s.rule) for s in signals])
