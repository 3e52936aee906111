"""Issue 17, session 24, helper "modtune17": holdout14's lessons as constructions with slots in
both languages, not its sentences: harm said as its result ("put you through the wall", "with you
inside it", 让你躺着进医院), a warning beside knowing where someone will be ("… See you there",
三单元是吧，等着), misfortune as a likelihood the writer will not be blamed for, harassment that
will not stop until it is answered, stalking, doxxing handed to others, private pictures as
leverage, idioms of contempt and comparisons with the reader's own traits, a group said to rule,
smell or be weeds, told to die or to stay at home, and commercial pairs (a card number, a PIN or a
code asked for beside a pretext; what is sold beside where to get it). The sentences are written
here, not copied from any case set (/tmp/modtune17/batch1.csv, written before the rules, and
batch2.csv, written after them): abusive ones this round's rules must name, and innocent ones of
the same shapes (a brother's joke, a safety tip, a scam warning, a compliment, a newcomer's hello)
that they must leave alone."""

import pytest

from crossnote.moderation.detectors import patterns
from crossnote.moderation.detectors.normalize import normalise
from crossnote.moderation.selectors import screen_text

MINE = frozenset(getattr(patterns, "_MODTUNE17_PATTERNS", ()))  # none before this round


def names(text: str) -> set[str]:
    """What this round's patterns (not the earlier rounds') found in `text`."""
    return {hit.pattern.name for hit in patterns.find(text) if hit.pattern in MINE}


