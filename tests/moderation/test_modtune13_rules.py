"""Issue 17, session 21, helper "modtune13": the constructions added from holdout11's and
holdout12's misses (threats on a condition that concerns the writer, knowing someone's
whereabouts, the protection racket's line, death or vanishing wished in other words, a person
likened to vermin or a botched product, a group barred or called criminals, a payment asked first
for an offer too good, a promotion pushed), each tried on sentences written here, not copied from
any case set: abusive ones a rule must catch, and innocent ones of the same shape (a safety
warning, a parent arranging a pick-up, a compliment, directions, grief, a documentary, a scam
warning, a newcomer asking for follows) that it must leave alone."""

import pytest

from crossnote.moderation.detectors import patterns
from crossnote.moderation.selectors import screen_text

MINE = frozenset(getattr(patterns, "_MODTUNE13_PATTERNS", ()))  # none before this round


def names(text: str) -> set[str]:
    """What this round's patterns (not the earlier rounds') found in `text`."""
    return {hit.pattern.name for hit in patterns.find(text) if hit.pattern in MINE}


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # a threat on a condition that concerns the writer, an aftermath by implication
        ("Stop messaging my sister and nobody has to leave in an ambulance", "threat of violence"),
        (
            "Keep lying about me online and your wife will be choosing a coffin",
            "threat of violence",
        ),
        ("Report me one more time and I'm showing up with a crowbar", "threat of violence"),
        ("Give back my bike by Sunday or you'll find your gas pipe leaking", "threat of violence"),
        ("Leave my brother alone or you'll never walk straight again", "threat of violence"),
        ("Somebody ought to set your van alight with you in it", "threat of violence"),
        ("Come alone after practice and we'll see how brave you really are", "threat of violence"),
        ("你再造谣我一句，我就叫上兄弟去你公司", "threat of violence"),
        ("欠我的工资不给是吧，我让你全家没好日子过", "threat of violence"),
        ("敢举报我，我就把你的住址挂到网上", "threat of violence"),
        ("信不信我一把火把你的店烧了", "threat of violence"),
        ("下了班别走，我让你横着出去", "threat of violence"),
        # knowing where someone or their child will be, and a warning
        ("Your son finishes at 4:15 on Tuesdays. Just saying.", "threat of violence"),
        ("I found your home address. Might pay you a little visit", "threat of violence"),
        ("We got your work schedule. Watch your back on the night shift", "threat of violence"),
        ("你家住址我查到了，晚上出门当心点", "threat of violence"),
        ("看到你在咖啡店打卡了，我在楼下等你", "threat of violence"),
        ("你女儿每天走哪条路回家，我一清二楚", "threat of violence"),
        # the protection racket's line
        (
            "Lovely bakery you have there. Be a shame if somebody smashed the glass",
            "threat of violence",
        ),
        ("Sweet dog of yours. Sad if it swallowed something nasty", "threat of violence"),
        # death or vanishing wished in other words
        ("Honestly the group chat would be calmer if you stopped existing", "wishing death"),
        ("You should just stop existing, mate", "wishing death"),
        ("Do everyone a favour and never wake up.", "wishing death"),
        ("Walk to the edge of the cliff and then just step off", "wishing death"),
        ("Climb onto the roof and find out if you can fly", "wishing death"),
        ("Please stay home. Forever.", "wishing death"),
        ("I hope your ferry sinks halfway", "wishing death"),
        ("He is a waste of perfectly good oxygen", "wishing death"),
        ("A noose would be cheaper than therapy for you", "wishing death"),
        ("你这种水平建议原地消失", "wishing death"),
        ("楼主可以去天台看看风景，看完别下来了", "wishing death"),
        ("你怎么不早点下去见阎王", "wishing death"),
        ("这种人直接送去火葬场得了", "wishing death"),
        ("你妈最大的错误就是生下你", "wishing death"),
        ("你这种人不配活着", "wishing death"),
        (
            "The nicest thing your parents could do is leave you at a petrol station",
            "wishing death",
        ),
        ("Just uninstall yourself already", "wishing death"),
        ("There is only so much oxygen on earth and you are wasting it", "wishing death"),
        ("打成这样，建议把自己卸载了", "wishing death"),
        # a slur standing for a person
        ("Some faggot at the gym kept staring at me", "ethnic slur"),
        ("Bunch of chinks in the lobby again", "ethnic slur"),
        # stalking past a block, the racket's line in Chinese, sabotage said lightly
        ("Made a new account since you blocked me. You can't hide from me", "harassing someone"),
        ("你拉黑我也没用，我换个号照样找你", "harassing someone"),
        ("你家狗挺可爱的，要是哪天吃了不该吃的就可惜了", "threat of violence"),
        ("你那车的刹车线剪断很简单", "threat of violence"),
        # fates hinted at
        ("People have ended up in hospital for less than that tweet", "threat of violence"),
        ("I'd start checking under your car each morning if I were you", "threat of violence"),
        ("Accidents tend to happen to snitches who talk", "threat of violence"),
        ("You won't live to see next christmas", "threat of violence"),
        ("Tell your husband to get used to being a widower", "threat of violence"),
        ("Don't be surprised if your tyres end up slashed", "threat of violence"),
        # contempt in idioms of a new kind
        ("No one would even care if you vanished", "insulting someone"),
        ("Humanity would be much better off without people like you", "insulting someone"),
        ("If I sounded like you I'd wear a bag over my head", "insulting someone"),
        ("You're living proof evolution can go backwards", "insulting someone"),
        ("You are the reason hair dryers come with warning labels", "insulting someone"),
        ("Your parents must be so ashamed of you", "insulting someone"),
        ("They should go back to the trees where they came from", "insulting someone"),
        # injury as a look, a destination, a lesson, a use
        (
            "He'd look nicer with his nose broken... or you would, with your jaw snapped",
            "threat of violence",
        ),
        ("Pack for the morgue, that's where you're heading", "threat of violence"),
        ("My brothers will teach you a lesson you won't ever forget", "threat of violence"),
        ("Keep mouthing off and see where you end up", "threat of violence"),
        ("The only thing you are good for is target practice", "insulting someone"),
        ("Your dad should have used a condom", "insulting someone"),
        ("她那张脸像被驴踢过", "insulting someone"),
        ("周五体育馆后面见，不来就是怂包", "threat of violence"),
        ("Do the group a favour by never coming back", "wishing death"),
        ("建议你早点投个胎", "wishing death"),
        ("你们全家都该偿命", "wishing death"),
        ("你死了我开香槟", "wishing death"),
        ("我知道你住在哪儿，你逃不掉", "threat of violence"),
        ("四川人里没几个好东西", "dehumanising a group"),
        ("外地人一来，小区就乌烟瘴气", "dehumanising a group"),
        ("黑人都是没进化完的猩猩", "dehumanising a group"),
        ("gay都是有病，离我女儿远点", "dehumanising a group"),
        ("你这个有娘生没娘养的东西", "insulting someone"),
        (
            "Your flat is so lovely. Would be tragic if it caught fire one night",
            "threat of violence",
        ),
        ("I pray you never wake up from the anaesthetic", "wishing death"),
        ("You people need a cull", "wishing death"),
        ("Share one more photo of my wife and I'll visit your kids' school", "threat of violence"),
        ("I've been watching you for weeks. You always walk home alone", "threat of violence"),
        ("Next time I see u, it won't be through a screen", "threat of violence"),
        ("别以为隔着屏幕我就拿你没办法", "threat of violence"),
        ("当心点，我认识的人多得很", "threat of violence"),
        ("I've known brighter toasters", "insulting someone"),
        ("Talking to you is like talking to a goldfish", "insulting someone"),
        ("God was bored when he made you", "insulting someone"),
        ("和你讲道理简直是对牛弹琴", "insulting someone"),
        ("这位长得真对不起观众", "insulting someone"),
        ("女娲捏你的时候手抖了吧", "insulting someone"),
        ("Women should be seen and not heard", "dehumanising a group"),
        ("Mexicans ruin every town, keep them out of our schools", "dehumanising a group"),
        # a person likened to vermin or a botched product
        ("Evolution clearly gave up on him", "insulting someone"),
        ("Whenever he opens his mouth I believe in natural selection", "insulting someone"),
        (
            "Your singing makes me understand why some animals eat their young",
            "insulting someone",
        ),
        ("You were dropped on your head, weren't you", "insulting someone"),
        (
            "Someone should take you back to the maternity ward and get a refund",
            "insulting someone",
        ),
        ("That jersey belongs in the trash, and so do you", "insulting someone"),
        ("They keep breeding like rats in those flats", "insulting someone"),
        ("这些骗子就像下水道里的老鼠", "insulting someone"),
        ("那个房东简直是吸血的蚂蟥", "insulting someone"),
        ("这人长得像进化到一半", "insulting someone"),
        ("你是从猪圈里爬出来的吧", "insulting someone"),
        # a group barred, called criminals, kept from children
        ("Muslim teachers shouldn't be allowed near our schools", "dehumanising a group"),
        ("Mexican workers are all thieves, lock your tools", "dehumanising a group"),
        ("Women have no business in a boardroom", "dehumanising a group"),
        ("Immigrants again. Keep them away from our daughters", "dehumanising a group"),
        ("Korean players r all cheaters", "dehumanising a group"),
        ("越南新娘都是骗子", "dehumanising a group"),
        ("同性恋都是变态", "dehumanising a group"),
        ("外地人见一个赶一个", "dehumanising a group"),
    ],
)
def test_a_modtune13_rule_names_what_it_found(text, name):
    assert name in names(text), (text, names(text))


