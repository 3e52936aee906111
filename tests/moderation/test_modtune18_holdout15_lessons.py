"""Issue 17, session 25, helper "modtune18": holdout15's general lessons (opened to tuning this
session), each covered by sentences written here (/tmp/modtune18/b4), not copied from the set:

- someone else's words under the author's own post (我发的遛狗视频下面留言'…') are still someone
  else's: 我发的 / 我写的 before a thing posted is not the author claiming the quotation;
- words someone is asked not to make a habit of (能不能别把'去死'挂在嘴边, 当口头禅, 至于吗) are
  quoted to condemn them;
- asking to explain a quoted word, where a saying comes from, whether it is a dirty word;
- the classifier alone does not act on a short question of what to look out for, where a saying
  comes from or whether something is legal (senses.lone_frame "asked").

The same words said by the author, or to someone, are still acted on."""

import pytest

from crossnote.moderation.selectors import screen_text

INNOCENT = [
    "有人在我发的遛狗视频下面留言'丑八怪去死'，已经举报了，好难过",
    "我写的游记下面有人评论“滚出中国”，截图举报了，平台快处理一下吧",
    "能不能别把'去死'挂在嘴边？小孩子都学会了",
    "别把“你妈死了”这种话当口头禅好吗，至于吗",
    "Can someone explain 'kys'? Someone typed it under my cat video",
    "'滚犊子'这句话出自哪里？东北朋友老说",
    "东北话'削你'是很脏的话吗？",
    "新手养狗，狗狗打完疫苗要注意什么？",
    "房东在群里说'再不搬走就换锁'，这样合法吗？",
]
ABUSIVE = [
    "我发的帖子就是说你这种人去死吧",
    "'去死吧'，这话就是说给你听的，垃圾",
    "Explain this, 'kys' means you should kill yourself, so do it.",
    "你就是个丑八怪，我写的就是你",
]


@pytest.mark.django_db
@pytest.mark.parametrize("text", INNOCENT)
def test_reported_or_asked_is_not_acted_on(text):
    _, verdict = screen_text(text, kind="note")
    assert not verdict.acts


@pytest.mark.django_db
@pytest.mark.parametrize("text", ABUSIVE)
def test_said_by_the_author_is_still_acted_on(text):
    _, verdict = screen_text(text, kind="note")
    assert verdict.acts