THREAT = "threat of violence"
INSULT = "insulting someone"
HARASSMENT = "harassing someone"
HATE = "dehumanising a group"


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("If I ever see you near my sister again, you won't be walking home.", THREAT),
        ("I know which gym you go to. Thursdays, 7pm. See you there.", THREAT),
        ("Say that again and I'll put you through the wall.", THREAT),
        ("One more lie like that and I'll put you in the hospital.", THREAT),
        ("They'll need dental records to identify you when I'm done.", THREAT),
        ("Nice van. Shame if it went up in flames with you locked inside.", THREAT),
        ("Watch your back on the way to school. I'll be right behind you.", THREAT),
        ("Snitch on me again and you'll be looking over your shoulder. Enjoy looking over your shoulder.", THREAT),
        ("Delete the review or I'll send some friends over to your place.", THREAT),
        ("Posting your running route makes it easy to find you alone.", THREAT),
        ("Lovely little family you have. Be a shame if something happened to them.", THREAT),
        ("A fall down those stairs, nobody would even ask questions.", THREAT),
        ("You've made a lot of enemies here. I wouldn't walk to your car alone if I were you.", THREAT),
        ("I'll make sure your little cafe burns down.", THREAT),
        ("Keep talking. I've got nothing to lose and a lot of free time.", THREAT),
        ("You should start checking under your car before you drive.", THREAT),
        ("I'll find you after the match and we'll see how tough you are then.", THREAT),
        ("Got your address from the raffle list. Sleep tight.", THREAT),
        ("Your daughter's bus comes at 8:10, right by the bakery. Just checking.", THREAT),
        ("再敢顶嘴，我让你躺着出去。", THREAT),
        ("再让我看到你，我让你这辈子都走不了路。", THREAT),
        ("你的摊位号我已经记下了，咱们走着瞧。", THREAT),
        ("你家小区门口那家超市我经常去，说不定哪天就碰上你了。", THREAT),
        ("我有的是时间陪你玩，咱们慢慢来。", THREAT),
        ("你那店生意不错，哪天半夜着火了可别怪我没提醒。", THREAT),
        ("再惹我，你的车明天就不是现在这个样子了。", THREAT),
        ("你儿子每天放学都是一个人走回家的吧？", THREAT),
        ("你家后门的监控拍不到楼道，我看过了。", THREAT),
        ("Your opinions have the nutritional value of a wet napkin.", INSULT),
        ("Every group project you touch turns into a dumpster fire, and everyone knows why.", INSULT),
        ("You must have been dropped on your head as a baby, repeatedly.", INSULT),
        ("Even a broken clock is right twice a day, which is twice more than you.", INSULT),
        ("Do the world a favour and stop reproducing.", INSULT),
        ("Nobody at this company would notice if you vanished tomorrow.", INSULT),
        ("Not much going on upstairs, is there?", INSULT),
        ("If brains were petrol you couldn't drive a toy car.", INSULT),
        ("You're a waste of perfectly good oxygen.", INSULT),
        ("I've met doorknobs with more personality than you.", INSULT),
        ("Your jokes are as stale as your personality.", INSULT),
        ("Whoever told you that you could sing lied to you.", INSULT),
        ("Bless your heart, you really think anyone reads the trash you post.", INSULT),
        ("Every time you open your mouth, a brain cell somewhere dies.", INSULT),
        ("跟你说话还不如跟墙说，墙起码不会顶嘴。", INSULT),
        ("你的智商大概只够数到十吧。", INSULT),
        ("你长得真有创意，上帝捏你的时候一定是闭着眼睛的。", INSULT),
        ("像你这样的废柴，公司早就该把你开了。", INSULT),
        ("你写的东西连垃圾桶都不想收。", INSULT),
        ("九年义务教育在你身上算是白给了。", INSULT),
        ("石头都比你有脑子，哦不对，石头都比你有内涵。", INSULT),
        ("看了你写的东西，我替你家祖宗感到丢人。", INSULT),
        ("这种人也配当老师？", INSULT),
        ("你活着唯一的作用就是凑数。", INSULT),
        ("I'm going to comment on every single thing you post until you delete your account.", HARASSMENT),
        ("Block me all you want, I'll just make a new one.", HARASSMENT),
        ("I won't stop until you answer me.", HARASSMENT),
        ("I followed you home from the gym yesterday.", HARASSMENT),
        ("Here's his real name and his workplace. You know what to do.", HARASSMENT),
        ("Saved all your beach photos. They're going into the group chat.", HARASSMENT),
        ("Send me a pic of you with nothing else on.", HARASSMENT),
        ("你拉黑我一个号，我就再注册一个新号。", HARASSMENT),
        ("你每条动态我都去评论，直到你回我为止。", HARASSMENT),
        ("我昨天在你家楼下等了一晚上。", HARASSMENT),
        ("他的真名和电话在这，大家自己看着办。", HARASSMENT),
        ("你以前的视频我都存着，不听话我就发出去。", HARASSMENT),
        ("私发几张不穿的看看。", HARASSMENT),
        ("Refugees are like rats, they spread wherever you let them.", HATE),
        ("Old people should just die and stop clogging the hospitals.", HATE),
        ("Jews control all the banks in this country.", HATE),
        ("Chinese tourists, take their germs with them when they leave.", HATE),
        ("Mexicans at the car wash are all illegals.", HATE),
        ("A black family moved in next door, lock your doors.", HATE),
        ("女的就别去当兵了，老老实实在家做饭。", HATE),
        ("聋人还来上舞蹈课，这种人就该待在家里。", HATE),
        ("穆斯林的脑子都有问题。", HATE),
        # widened after batch2 (written after the first rules) and batch3 (after the widening)
        ("I wonder how far your car gets with the brake lines cut.", THREAT),
        ("We've got people near your school. They know what you look like now.", THREAT),
        ("Keep it up and I'll be waiting outside with a crowbar.", THREAT),
        ("Enjoy your tennis while your knees still work.", THREAT),
        ("You'd better hope the cops find you before I do.", THREAT),
        ("Tell anyone and your bike won't survive the week.", THREAT),
        ("Come to the meetup and you'll be leaving on a stretcher.", THREAT),
        ("You'll regret this, and so will your kids.", THREAT),
        ("Pray I never find out where your brother works.", THREAT),
        ("我保证你在这行混不下去。", THREAT),
        ("你那辆车是不是不想要了？", THREAT),
        ("半夜走夜路，出点什么事谁也说不清。", THREAT),
        ("删了，不然你老板明天就会收到你的聊天记录。", THREAT),
        ("惹我的人，没一个有好下场。", THREAT),
        ("你女儿的幼儿园门口见。", THREAT),
        ("You have the emotional range of a teaspoon.", INSULT),
        ("If stupidity were a sport you'd be world champion.", INSULT),
        ("You're living proof that anyone can get a degree.", INSULT),
        ("Not the brightest bulb in the box, are you?", INSULT),
        ("You're about as useful as a paper umbrella.", INSULT),
        ("Your face could stop a clock.", INSULT),
        ("I'd agree with you, but then we'd both be wrong.", INSULT),
        ("Your parents must have wanted a cat instead.", INSULT),
        ("Made a burner just to tell you you're ugly.", INSULT),
        ("Everyone, flood her inbox until she quits.", INSULT),
        ("你长得跟车祸现场似的。", INSULT),
        ("就你这水平还好意思教别人？", INSULT),
        ("我换了五个小号关注你，你躲不掉的。", INSULT),
        ("不回我就天天去你公司等你。", INSULT),
        ("连三岁小孩都比你懂道理。", INSULT),
        ("你就是来地球凑人数的。", INSULT),
        ("楼主脑残吧，这也能发？", INSULT),
        ("垃圾东西也配来这里评论？", INSULT),
        ("Women shouldn't be allowed to drive.", HATE),
        ("Trans people are mentally ill, end of story.", HATE),
        ("Asians all look the same to me.", HATE),
        ("农村人就是素质差。", HATE),
        ("外国人都应该全部赶出去。", HATE),
    ],
)  # fmt: skip
def test_a_modtune17_rule_names_what_it_found(text, name):
    assert name in names(text), (text, names(text))


