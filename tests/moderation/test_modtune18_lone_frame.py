"""Issue 17, session 25, helper "modtune18": the n-gram classifier alone (nothing else agreeing)
does not act on a text framed as news of a crime, a post condemning abuse, a newcomer's short
how-to question or affection around a teasing word (senses.lone_frame); the same model beside
abuse said to someone still acts. Sentences written here (/tmp/modtune18/b2, written before the
rule), not copied from any case set."""

import pytest

from crossnote.moderation.detectors import senses
from crossnote.moderation.selectors import screen_text


@pytest.mark.parametrize(
    ("text", "frame"),
    [
        ("新闻：一女子在地铁上辱骂乘客，已被警方处以行政拘留。", "news"),
        ("Police arrested a man who threatened to burn down a mosque, officials said.", "news"),
        ("请大家不要在群里骂人，有问题私下沟通。", "condemned"),
        ("Body-shaming new members has no place in our climbing gym.", "condemned"),
        ("请问怎么拉黑别人？", "asked"),
        (
            "My brother is the most ridiculous goofball alive and I love him. Never change.",
            "affection",
        ),
    ],
)
def test_frame_is_read(text, frame):
    assert senses.lone_frame(text) == frame


@pytest.mark.parametrize(
    "text",
    [
        "你就是个废物，新闻都看不懂。",
        "有些民族天生就是劣等的，这不是歧视是事实",
        "女人也配当领导？",
        "You're such a pathetic worm, the police should lock you up.",
        "This coach is a pathetic little worm who should never be near kids.",
    ],
)
def test_no_frame_where_abuse_is_meant(text):
    assert senses.lone_frame(text) == ""


@pytest.mark.django_db
@pytest.mark.parametrize(
    "text",
    [
        "请大家不要在群里骂人，有问题私下沟通。",
        "请问怎么拉黑别人？",
        "请问怎么私信别人？",
        "被网暴的时候一定要保存证据，别自己扛",
    ],
)
def test_classifier_alone_leaves_framed_text_alone(text):
    _, verdict = screen_text(text, kind="note", language="zh")
    assert not verdict.acts


@pytest.mark.django_db
@pytest.mark.parametrize(
    "text",
    [
        "This coach is a pathetic little worm who should never be near kids.",
        "Nobody wants your ugly face in the gym, stay home.",
        "就你这样的还好意思发自拍？丑死了。",
    ],
)
def test_abuse_is_still_labelled(text):
    _, verdict = screen_text(text, kind="note", language="")
    assert verdict.acts
