"""Issue 17, session 24, helper "modtune17": a question about what a slang word stands for, how
bad it is, whether friends may say it, or whether a phrase is praise or a dig (「tmd」是什么的缩写？,
广东话「扑街」到底多严重？, 「你真是个人才」到底是夸人还是损人？, "what is 'stfu' short for?") asks
about words and says them to no one (senses.ASKING_CUES; holdout14 had three such look-alikes
labelled). Said to someone, the same words are read as they stand."""

import pytest

from crossnote.moderation.selectors import screen_text


@pytest.mark.django_db
@pytest.mark.parametrize(
    "text",
    [
        "「tmd」是什么的缩写？孩子写在作业本上，我要不要管一管？",
        "广东话「扑街」到底多严重？朋友之间开玩笑能说吗？",
        "“sb”在弹幕里是什么梗？",
        "粤语“扑街”和“冚家铲”哪个更严重？",
        "What is 'stfu' short for? My kid typed it in the family chat.",
        "How bad is 'twat' compared to 'idiot'? Asking as a non-native speaker.",
    ],
)
def test_a_question_about_a_slang_word_is_not_acted_on(text):
    signals, verdict = screen_text(text, kind="note", language="")
    assert not verdict.acts, (text, [(s.layer, s.rule) for s in signals])


@pytest.mark.django_db
@pytest.mark.parametrize(
    "text",
    [
        "tmd你是不是傻逼，什么梗都不懂？",
        "扑街啦你，能说吗？你就是个废物",
        "sb楼主，什么梗都不懂还出来发帖。",
        "stfu you idiot, look up what it stands for.",
        "How bad is it that you're this stupid, you fucking moron?",
    ],
)
def test_the_same_words_said_to_someone_are_acted_on(text):
    signals, verdict = screen_text(text, kind="note", language="")
    assert verdict.acts, (text, [(s.layer, s.rule) for s in signals])