# Halves of the two-part commercial rules: alone they are not acted on.
COMMERCIAL_HALVES = [
    "I called customer service about my refund and it came through today.",
    "Please never share your verification code with anyone.",
    "客服说退款已经到账了，谢谢大家关心。",
    "银行不会通过短信让你输入卡号和密码，大家小心。",
    "我们公司楼下新开了一家奶茶店，五折优惠，味道还可以。",
    "My blog is at lisas-garden dot com, come say hi!",
    "Congrats on winning the raffle! The organiser will email you about the hamper.",
    "可以加微信吗？想练习中文。",
]


@pytest.mark.parametrize(
    "text",
    [
        "My brother said he'd kill me if I ate his fries again, lol he's so dramatic.",
        "I'll find you a better recipe for that bread, the one you used is too wet.",
        "Keep talking, I love hearing about your trip to Norway.",
        "Be a shame if the rain ruined the picnic, let's bring the tent just in case.",
        "I know which gym you go to, could you tell me if they have a sauna?",
        "Check under your car for the cat before you drive in winter.",
        "This game will put you in the hospital of boredom lol",
        "Go ahead, I'll be right behind you with the snacks.",
        "Watch your back when lifting heavy boxes, bend your knees.",
        "The broken clock in the hall is right twice a day, I find it charming.",
        "Rats are vermin that spread disease, so we called pest control.",
        "Our group project turned into a dumpster fire because the server crashed.",
        "I'm going to comment on every single painting in the gallery for my blog.",
        "Invest time in your friendships, it pays back tenfold.",
        "My cat has more personality than you'd expect from a rescue.",
        "Do the world a favour and get your flu shot this year.",
        "Please do everyone a favor and delete this false thread.",
        "Everything you touch turns to gold, congratulations on the promotion!",
        "I'll make sure the dog gets his stitches out on Monday.",
        "You live alone, right? I can come water your plants when you travel.",
        "Immigrants built this town's first library.",
        "Gay people deserve the same rights as everyone else, full stop.",
        "Disabled people are often left out of city planning, we need ramps.",
        "A new family moved in next door, they brought us cookies!",
        "晚上走路小心点，最近下雨路很滑。",
        "你女儿每天几点放学？我想约她周末一起去公园玩。",
        "等我找到你说的那本书，就借给你看。",
        "我有的是时间陪你慢慢练车，不用着急。",
        "跟墙说话是我练习演讲的方法，效果还不错。",
        "这个垃圾桶太小了，连一周的垃圾都装不下。",
        "我们建了个群专门分享猫咪照片，欢迎加入。",
        "蝗虫灾害对农业影响很大，今年非洲又爆发了。",
        "你的车明天要年检，别忘了带行驶证。",
        "他每发一条动态我都会点赞，因为拍得真好看。",
        "你要是再在群里提我名字，我就请你吃饭，哈哈。",
        "晚上回家最好别走那条小路，路灯坏了，我已经报修了。",
        "你孩子在哪个小学上学？我们家也想择校，想打听一下。",
        "我做的饭连我家狗都抢着吃，哈哈。",
        "我换了二十个号码才抢到演唱会门票。",
        "你的黑历史是什么？我先说，我小学的时候把自己锁在厕所里了。",
        "东北人真的很热情，这次去哈尔滨玩得很开心。",
        "女司机也有很多开得很好的，别搞性别刻板印象。",
        "你唱歌的声音真好听，建议去参加比赛。",
        "你做的菜跟你本人一样，又甜又暖。",
        "我真是倒了八辈子霉，又堵车了。",
        "一波三折的阅读感受啊",
        "新人报到！喜欢拍照和爬山，想多认识些朋友，求互关～",
        "The brake lines on my old hatchback needed replacing, cost me $300.",
        "I'll be visiting your office on Monday for the interview, thanks!",
        "I hope you like hospital food, because the new canteen at the clinic is good.",
        "Your cat goes out at night too? Ours comes back at dawn.",
        "I'd agree with you, the second half of the book was much better.",
        "I screenshotted your recipe and sent it to my mum, she loved it.",
        "Women in our town fought hard for the right to vote in 1918.",
        "Tell your sister good luck on her run tomorrow! It gets dark early so take a headlamp.",
        "If ignorance is bliss, why aren't more people happy? Asking for an essay.",
        "You have the patience of a saint, thank you for teaching my son.",
        "这次就先这样吧，下次聚会我请客。",
        "欠我的书记得还哦，下周学校门口见。",
        "你的脑子真好使，这么难的题都做出来了。",
        "我一天不回消息，我妈就打十个电话，哈哈。",
        "河南人不偷井盖，这种刻板印象该停了。",
        "我表达的不是这个女的活该。",
        "残疾人也有生育的权利，这是基本人权。",
        "你这种人走到哪都受欢迎，真羡慕。",
        "我耐心很好，你总有学会的时候。",
        "反诈中心提醒：凡是让你转到安全账户的都是诈骗。",  # held by a listed term, before and after
    ],
)
def test_a_modtune17_look_alike_is_not_acted_on_by_its_rules(text):
    acting = {hit.pattern for hit in patterns.find(text) if hit.pattern in MINE}
    # a commercial half alone is allowed to match (test below: it does nothing)
    assert not {p for p in acting if p.category not in ("scam", "spam")}, (text, names(text))


