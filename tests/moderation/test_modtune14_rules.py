"""Issue 17, session 22, helper "modtune14": abuse carried by meaning, by construction (a veiled
warning beside knowing where someone is, harm to belongings or family as a likelihood, details
published, "people like you should …", an insult by comparison or implication, harassment that
says it will go on, malice wished on an occasion, a group said to ruin or control, and commercial
pairs: a code or a card number beside a pretext, gift cards beside a borrowed phone, a fee for
love, a keyword to comment beside what it sells). The sentences are written here, not copied
from any case set (/tmp/modtune14/gen*: five batches, the third to fifth written after the
rules they measured): abusive ones this round's rules must name, and innocent ones of the same
shapes (a neighbour's safety tip, a parent arranging a pick-up, a compliment, a scam warning, a
newcomer's hello) that they must leave alone."""

from re import _constants as c
from re import _parser

import pytest

from crossnote.moderation.detectors import patterns
from crossnote.moderation.selectors import screen_text

MINE = frozenset(getattr(patterns, "_MODTUNE14_PATTERNS", ()))  # none before this round


def names(text: str) -> set[str]:
    """What this round's patterns (not the earlier rounds') found in `text`."""
    return {hit.pattern.name for hit in patterns.find(text) if hit.pattern in MINE}


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("People who post stuff like that tend to get hurt.", "threat of violence"),
        ("I know which bus you take to work. Enjoy the ride while you can.", "threat of violence"),
        ("I've been watching your house. Nice curtains.", "threat of violence"),
        ("We know your kids' school. Think about that.", "threat of violence"),
        ("Keep talking and see what happens to you.", "threat of violence"),
        ("You have no idea what I'm capable of. You'll find out soon.", "threat of violence"),
        (
            "I'll make sure your wife finds out, and then I'll deal with you myself.",
            "threat of violence",
        ),
        ("Your dog would look better without its legs.", "threat of violence"),
        ("Your car would burn nicely, wouldn't it?", "threat of violence"),
        (
            "I'll post your address and phone number everywhere unless you take that down.",
            "threat of violence",
        ),
        ("Everyone will know where you live by tomorrow.", "threat of violence"),
        ("I'm going to leak your nudes to your whole family.", "threat of violence"),
        ("People like you should be dragged into the street and beaten.", "threat of violence"),
        ("People like you deserve to get hurt.", "threat of violence"),
        ("Wait till I catch you alone after class.", "threat of violence"),
        ("Next time I see you, you're going down.", "threat of violence"),
        ("You'll be sorry when I'm finished with you.", "threat of violence"),
        ("看我怎么收拾你，你等着吧。", "threat of violence"),
        ("你家在哪我知道，别以为躲得掉。", "threat of violence"),
        ("你家孩子在哪个学校上学我知道，你自己掂量掂量。", "threat of violence"),
        ("你的车停在楼下挺显眼的，哪天被划了别怪我。", "threat of violence"),
        ("你家那只猫挺可爱，哪天不见了可别哭。", "threat of violence"),
        ("你的身份证号和家庭住址我都有，信不信我发出去。", "threat of violence"),
        ("我要把你的电话和住址发到网上，让大家都去找你。", "threat of violence"),
        ("把你的照片P一下发到你们公司群，看你还怎么混。", "threat of violence"),
        ("早晚有一天让你跪着求我。", "threat of violence"),
        ("我已经找人盯着你了，你小心点。", "threat of violence"),
        ("别让我知道你住哪个小区，不然有你好受的。", "threat of violence"),
        ("你爸妈在哪上班我都查到了，你自己看着办。", "threat of violence"),
        ("你会为你说的话付出代价的。", "threat of violence"),
        ("Your IQ is lower than the temperature in my freezer.", "insulting someone"),
        ("You have the intelligence of a wet sock.", "insulting someone"),
        (
            "Talking to you is like arguing with a brick wall, except the wall is smarter.",
            "insulting someone",
        ),
        ("Your face could scare a crow off a cornfield.", "insulting someone"),
        ("You smell like a bin that's been left out in the sun.", "insulting someone"),
        ("Standing next to you I can barely breathe, do you ever shower?", "insulting someone"),
        ("Your parents must be so disappointed in how you turned out.", "insulting someone"),
        ("Your mother should have stopped at your sister.", "insulting someone"),
        ("Your parents clearly gave up on you early.", "insulting someone"),
        ("You're the reason shampoo has instructions.", "insulting someone"),
        ("You bring everyone so much joy when you leave the room.", "insulting someone"),
        ("The best part of your day is when you log off, for all of us.", "insulting someone"),
        ("You're about as useful as a screen door on a submarine.", "insulting someone"),
        ("I've seen more personality in a potato.", "insulting someone"),
        ("Your opinion matters about as much as a wet napkin.", "insulting someone"),
        ("Your brain must be running on a potato battery.", "insulting someone"),
        ("Even a goldfish could follow this, but not you apparently.", "insulting someone"),
        ("I'd call you a clown but clowns are paid to be this embarrassing.", "insulting someone"),
        ("Nothing you've ever said has been worth hearing.", "insulting someone"),
        ("Your existence is a rounding error.", "insulting someone"),
        ("Your kids will grow up ashamed of you.", "insulting someone"),
        ("Were you born this dense or did you practice?", "insulting someone"),
        ("你的智商是欠费了吗？", "insulting someone"),
        ("你这脑子是摆设吧，一点用都没有。", "insulting someone"),
        ("你脑子里装的都是水吧。", "insulting someone"),
        ("出门别忘了带脑子。", "insulting someone"),
        ("你这张脸真是辛苦你爸妈了。", "insulting someone"),
        ("长成这样还敢发自拍，勇气可嘉。", "insulting someone"),
        ("你身上那味儿，隔着屏幕都闻得到。", "insulting someone"),
        ("离你三米远都能闻到一股馊味。", "insulting someone"),
        ("你爸妈生你的时候是不是没看说明书。", "insulting someone"),
        ("你爸妈这辈子最失败的就是养了你。", "insulting someone"),
        ("你活着就是浪费空气。", "insulting someone"),
        ("你的存在本身就是个错误。", "insulting someone"),
        ("你说话的水平跟三岁小孩差不多。", "insulting someone"),
        ("猪都比你聪明。", "insulting someone"),
        ("你除了吃还会干什么。", "insulting someone"),
        ("你的脸就是最好的避孕药。", "insulting someone"),
        ("就你这水平，还是回去种地吧。", "insulting someone"),
        ("你说的每一句话都是在拉低全网的平均智商。", "insulting someone"),
        ("真不知道你是怎么活到现在的。", "insulting someone"),
        ("看你一眼我能吐三天。", "insulting someone"),
        ("你那点工资还不够我喂狗的。", "insulting someone"),
        ("你是来搞笑的吧，别出来丢人了。", "insulting someone"),
        (
            "I wonder how long your little business will last once people hear what I know.",
            "threat of violence",
        ),
        (
            "Your son plays football at Riverside park on Saturdays, right? Lovely kid.",
            "threat of violence",
        ),
        ("I hope you sleep well tonight, it might be your last quiet one.", "threat of violence"),
        ("Keep commenting and see what happens to that car of yours.", "threat of violence"),
        ("I'll find out where your parents live, it won't take long.", "threat of violence"),
        ("If I see you at the rally again you'll leave in pieces.", "threat of violence"),
        (
            "Post one more lie about me and I'll make sure you never work in this town again.",
            "threat of violence",
        ),
        ("People like you usually end up in a ditch somewhere.", "threat of violence"),
        ("Accidents happen to snitches, remember that.", "threat of violence"),
        ("你孩子的幼儿园我去看过了，挺好找的。", "threat of violence"),
        ("你再多嘴一句，你爸妈的小卖部就别想开了。", "threat of violence"),
        ("你家楼下那辆白色电动车是你的吧，轮胎挺新的，可惜了。", "threat of violence"),
        ("晚上回家走那条小巷子，要小心点哦，我可不敢保证什么。", "threat of violence"),
        ("你单位在哪我已经打听清楚了，哪天去拜访一下。", "threat of violence"),
        ("惹了我你就别想在这个城市混了。", "threat of violence"),
        ("我知道你女儿在哪个补习班，别逼我。", "threat of violence"),
        ("你等着，早晚让你哭着求我。", "threat of violence"),
        ("把你的丑事发到你们家族群，让你亲戚都看看你是什么货色。", "insulting someone"),
        ("You have the charisma of a damp cardboard box.", "insulting someone"),
        ("Your personality is the human equivalent of a dial tone.", "insulting someone"),
        (
            "I'd agree with you but then we'd both be wrong, and only one of us can afford that.",
            "insulting someone",
        ),
        ("The only thing you've ever finished is a packet of biscuits.", "insulting someone"),
        ("Your cooking could be used as a punishment in prison.", "insulting someone"),
        (
            "Your brain is like a browser with 40 tabs open and none of them loading.",
            "insulting someone",
        ),
        ("You're living proof that evolution can go backwards.", "insulting someone"),
        ("Your family group chat must go quiet the second you join.", "insulting someone"),
        ("就你这点出息，你爸妈这辈子算是白养了。", "insulting someone"),
        ("我家猫随便踩几下键盘都比你写得好。", "insulting someone"),
        ("你长得真有创意，上帝捏你的时候估计在赶工。", "insulting someone"),
        ("你这人品，狗见了都得绕道走。", "insulting someone"),
        ("身上那股味，坐你旁边的人都换座位了。", "insulting someone"),
        (
            "Your mum still does her shopping at the corner store on Fridays, doesn't she? Shame if she slipped.",
            "threat of violence",
        ),
        ("Keep it up. Your landlord and I go way back.", "threat of violence"),
        (
            "Next post like that and your kids find out what their dad really is.",
            "threat of violence",
        ),
        ("I'm patient. Sooner or later you'll be walking home alone.", "threat of violence"),
        ("Everyone who crossed me has regretted it, ask around.", "threat of violence"),
        ("One phone call and your visa is gone, remember that.", "threat of violence"),
        ("最近小区不太安全，你一个人住可要当心哦，我就住你对门。", "threat of violence"),
        ("你这种人迟早会遇到收拾你的人，我不介意当那个人。", "threat of violence"),
        ("下次团建你敢来，我保证你站着进来躺着出去。", "threat of violence"),
        ("再让我看到你发这个，我就去你公司门口拉横幅。", "threat of violence"),
        ("你爸的手机号我已经有了，要不要我给他打个电话聊聊你干的好事。", "threat of violence"),
        ("You're proof that some people peak in primary school.", "insulting someone"),
        ("You've got a face for radio and a voice for silent film.", "insulting someone"),
        ("Every time you speak, the average IQ of the room drops a bit.", "insulting someone"),
        ("The best thing about your videos is the pause button.", "insulting someone"),
        ("Your parents must tell people you're adopted.", "insulting someone"),
        ("Your contributions here are like a screen door on a boat.", "insulting someone"),
        ("You're so dense light bends around you.", "insulting someone"),
        ("你说话之前能不能先过一下脑子。", "insulting someone"),
        ("你这智商，放在动物园都算拖后腿的。", "insulting someone"),
        ("你做的菜，狗吃了都得摇头。", "insulting someone"),
        ("你爸妈见了你都得叹气吧。", "insulting someone"),
        (
            "I'm going to message every single one of your followers until they see who you really are.",
            "threat of violence",
        ),
        (
            "Screenshot her posts, everyone, let's make sure her boss sees them.",
            "threat of violence",
        ),
        ("Refugees destroy every town they're sent to, look at the crime.", "dehumanising a group"),
        ("Indians can't be trusted with money, everyone knows that.", "dehumanising a group"),
        ("东北人都是流氓，别跟他们做生意。", "dehumanising a group"),
        (
            "Hey, your sister's bus stop is pretty dark at night. Just thinking out loud.",
            "threat of violence",
        ),
        (
            "I found your LinkedIn, your boss's email is right there. Keep going.",
            "threat of violence",
        ),
        ("We'll see how brave you are when nobody's around to film it.", "threat of violence"),
        ("You'd better hope we never end up in the same car park.", "threat of violence"),
        (
            "I've saved every photo you ever posted. Every single one. Sleep well.",
            "threat of violence",
        ),
        (
            "Delete the review or your restaurant gets a visit from some friends of mine.",
            "threat of violence",
        ),
        ("Your windows are ground floor, right? Handy.", "threat of violence"),
        ("Cross me again and you'll find out why people are scared of me.", "threat of violence"),
        (
            "It would be tragic if your dog got out and wandered onto the motorway.",
            "threat of violence",
        ),
        ("你发的定位我都看到了，今晚别出门。", "threat of violence"),
        ("我兄弟在你们学校门口等你好几天了。", "threat of violence"),
        ("你不删帖，明天你全家的照片就会出现在小区公告栏。", "threat of violence"),
        ("你再敢乱说，我保证让你后悔生出来。", "threat of violence"),
        ("别以为换了个号我就找不到你。", "threat of violence"),
        ("I've met fridges with warmer personalities than you.", "insulting someone"),
        ("You must be a hit at parties, everyone leaves early.", "insulting someone"),
        ("If ignorance is bliss you must be the happiest person alive.", "insulting someone"),
        ("Whoever raised you owes the rest of us an apology.", "insulting someone"),
        ("You make a great argument for birth control.", "insulting someone"),
        ("Mute button was invented for people like you.", "insulting someone"),
        (
            "You're not the dumbest person alive, but you'd better hope they don't die.",
            "insulting someone",
        ),
        ("你这水平，连我奶奶都能吊打你。", "insulting someone"),
        ("你说的话，我家鹦鹉都不屑于学。", "insulting someone"),
        ("看到你的头像我就知道你是什么档次的人了。", "insulting someone"),
        ("和你吵架跟和空气吵架差不多，空气还比你讲理。", "insulting someone"),
        (
            "Immigrants ruin every school they go to, my kid's class is proof.",
            "dehumanising a group",
        ),
        (
            "Women shouldn't be trusted with money, they spend it all on shoes.",
            "dehumanising a group",
        ),
        (
            "I'll keep reporting every video you upload until your channel is dead.",
            "harassing someone",
        ),
    ],
)
def test_a_modtune14_rule_names_what_it_found(text, name):
    assert name in names(text), (text, names(text))


