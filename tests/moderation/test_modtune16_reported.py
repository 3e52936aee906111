"""Issue 17, helper "modtune16": reported speech without quotation marks ("my coworker said all
Muslims are terrorists, I reported it to HR", 有人在评论区骂我是废物，已经举报了) and a report that
addresses the abuser only to tell them they were reported ("To whoever wrote 'go die' on my cat
video: I reported you.", 给我留言“去死”的那位，已经举报你了) are said to no one: modtune15's quoted
frame reads the clause after a verb of saying as someone else's words, and "reported you", 举报你了
as no address. Each innocent post here was held or flagged before (/tmp/modtune16/batch1, written
for this round, not copied from any case set). The same shapes that also attack (an insult beside
the report, agreement with what was said, a reader addressed) are still acted on."""

import pytest

from tests.moderation.test_modtune15_context import HELD, verdict_of

# (a) someone else's words introduced by a verb of saying, reported or condemned
REPORTED_SPEECH = [
    # batch2, written after the rule
    "the ref was called a f*cking cheat by a dad on the sideline, not okay",
    "someone commented that fat people should die, reported for hate",
    "有人说同性恋都该死，已经举报了",
    "有人威胁说要打死我，已经截图报警了",
    "听到有人说河南人都是骗子，这种地域黑太恶心了",
    "my coworker said all Muslims are terrorists, I reported it to HR",
    "a guy on the bus called me a fat cow today, I'm still shaking",
    "我妈被邻居骂老不死的，气死我了",
    "有网友说东北人都是流氓，这是地域歧视，举报了",
    "someone replied that all women are whores. Disgusting, reported.",
    "he told my sister she was a worthless slut. We reported it to the police.",
    "有人在群里说女人都是贱货，这种言论太过分了",
    "a commenter said gay people should burn, that's hate speech, reported",
    "被同学叫了一整天的死胖子，好难过",
    "someone wrote that my kid is ugly and should die, I'm heartbroken",
    "今天被客户骂是蠢货，好委屈",
    "a random account said I was a stupid bitch for liking the show. Blocked.",
    "my neighbour shouted that immigrants are vermin, I reported it to the council",
    "my teammate said black people are animals, reported to the admins",
    "people in chat kept saying I'm a dumb whore, I had to block them all",
    "被陌生人骂贱人，心里很难受",
    "一个网友私信威胁说要弄死我，已经报警",
    "有人说我们上海人都是瘪三，这种地域黑真恶心",
    "群里有人骂新人是脑残，管理员能不能管一下",
    "a guy said trans people are freaks in the thread, reported for hate",
    "评论区有人说残疾人都是废物，太歧视了",
    "my ex keeps texting that I'm a worthless slut, how do I block him?",
    "刚才有人在弹幕说主播是傻逼，举报了",
    "someone said I'm ugly and should kill myself. Reported. Please be kind online.",
    "我朋友被人说是绿茶婊，她很难过",
    "my uncle said all Chinese people are dirty at dinner, that's racist and I told him so",
    "有人在帖子里说女司机都是蠢货，这种言论不该出现",
    "有人说外地人都是骗子，这种话很伤人",
]

# (b) the abuser addressed only to be told they were reported
REPORT_ADDRESSED = [
    # batch2, written after the rule
    "To whoever keyed 'slut' into my car: the police have the footage and I reported you.",
    "To the guy who messaged 'I'll kill you' to my brother: the police have been told about you.",
    "评论“死全家”的那位，已经举报你了",
    "在我视频下骂“贱货”的那位，截图已经投诉你了",
    "给我留言“去死”的那位，已经举报你了",
    "To the person who called me a 'fat whore' in my DMs: screenshotted and reported you.",
    "私信骂我“贱人”的你，已经被我拉黑举报了",
    "@troll123 you wrote 'kill yourself' under my post, I reported you to the mods.",
    "评论“全家死光”的那位，截图了，已经报警，你等着处理吧",
    "Dear anonymous who sent me 'I know where you live': I reported you to the police.",
    "给我发“不给钱就曝光你”的那位，已经报警了，你好自为之",
    "To the guy who commented 'ugly bitch' on my selfie: blocked and reported you.",
    "骂我“废物”的那个网友，我已经举报你了",
    "You wrote 'all gays should burn' on the board. I reported you for hate speech.",
    "说“河南人都是骗子”的那位，你已经被举报了，这是地域歧视",
    "to whoever DMed me 'die slut' last night, I reported you and blocked you",
    "Hey, person who wrote 'stupid cunt' on my review: reported you, bye.",
    "评论区说“你怎么还不去死”的那位，我举报你了",
    "To the account spamming 'kys' under my posts: I reported you.",
    "To the person who called my daughter a 'whore' online: you have been reported to the platform.",
    "骂我妈“老不死的”那个人，我已经投诉你了",
    "To whoever keeps commenting 'you should die': reported you again.",
    "留言“丑八怪”的那位，已经拉黑并举报你了",
]

