"""Issue 17, session 25, helper "modtune19": money asked first or off the platform (先付款后发货,
先交…订金, "pay … via Cash App") beside any amount or price (5000, 便宜一半, "$400", "50% off") is
a scam whatever the offer: the pretext's closed list of deals (闲鱼, tickets, puppies …) did not
reach a batch written after it (/tmp/modtune19/b3, b4). Alone, neither half acts: a deposit paid
and told of, a price, a warning. The sentences are written here, not copied from any batch."""

import pytest

from crossnote.moderation.selectors import screen_text


@pytest.mark.django_db
@pytest.mark.parametrize(
    "text",
    [
        "全屋定制年底特价，先交3000订金锁价，过期不候",
        "进口红酒比超市便宜一半，先付全款，下周到货",
        "Photography package for your wedding, 40% off if you pay now via Cash App.",
        "Garden landscaping at $900 for the whole yard, send the deposit by Zelle to hold your slot.",
    ],
)
def test_money_first_beside_an_amount_is_acted_on(text):
    signals, verdict = screen_text(text, kind="note", language="")
    assert verdict.acts, (text, [(s.layer, s.rule) for s in signals])


@pytest.mark.django_db
@pytest.mark.parametrize(
    "text",
    [
        "装修师傅让先交订金，我说签了合同再付，他也同意了",
        "Just paid the deposit of $500 for our wedding venue, so excited!",
        "这件外套打完折便宜了两百，开心",
        "Anyone asking you to pay 50% upfront via Cash App for furniture is scamming you.",
    ],
)
def test_either_alone_or_in_a_warning_is_left_alone(text):
    signals, verdict = screen_text(text, kind="note", language="")
    assert not verdict.acts, (text, [(s.layer, s.rule) for s in signals])
