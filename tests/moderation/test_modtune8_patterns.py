"""Issue 17, session 14, helper "modtune8": the constructions added from holdout7's misses, each
tried on sentences written here (not copied from a case set), abusive ones it must catch and
innocent look-alikes it must leave alone. Phishing, advance-fee and bait spam are pairs of
commercial hits (an account alarm and a page to verify at; a stranger's fortune and a share of
it; a refund waiting and a card number asked for): either half alone does nothing."""

import pytest

from crossnote.moderation.detectors import patterns, senses
from crossnote.moderation.selectors import screen_text


def names(text: str) -> set[str]:
    return {hit.pattern.name for hit in patterns.find(text)}


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("we're gonna torch your restaurant next week", "threat of violence"),
        ("i'll smash your car windows tonight", "threat of violence"),
        ("lovely bakery. pity if it burned down", "threat of violence"),
        ("your daughter won't be safe if you report this", "threat of violence"),
        ("you're not safe anymore, remember that", "threat of violence"),
        ("再敢报警，你家人就不安全了", "threat of violence"),
        ("上下班当心点，别被人打死", "threat of violence"),
        ("小心点，别哪天断手断脚", "threat of violence"),
        ("你们这种人都该去火葬场", "wishing death"),
        ("你这种人最好永远消失，对社会是好事", "wishing death"),
        ("everyone would be happier once you dropped dead", "wishing death"),
        ("take a long walk off a short bridge, mate", "urging self-harm"),
        ("why don't you chug a bottle of antifreeze", "urging self-harm"),
        ("just 🔫 urself already", "urging self-harm"),
        ("not one person will attend your funeral", "insulting someone"),
        ("no one would even notice you if you disappeared", "insulting someone"),
        ("ur mom must regret giving birth to you", "insulting someone"),
        ("a complete waste of carbon, that one", "insulting someone"),
        ("you are not even a real person", "insulting someone"),
        ("vermin like him should not be allowed among families", "insulting someone"),
        ("pls send me some nudes", "harassing someone"),
        ("answer me or i'll leak your messages", "harassing someone"),
        ("how much for one night with u", "harassing someone"),
        ("妹子，约不？开个价包夜", "harassing someone"),
        ("你出生的时候脑子落在产房了吧", "insulting someone"),
        ("发这种东西的人脑子进水了", "insulting someone"),
        ("装什么清高，你个表子", "insulting someone"),
        ("你真是个二百五", "insulting someone"),
        ("纯纯弱智，别回了", "insulting someone"),
        ("日你祖宗", "insulting someone"),
        ("shut up you b***h", "insulting someone"),
        ("ur such a d***head", "insulting someone"),
        ("the gooks next door", "ethnic slur"),
        ("those chinks again", "ethnic slur"),
        ("blacks are all dog eaters", "dehumanising a group"),
        # the trained sets' remaining kinds
        ("i'll be the one parked outside your house", "threat of violence"),
        ("enjoy your last christmas", "threat of violence"),
        ("i won't be upset if he got hurt", "threat of violence"),
        ("pity if your coworkers saw this thread", "threat of violence"),
        ("got your home address. should i share it?", "threat of violence"),
        ("if i was you i'd have offed myself", "threat of violence"),
        ("你给我滚出评论区", "telling someone to leave"),
        ("这里没人欢迎你", "telling someone to leave"),
        ("nobody wants you around", "telling someone to leave"),
        ("滚开 idiot", "telling someone to leave"),
        ("做了表子还装清纯", "insulting someone"),
        ("这种砸种", "insulting someone"),
        ("什么几把东西", "insulting someone"),
        ("纯纯若智", "insulting someone"),
        ("你这是找死", "insulting someone"),
        ("操你马的", "insulting someone"),
        ("你就是个××", "insulting someone"),
        ("2b青年又来了", "insulting someone"),
        ("无脑喷子", "insulting someone"),
        ("农村人都是社会的蛀虫", "dehumanising a group"),
        ("what a spaz", "insulting someone"),
        ("🦆 you", "insulting someone"),
    ],
)
def test_a_modtune8_pattern_names_what_it_found(text, name):
    assert name in names(text), text


