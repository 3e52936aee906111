"""Issue 17, session 24, helper "modtune17": modtune15's frame for abuse a post quotes to report or
condemn it, read further — the quotation said to someone else (骂别人「乡巴佬」), the abuser removed
("we removed him. Good riddance."), the author shaking with anger (气得手抖, 太过分了, 真离谱).
holdout14 labelled three such posts. The frame still stands down where the post agrees with what
it quotes (说得太对了) or addresses someone."""

import pytest

from crossnote.moderation.selectors import screen_text


@pytest.mark.django_db
@pytest.mark.parametrize(
    "text",
    [
        "A member kept calling newcomers 'idiots' in the forum. We removed him, good riddance.",
        "看到有人在群里骂别人「死胖子」，气得手抖，已经截图了。",
        "听到邻居骂别人「乡下人滚回去」，太过分了。",
        "评论区有人骂别人「乡巴佬」，这种地域歧视真的恶心，已经举报了。",
    ],
)
def test_abuse_quoted_to_condemn_it_is_not_acted_on(text):
    signals, verdict = screen_text(text, kind="note", language="")
    assert not verdict.acts, (text, [(s.layer, s.rule) for s in signals])


@pytest.mark.django_db
@pytest.mark.parametrize(
    "text",
    [
        "有人说「残疾人就别出门」，说得太对了。",
        "看到有人说「残疾人就别出门」，说得太对了，气得手抖的都是玻璃心。",
        "有人骂别人「死胖子」，骂得太好了，你就是个死胖子。",
        "Removed him from the group, good riddance, and you're next, you worthless idiot.",
    ],
)
def test_agreeing_with_it_or_adding_to_it_is_acted_on(text):
    signals, verdict = screen_text(text, kind="note", language="")
    assert verdict.acts, (text, [(s.layer, s.rule) for s in signals])