@pytest.mark.django_db
@pytest.mark.parametrize(
    "text",
    [
        "This is customer service: your refund failed, please send your card number and the SMS code.",
        "Your account has been flagged. Reply with the 6-digit code we just texted you within 24 hours.",
        "Customs is holding your parcel, pay the release fee with gift cards today.",
        "Earn $300 a day from home! Just pay the $40 registration fee on Telegram to start.",
        "您的医保卡已被冻结，请立即提供验证码解冻。",
        "快递理赔，请点击链接填写银行卡号和密码。",
        "宝，我手机坏了，帮我收个验证码好不好？",
        "在家做手工月入八千，先买我们的材料包就能开始。",
        "Best VPN deals here >>> bit.ly/vpnfast <<< limited offer",
        "专业涨粉，一万粉只要99，私信秒回。",
        "美容院开业，扫码进群送面膜！",
        "Your subscription is suspended. Update your payment details at streamflix-billing dot com.",
        "Hi mum, lost my phone, this is my new number. Could you send me £300 today? Can't talk.",
        "You won our lottery! Reply with your full name, bank account and sort code to claim.",
        "您的快递被退回，请添加客服微信重新填写地址。",
        "恭喜您被抽中，缴纳200元税费即可领取奖品。",
        "您的账户涉嫌洗钱，请把资金转到安全账户配合调查。",
        "高价回收旧手机，加微信 hs8888 当天到账。",
    ],
)
def test_a_modtune17_two_part_commercial_is_acted_on(text):
    signals, verdict = screen_text(text, kind="note", language="")
    assert verdict.acts, (text, [(s.layer, s.rule) for s in signals])
    assert names(text), text


@pytest.mark.django_db
@pytest.mark.parametrize("text", COMMERCIAL_HALVES)
def test_half_a_modtune17_commercial_pair_is_left_alone(text):
    _, verdict = screen_text(text, kind="note", language="")
    assert not verdict.acts, text


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("what a lo🙃ser", "what a loser"),  # an emoji between letters is a mask
        ("mo|ron who can't read a map", "moron who can't read a map"),  # so is a bar
        ("yes|no", "yes|no"),  # no profane word fits: left as written
        ("node.js", "node.js"),
    ],
)
def test_a_bar_or_an_emoji_masking_an_insult_is_filled_in(text, folded):
    assert normalise(text).text == folded