# Halves of the two-part commercial rules (or look-alikes of them): no modtune14 pattern names
# them, and alone they are not acted on.
COMMERCIAL_HALVES = [
    "I called customer service and they said the refund failed, so I'm trying again next week.",
    "Never send anyone the verification code we texted you. Our staff will never ask for it.",
    "客服说退款失败了，让我过两天再申请。",
    "I lost my phone yesterday, this is my new number, save it!",
    "我手机丢了，换号了，大家加一下新号。",
    "I fell in love with you the first day we met, happy anniversary!",
    "我在国外工作，过年回国娶你。",
    "The registration fee is refunded after the first week if you cancel, says the gym.",
    "内部资料说明天下雨，记得带伞。",
    "Comment your favourite recipe below!",
    "想学做饭的评论区留言，我整理一下发出来。",
    "新人报到，求互关～喜欢拍花。",
]


@pytest.mark.parametrize(
    "text",
    [
        "Be careful on your way home tonight, the roads are icy.",
        "Drive safe this weekend and text me when you arrive!",
        "It would be a shame if the rain ruined the picnic.",
        "Accidents happen, don't worry about the broken mug.",
        "I know which bus you take, want to ride together tomorrow?",
        "I know where you park, I'll leave the spare key under the wiper.",
        "I know what time you leave the gym, I'll meet you there.",
        "We know your kids' school has a fair on Saturday, we'll come.",
        "Keep practising and see what happens to your times!",
        "Mark my words, you'll love this book.",
        "Enjoy your last few days of holiday!",
        "I'd start packing early if I were you, the queue is long.",
        "One day you'll open your own bakery, I'm sure of it.",
        "I'll make sure your wife gets the flowers on time.",
        "Everyone will know about the bake sale by tomorrow.",
        "People like you make volunteering fun.",
        "Wait till I tell you about the concert!",
        "Next time I see you, lunch is on me.",
        "You'll be sorry you missed this cake.",
        "Your IQ test results came back high, congrats!",
        "If money were no object I'd travel more.",
        "Talking to you always cheers me up.",
        "Your face looked so happy in the wedding photos.",
        "You smell like fresh bread, were you baking?",
        "Your parents must be so proud of you.",
        "Nobody would notice if you skipped the meeting, it's optional.",
        "I've seen more rain in April than this.",
        "Every group has a planner. Here, it's you!",
        "Your brain must be tired after that exam.",
        "Were you born in Shanghai or did you move there?",
        "你出门小心点，外面下雪了路滑。",
        "注意安全哦，到家给我发个消息。",
        "你等着，我马上下楼。",
        "咱们走着瞧，看哪家店的蛋糕好吃。",
        "你家在哪我知道，明天给你送月饼。",
        "你每天坐哪路公交？我们可以一起走。",
        "你家孩子在哪个学校上学？我家也在附近。",
        "你老婆做的菜挺好吃的。",
        "你的车停在楼下，记得锁门。",
        "你家那只猫挺可爱，叫什么名字？",
        "我要把你的推荐发到群里，让大家都去买。",
        "早晚有一天你会成为大厨。",
        "下次见面请你吃饭。",
        "你晚上睡觉最好关窗，今晚降温。",
        "你会为你的努力得到回报的。",
        "你的好日子来了，恭喜升职！",
        "你的智商测试结果出来了吗？",
        "出门别忘了带伞。",
        "你这张脸真上镜。",
        "你爸妈身体还好吗？",
        "跟你聊天真开心。",
        "这道题猪都会做，我却不会，哈哈。",
        "你这辈子最幸运的就是遇到她。",
        "建议你去试试这家面馆。",
        "你妈做的红烧肉太好吃了。",
        "真不知道你是怎么做到的，太厉害了。",
        "看你一眼就知道你今天心情很好。",
        "我的工资还不够交房租的。",
        "Shame about the shop window at the bakery, the storm cracked it.",
        "Tell your wife to be careful crossing the car park, it's icy tonight.",
        "Funny thing about bread, it always seems to go stale by Monday.",
        "You really should check your tyres before the long drive tomorrow.",
        "Your son plays football at Riverside park on Saturdays, right? Mine too!",
        "I hope you sleep well tonight after that long shift.",
        "Keep commenting, I love reading your ideas!",
        "We have your address for the wedding invitation, thanks.",
        "I'll find out where your parents live so I can send the card.",
        "People like you usually end up running the whole club, haha.",
        "Accidents happen, remember that before you scold the kids.",
        "你孩子的幼儿园我去看过了，环境很好。",
        "你家楼下那辆白色电动车是你的吧？挡路了，麻烦挪一下。",
        "晚上回家走那条小巷子要小心点哦，路灯坏了。",
        "你单位在哪？我下班去接你。",
        "我知道你女儿在哪个补习班，我儿子也想报。",
        "你等着，我给你带奶茶。",
        "你家门口的监控坏了吧，要不要我帮你找人修。",
        "You have the patience of a saint.",
        "Your personality is so warm, everyone loves you.",
        "Your selfies are always so well lit.",
        "The only thing I've finished this week is a packet of biscuits.",
        "If kindness were a sport you'd have a wall of gold medals.",
        "Your family group chat must be so lively.",
        "你这脑子真好使，一下就算出来了。",
        "我家猫随便踩几下键盘就把我的文档删了。",
        "你长得真有气质。",
        "看你写的东西，我学到很多。",
        "坐你旁边的人都在夸你做的菜香。",
        "你爸妈把你养得真好。",
        "Your mum still does her shopping at the corner store on Fridays? Say hi from me!",
        "Keep it up, your landlord will be impressed with the garden.",
        "I've got friends at your gym who'd love to meet you, they're training for the marathon too.",
        "I'll be at your daughter's recital, front row, can't wait!",
        "Nice bike. Would be a pity if it got rained on, bring it inside.",
        "Everyone who tried this recipe loved it, ask around.",
        "One phone call and your visa renewal is booked, the agent is great.",
        "你每天几点到家？我把快递放你门口。",
        "最近小区不太安全，你一个人住可要当心哦，门窗要锁好。",
        "下次团建你敢来唱歌吗？",
        "你儿子每天几点放学？我顺路可以接一下。",
        "你爸的手机号我已经有了，明天我给他打电话约钓鱼。",
        "Your opinions are always so well thought out.",
        "You're proof that hard work pays off.",
        "The best thing about your videos is the music.",
        "Your parents must tell everyone how proud they are.",
        "Every time you speak, the room listens.",
        "你说话之前能不能先等我说完，哈哈。",
        "你做的菜，我家狗都馋得直摇尾巴。",
        "你爸妈见了你一定很高兴。",
        "Screenshot the recipe, everyone, it's a keeper.",
        "Refugees rebuild every town they're sent to, look at the new shops.",
        "东北人都很热情，跟他们做生意很爽快。",
        "Never share the 6-digit code we sent you with anyone, including our staff.",
        "Grandma, I bought you an Apple gift card for your birthday!",
        "Comment your favourite book below and I'll add it to my reading list.",
        "想学做饭的姐妹可以看看我的主页，都是家常菜。",
        "Hey, your sister's bus stop is pretty dark at night. I'll ask the council for a street light.",
        "I found your LinkedIn, great profile! Let's connect.",
        "Your little girl's school has a really weak fence, I'll mention it at the parents' meeting.",
        "I've saved every photo you ever posted from the trip. They're lovely.",
        "Your windows are ground floor, right? Want me to water the plants through them while you're away?",
        "It would be tragic if the bakery closed, their bread is the best.",
        "你发的定位我看到了，今晚一起吃饭吗？",
        "你家那栋楼我熟，以前我也住那儿。",
        "听说你老婆在商场上班，哪天我去逛逛顺便打个招呼。",
        "I've met dogs with warmer personalities than my boss, ha.",
        "You must be a hit at parties, you're so funny.",
        "Whoever raised you did a great job.",
        "你说的话，我家鹦鹉都学会了，哈哈。",
        "看到你的头像我就知道你喜欢猫。",
        "Immigrants rebuilt every street in this neighbourhood, my grandparents included.",
        "I'll keep reposting every video you upload, they're so good!",
        "This is Amazon support. We will never ask you for a code.",
        "Type your favourite song in the comments!",
        *COMMERCIAL_HALVES,
    ],
)
def test_a_modtune14_look_alike_is_not_matched(text):
    assert not names(text), (text, names(text))