@pytest.mark.parametrize(
    "text",
    [
        "i'll burn the toast again, knowing me",
        "we're going to wreck your team at the quiz tonight",
        "would be a shame if it rained on the picnic",
        "you won't be safe hiking there without water",
        "your kids won't be safe if you leave bleach under the sink",
        "过马路小心点，别被车撞了",
        "开车注意点，别出什么意外",
        "这批旧文件都该进碎纸机",
        "你消失了好几天，大家都担心你",
        "the world would be better if we planted more trees",
        "we took a long walk along the pier",
        "never drink bleach, call poison control",
        "the pool smells of bleach today",
        "my 🔪 set arrived, yourself included in the thank-you card",
        "nobody will come to your party if you hold it on a monday",
        "my parents never regretted moving to Ohio",
        "this meeting was a waste of time",
        "you're not even late, relax",
        "creatures like her, the old tortoise, live for a century",
        "send me the pics from the wedding when you can",
        "never send nudes to strangers, scammers blackmail people",
        "reply by friday or i'll assume you're not coming",
        "这家酒店多少钱一晚？",
        "周末爬山约吗？门票多少钱",
        "我把脑子落在家里了，今天啥都忘",
        "我脑子进水了才买这个",
        "这块表子是去年买的",
        "你这个250块买的吗",
        "你是250号吗？",
        "弱智吧的段子太好笑了",
        "我们去智障儿童康复中心和弱智儿童一起做手工",
        "今日你先人一步拿到了冠军",
        "今天日你大爷来了吗",
        "p***y willow buds are out",
        "the password is p***y-something, I can't read it",
        "a chink in the armour",
        "the hot dog eaters contest is on tv",
        "i'll be the one in the red coat by the entrance",
        "enjoy your last weekend before school starts",
        "enjoy your last day at the office!",
        "i wouldn't be sad if something happened to that printer",
        "it'd be a shame if your parents missed the show",
        "if i were you i'd have ended it with him years ago",
        "球滚出界了",
        "眼泪滚出来了",
        "don't worry 不会没人喜欢你的",
        "nobody wants you to feel bad",
        "砸种子的时候要小心",
        "我家有几把椅子",
        "这个草马的尾巴真漂亮",
        "看过艹猪艹马的小视频",
        "评论无脑黑，亲妈两行泪",
        "2b铅笔在哪买",
        "无脑推荐这家店",
        "残疾人应该得到更多社会资源",
        "my cat had a spaz attack at 3am",
    ],
)
def test_a_modtune8_look_alike_is_not_matched(text):
    assert not names(text) - {"promising money"}, (text, names(text))


@pytest.mark.parametrize(
    "text",
    [
        "This is the bank's fraud team: your card will be frozen. Confirm your identity at "
        "secure-bank-check.net today",
        "您的支付宝涉嫌洗钱，请打开链接进行核实",
        "I'm a widow based overseas and need help claiming my late husband's estate, you get 25%",
        "Your parcel is on hold. Send us your card number and pin to release it",
        "您的退款已审核通过，请提供银行卡号",
        "this coin is guaranteed to triple this week, dm for details",
        "lonely wives near you want to chat 👉 click the link",
        "内幕消息，必涨5倍，拉你进群",
        "need cheap followers? dm",
        "she got me naughty pics, search her on ig",
        "我一个月瘦了10斤，私我",
    ],
)
@pytest.mark.django_db
def test_a_two_part_scam_is_acted_on(text):
    signals, verdict = screen_text(text, kind="note", language="")
    assert verdict.acts, (text, [(s.layer, s.rule) for s in signals])


@pytest.mark.parametrize(
    "text",
    [
        # one half of a scam alone
        "My account was suspended yesterday, does anyone know how to appeal?",
        "Verify your email at the link the shop sent you, it worked for me",
        "Send me your account number and I'll pay you back tonight",
        "I helped my aunt move her inheritance into a savings account",
        "你的账号存在异常登录吗？我的昨天被盗了",
        "我在朋友圈看到一个内部消息，说公司要搬家",
        "hot singles in your area is the oldest spam line ever",
        "进群的朋友记得改备注",
        "what's your snap? we met at the meetup",
        "我瘦了5斤！开心",
        "cheap flights to Tokyo this week, anyone been?",
    ],
)
@pytest.mark.django_db
def test_half_a_scam_is_left_alone(text):
    _, verdict = screen_text(text, kind="note", language="")
    assert not verdict.acts, text


@pytest.mark.parametrize(
    "text",
    [
        "Bastard swords need two hands on the hilt",
        "File the edge with a bastard file first",
        "The lemon tart here is to die for",
        "I'd kill for a coffee right now",
    ],
)
@pytest.mark.django_db
def test_a_blade_or_an_idiom_is_not_profanity(text):
    _, verdict = screen_text(text, kind="note", language="en")
    assert not verdict.acts, text
    assert senses.blank(text) != text


@pytest.mark.parametrize(
    "text",
    ["you bastard, give my sword back", "you deserve to die for this"],
)
@pytest.mark.django_db
def test_the_same_words_said_to_someone_still_count(text):
    _, verdict = screen_text(text, kind="note", language="en")
    assert verdict.acts, text
