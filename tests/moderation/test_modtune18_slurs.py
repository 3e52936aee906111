"""Issue 17, session 25, helper "modtune18": 娘炮 (a slur for an effeminate man) and 阿三 (Indians,
as a slur; also a Shanghai nickname) where they still got through: said of someone, or a people's
food called dirty or not to be eaten. The sentences are written here, not copied from any case
set; the innocent ones (a nickname, a surname, a question about the word, abuse received and
reported) must not be acted on."""

import pytest

from crossnote.moderation.detectors import patterns
from crossnote.moderation.selectors import screen_text

MINE = frozenset(getattr(patterns, "_MODTUNE18_PATTERNS", ()))


def named(text: str) -> bool:
    return any(hit.pattern in MINE for hit in patterns.find(text))


@pytest.mark.django_db
@pytest.mark.parametrize(
    "text",
    [
        "这个娘炮天天在直播间扭来扭去，看着就烦。",
        "你个娘炮，打球都不敢抢篮板。",
        "娘炮男别来健身房丢人了。",
        "一群娘炮，唱个歌都捏着嗓子。",
        "阿三做的奶茶谁敢喝啊，看着就恶心。",
        "阿三开的店你也敢去？不怕拉肚子？",
        "阿三们的外卖脏得要命。",
        "红头阿三又来抢生意了。",
    ],
)
def test_slur_is_named_and_acted_on(text):
    assert named(text)
    _, verdict = screen_text(text, kind="note", language="zh")
    assert verdict.acts


@pytest.mark.django_db
@pytest.mark.parametrize(
    "text",
    [
        "我们弄堂里的阿三爷叔人很好，天天帮邻居修自行车。",
        "王阿三的馄饨店开了三十年了，味道一点没变。",
        "阿三是我小时候的外号，因为我排行老三。",
        "「娘炮」这个词是什么意思？算骂人吗？",
        "有人在评论区骂我娘炮，请问怎么举报？",
    ],
)
def test_innocent_use_is_left_alone(text):
    _, verdict = screen_text(text, kind="note", language="zh")
    assert not verdict.acts