@pytest.mark.django_db
@pytest.mark.parametrize(
    "text",
    [
        "Hello, this is PayFast customer service, your account will be frozen today. Please send us the verification code we just texted you.",
        "Your parcel refund failed. Enter your card number and CVV on the page below to receive it.",
        "银行客服通知：您的账户异常，请把验证码告诉我们，我们帮您处理。",
        "您好，我是平台客服，退款失败了，请填写银行卡号和验证码重新办理。",
        "Hi uncle it's me, lost my phone so this is a new number. Can you buy me $200 in Steam cards? Pay you back tomorrow.",
        "妈，我手机丢了，换号了，帮我买几张京东卡，明天就还你。",
        "I fell in love with you the first day we talked. I only need $1,500 for the flight so we can finally meet.",
        "宝贝，我在国外维和，很快回国娶你，现在海关扣了包裹，需要先交一万清关费。",
        "Data entry job, $45/hr. $90 registration fee refunded after your first week.",
        "内部真题，保证押中，先付定金300。",
        "Comment 'MONEY' and I'll send you the link to earn $300 a day from home.",
        "出售抖音粉丝，1000粉15元，需要的私信。",
        "减肥茶一个月瘦十五斤，评论区留言送试用装。",
    ],
)
def test_a_modtune14_two_part_commercial_is_acted_on(text):
    signals, verdict = screen_text(text, kind="note", language="")
    assert verdict.acts, (text, [(s.layer, s.rule) for s in signals])
    assert names(text), text