# The same shapes used to attack: each must still be acted on.
ATTACKS = [
    # batch2, written after the rule
    "reported you, you pathetic retard",
    "blocked you, now go hang yourself",
    "To the anon who sent me 'ugly freak': you're the ugly freak, bitch.",
    "有人说同性恋都该死，说得对",
    "已经拉黑你了，你这个贱货去死吧",
    "评论“死全家”的那位，你才死全家",
    "I reported you, you worthless idiot",
    "everyone says you're a loser and they're right",
    "举报你又怎样，你就是个废物",
    "my coworker said all Muslims are terrorists and honestly he has a point",
    "听说河南人都是骗子，确实",
    "有人说河南人都是骗子，说得没错",
    "someone called you a fat cow and honestly that's accurate",
    "他们都说你是废物，我也觉得你是废物",
    "everyone says you should kill yourself, so do it",
    "To whoever wrote 'go die': reported you, now go die, bitch.",
    "给我留言“去死”的那位，举报你了，你个傻逼",
    "I reported you, now fuck off and die",
    "reported you lol, you stupid cunt",
    "举报你了，贱人",
    "已经举报你了，你全家死光",
    "people say women are whores and I agree",
    "有人说东北人都是流氓，事实如此",
    "大家都说你是傻逼，你就是",
    "he said black people are animals and he's right",
    "They all called you a retard. You are one.",
    "你就是个婊子，别人说得一点没错",
    "有人骂你是猪，骂得好",
    "my boss called me an idiot, but you are the real idiot",
    "someone told me to kill myself, so you kill yourself too",
    "有人骂我废物，你才是废物",
    "To the person who called me fat: you are an ugly whore.",
    "骂我“废物”的那个人，你才是废物，去死吧",
    "I reported you and I hope you die",
    "已经举报你了，你这种垃圾怎么不去死",
    "you're a worthless idiot, report me all you want",
    "我举报你了，你个贱人",
    "听说外地人都是骗子，果然如此",
    "some guy said immigrants are vermin. lol true",
    "有人说女人都是贱货，哈哈哈",
    "everyone knows you're a stupid bitch",
    "别人说你是废物真没说错",
    "go kill yourself, I already reported your stupid account anyway",
    "被你骂了又怎样，你就是个傻逼",
    "you said I'm a loser? you're the loser, retard",
    "To whoever wrote 'loser' on my locker: you're a pathetic little bitch.",
    "说我是废物的那位，你全家都是废物",
    "my coworker said all Muslims are terrorists. Facts.",
    "I reported you, you fat ugly cow",
    "举报了又怎样，你个死胖子",
    "some people say you should die, I say the same",
    "everyone in chat says you're a dumb whore, and they're not wrong",
    "同事说你是猪，我看也是",
    "you are all terrorists, my coworker said so",
    "河南人都是骗子，我朋友说的",
    "reported you to the mods, now kill yourself",
    "to whoever wrote 'kys' on my post: I hope you die.",
]


@pytest.mark.django_db
@pytest.mark.parametrize("text", REPORTED_SPEECH)
def test_reported_speech_without_quotation_marks_is_not_acted_on(text):
    verdict, terms = verdict_of(text)
    assert not verdict.acts, (text, verdict.action, terms)


@pytest.mark.django_db
@pytest.mark.parametrize("text", REPORT_ADDRESSED)
def test_a_report_addressed_to_the_abuser_is_not_acted_on(text):
    verdict, terms = verdict_of(text)
    assert not verdict.acts, (text, verdict.action, terms)


@pytest.mark.django_db
@pytest.mark.parametrize("text", ATTACKS)
def test_the_same_shapes_attacking_are_still_acted_on(text):
    verdict, terms = verdict_of(text)
    assert verdict.acts, (text, verdict.action, terms)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "text",
    [
        "举报你了，你个贱人去死吧",
        "已经举报你了，你全家死光",
        "To whoever wrote 'go die': reported you, now go die, bitch.",
        "给我留言“去死”的那位，举报你了，你个傻逼",
    ],
)
def test_a_threat_or_insult_beside_a_report_is_still_held(text):
    verdict, terms = verdict_of(text)
    assert verdict.action in HELD, (text, verdict.action, terms)