# The commercial halves that do nothing alone (see the two-part tests below)
HALVES = {getattr(patterns, "_PROMOTION_CALL", None), getattr(patterns, "_PAYMENT_FIRST", None)}


@pytest.mark.parametrize(
    "text",
    [
        "Wear a helmet or you'll end up in a wheelchair",
        "Keep my mum in your prayers and thoughts, the funeral is on Friday",
        "Keep practising and you'll never walk off the court tired",
        "I'm coming to your place with my bat, practice starts at five",
        "Come alone or bring friends, the party is at eight",
        "Your daughter gets out at 3:40, right? I can pick both of them up",
        "What's your address? I'll pay you a visit with soup tonight",
        "你孩子几点放学？我们一起接",
        "知道你每天几点下班，回家路上小心点",
        "你家地址我有，快递明天到，等着收货吧",
        "再熬夜你就等着进医院吧",
        "如果我妈明天还不舒服，就送她去医院",
        "Nice weather today, shame if it rained on the parade",
        "Lovely photos! It would be a shame if you stopped posting",
        "After death, do you stop existing?",
        "Some days I want to just stop existing and sleep",
        "I hope I never wake up early again",
        "Cross the bridge and keep walking until the bakery",
        "I hope the flight doesn't crash, I'm a nervous flyer",
        "You're wasting air, breathe slower when you dive",
        "Rope is cheaper than chain for the fence",
        "The documentary explains why some animals eat their young",
        "The phone dropped on his head while he slept",
        "I'd stay in bed forever on days like this",
        "尴尬得我想原地消失",
        "他从这个世界消失了，我很想他",
        "地铁站要搬到地下去了",
        "清明节去陪祖宗说说话",
        "我们在楼顶等你，别下来了，我们上去找你",
        "你是老鼠我是猫，这局你先跑",
        "他们是寄生虫学家",
        "这只猴子是从动物园跑出来的",
        "Learner drivers shouldn't be allowed on motorways",
        "Asian cuisine is all about balance",
        "蚊子见一个打一个",
        "Another chink in the armour for the government",
        "We had faggots and peas for tea",
        "You can't hide from your problems forever",
        "I blocked him and he made a new account, what do I do?",
        "The best thing you could do is leave it to rest overnight",
        "How do I uninstall the app from my phone",
        "你家猫挺可爱的，要是哪天丢了就不好了，记得装纱窗",
        "我的刹车线被人剪断了，已经报警",
        "越南新娘都很勤劳",
        "Accidents happen, don't beat yourself up about the vase",
        "Enjoy your last week of holidays!",
        "I'd lock my doors if I were you, there were break-ins on our street",
        "You won't see the end of the film coming, it's brilliant",
        "Don't be surprised if it rains tonight",
        "Your parents must be so proud of you",
        "The gene pool of these wolves is too small",
        "Let's go back to the zoo tomorrow, the kids loved it",
        "If I were you I'd take the train",
        "Your flat is so lovely! Would be sad if it rained on moving day",
        "I pray you recover quickly after the surgery",
        "The deer population needs a cull this winter",
        "能干出这种事的都是畜生，子女的都是无辜的",
        "I've been watching you play for years, you always leave everything on the court",
        "Next time I see you let's grab coffee",
        "你小心点，路上滑",
        "I've met smarter dogs than my neighbour's, his cat is a genius",
        "上帝保佑你一路平安",
        "对不起，我今天来晚了",
        "Children should be seen and not heard, said my grandmother",
        "You'd look better with your hair shorter",
        "I hope you enjoy the hospital food, get well soon",
        "I'll teach you a lesson in chess tomorrow",
        "Keep pushing and see what happens!",
        "The compost is good for the tomatoes",
        "Walk into the sea at sunset, it's magical",
        "明天放学在校门口等我，一起回家",
        "下辈子还想做你的朋友",
        "东北人真豪爽",
        "I'll be waiting for you at the station",
        "People like you make this city great",
    ],
)
def test_a_modtune13_look_alike_is_not_matched(text):
    found = {
        h.pattern.name for h in patterns.find(text) if h.pattern in MINE and h.pattern not in HALVES
    }
    assert not found, (text, found)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "text",
    [
        "Spots at the sold-out festival! Pay through Venmo first and I'll email the tickets",
        "Guaranteed admission to any college, just pay a $200 processing fee",
        "Earthquake victims need you: donate BTC to this wallet now",
        "雨季灾区急需物资，善款请转到我个人账户，我统一采购",
        "高考答案考前发，保过，先付定金",
        "New skincare line, link in bio!!! link in bio!!! link in bio!!!",
        "Buy 5k followers, only $3, dm me for details",
        "刷赞刷粉，两元一百个，私我",
        "减肥咖啡一周瘦八斤，招代理，私我",
        "Quit your job and become your own boss, dm me now",
        "代开各类发票，联系微信abc123",
        "Loan approved in 10 minutes, no credit check, just pay the $25 service charge first",
        "Hi love, I'm stuck at the airport, please send $300 via Western Union",
        "我是你老板，先帮我转三千到这个账户，回头还你",
        "Sub4sub! I sub back fast, check my channel",
        "Hey I'm a crypto mentor, made 400% last month, send me 500 USDT and I'll trade for you",
        "Your laptop has a virus, call Microsoft support and pay the $149 repair fee",
        "姐妹们带你们炒币，一个月翻倍，先把钱转给我",
        "宝宝们新品上架，点击主页，前50名半价",
    ],
)
def test_a_modtune13_two_part_commercial_is_acted_on(text):
    signals, verdict = screen_text(text, kind="note", language="")
    assert verdict.acts, (text, [(s.layer, s.rule) for s in signals])


@pytest.mark.django_db
@pytest.mark.parametrize(
    "text",
    [
        "Please follow me, I'll follow back! I bake bread on Sundays",
        "求互关～刚来，喜欢拍花",
        "Pay the deposit first, then the landlord hands over the keys: that's how renting works here",
        "The concert sold out in minutes, so sad",
        "DM me if you want to practise Chinese",
        "朋友推荐的面包店，全场包邮，真的好吃",
        "Visit www.museum.org for opening times",
        "I got 20% off at the bakery today",
        "I'm stuck at the airport, the flight is delayed three hours",
        "Buyer pays shipping, pickup also fine",
        "Check my channel for the cooking video I made",
        "我的店铺上新啦，欢迎大家来看看",
        "出二手吉他，300元，杭州自提，私我",
        "Selling my old bike, $80, pickup only, DM me",
    ],
)
def test_half_a_modtune13_commercial_pair_is_left_alone(text):
    _, verdict = screen_text(text, kind="note", language="")
    assert not verdict.acts, text
