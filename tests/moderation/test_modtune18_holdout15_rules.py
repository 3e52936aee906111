"""Issue 17, session 25, helper "modtune18": holdout15's misses as constructions, each covered
by sentences written here (not the set's): personal data held over someone, harm insinuated as an
accident or as a place where nobody would hear, knowing where someone will be told as a warning,
intimate pictures asked for or held over someone, and a crowd set on one person. Innocent ones
of the same shapes must not be named. A batch written before these rules (/tmp/modtune18/b5)
gained nothing from them: see bench/README.md."""

import pytest

from crossnote.moderation.detectors import patterns
from crossnote.moderation.selectors import screen_text

MINE = frozenset(getattr(patterns, "_MODTUNE18_PATTERNS", ()))

NAMED = [
    "Take that review down by Sunday or your home address goes to every group chat in town.",
    "One more comment like that and it's all public, your school, your dorm, everything.",
    "I already have your workplace and your boss's email. Think carefully.",
    "不然你的手机号和住址明天全网都能看到。",
    "你的开盒资料我已经整理好了，随时可以挂出来。",
    "Guys who talk like you tend to end up in a ditch somewhere.",
    "Big festival next week. Lots of crowds. Lots of accidents.",
    "The quarry is quiet at night, nobody would hear a thing.",
    "It'd be a pity if a car just didn't see you on that bend.",
    "你那辆电动车的刹车哪天失灵了可别怪我没提醒你。",
    "以后晚上回家多看看身后吧。",
    "I know which bus you catch every morning. Would be a shame to miss it.",
    "I'll be at your swimming lesson. You won't see me, but I'll see you.",
    "你每天几点从健身房出来、走哪条路，我都知道。",
    "小区那段路没装监控，我知道的。",
    "周五我就去你们公司楼下等你，看你还敢不敢嘴硬。",
    "Cute beach photos, send me the ones without the bikini.",
    "I've got your old pics. Want me to post them or are you going to be nice to me?",
    "美女私信发几张私房照呗。",
    "不想被公开就乖乖听我的。",
    "大家快来围观这个奇葩的征婚帖。",
    "全网找这个男的，大家把他的微博扒出来。",
]
INNOCENT = [
    "Your address is on the form, please check it's right.",
    "I know which bus you catch, let's ride together tomorrow!",
    "Accidents happen on this road, please drive slowly.",
    "Nobody would notice the scratch, it's tiny, don't worry.",
    "Send me the recipe when you have a minute!",
    "你的手机号填错了，麻烦改一下。",
    "下班路上注意安全，晚上早点回家。",
    "我在公司楼下等你，一起去吃饭吧。",
    "大家快来看这个视频，太好笑了。",
    "这段路没装监控，已经跟物业反映了。",
]


@pytest.mark.parametrize("text", NAMED)
def test_named_by_this_round(text):
    assert any(hit.pattern in MINE for hit in patterns.find(text))


@pytest.mark.django_db
@pytest.mark.parametrize("text", NAMED)
def test_acted_on(text):
    _, verdict = screen_text(text, kind="note")
    assert verdict.acts


@pytest.mark.parametrize("text", INNOCENT)
def test_innocent_shape_not_named(text):
    assert not any(hit.pattern in MINE for hit in patterns.find(text))