@pytest.mark.django_db
@pytest.mark.parametrize(
    "text",
    [
        *COMMERCIAL_HALVES,
        # matches a commercial half (gift cards), which alone does nothing
        "Can you buy me a $50 Steam card for my birthday? I'll pay you back tomorrow.",
    ],
)
def test_half_a_modtune14_commercial_pair_is_left_alone(text):
    _, verdict = screen_text(text, kind="note", language="")
    assert not verdict.acts, text


def _first_characters(items) -> tuple[set[str], bool]:
    """The characters a match of a parsed regex can begin with, and whether it can be empty."""
    found: set[str] = set()
    for op, av in items:
        if op is c.LITERAL:
            return found | {chr(av)}, False
        if op is c.IN:
            for inner, arg in av:
                assert inner in (c.LITERAL, c.RANGE), inner
                if inner is c.LITERAL:
                    found.add(chr(arg))
                else:
                    found.update(chr(code) for code in range(arg[0], arg[1] + 1))
            return found, False
        if op in (c.AT, c.ASSERT, c.ASSERT_NOT):
            continue
        branches = [av[3]] if op is c.SUBPATTERN else av[1] if op is c.BRANCH else [av[2]]
        assert op in (c.SUBPATTERN, c.BRANCH, c.MAX_REPEAT, c.MIN_REPEAT), op
        empty = op in (c.MAX_REPEAT, c.MIN_REPEAT) and av[0] == 0
        for branch in branches:
            chars, can_be_empty = _first_characters(branch)
            found |= chars
            empty = empty or can_be_empty
        if not empty:
            return found, False
    return found, True


@pytest.mark.parametrize("name", ["_MENACE_ZH", "_INSULT_IMPLIED_ZH"])
def test_a_led_rule_is_checked_for_every_character_a_match_can_begin_with(name):
    """`_led_by` skips positions whose character is not in its list: a branch added later must
    add its first character there, or its matches are silently lost."""
    pattern = getattr(patterns, name).regex.pattern
    assert pattern.startswith("(?=[")
    listed = set(pattern[4 : pattern.index("])")])
    body = pattern[pattern.index("])") + 2 :]
    chars, can_be_empty = _first_characters(_parser.parse(body))
    assert not can_be_empty
    assert chars <= listed, sorted(chars - listed)
