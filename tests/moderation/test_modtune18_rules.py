"""Issue 17, session 25, helper "modtune18": threats said as a condition and the harm the writer
will do (你再…，我就剁了你的手指头; "Keep … and you'll be riding the lift down in pieces"), harm
veiled as what nobody would notice (少你一个也没人发现, "if you value your teeth"), and insults by
comparison (你这嗓子，指挥听了都想改行; "you have all the charm of a wet sock"). The sentences are
/tmp/modtune18/b1 (written before the rules, 12/56 caught then); the innocent ones are written
beside them and must not be acted on. A new batch written after these rules (/tmp/modtune18/b3)
gained nothing from them (12/48 before and after): see bench/README.md."""

import pytest

from crossnote.moderation.detectors import patterns
from crossnote.moderation.selectors import screen_text

MINE = frozenset(getattr(patterns, "_MODTUNE18_PATTERNS", ()))

NAMED = [
    "Keep parking in my spot at the ski lodge and you'll be riding the lift down in pieces.",
    "Sing flat at the recital one more time and I'll make sure you never hit a note again.",
    "One more bad review of my pottery class and your hands won't be shaping anything ever again.",
    "You'd better pray the ferry's crowded tomorrow, because if I catch you alone on deck you're going over.",
    "Touch my beehives again and they'll be pulling stingers out of what's left of you.",
    "I know what time your shift at the library ends. Walk home a different way if you value your teeth.",
    "Report my stall to the council again and your van will be a bonfire by Friday.",
    "Keep flirting with my wife at choir and you'll need the hymn book to hide your face from the bruises.",
    "You owe me 500 quid. Pay up by Monday or I'm paying your mum a visit.",
    "If my cat goes missing again I'm burning your shed down with you in it.",
    "Say that to my face at the vet clinic and see if you walk out.",
    "你再在棋牌室里出老千，我就剁了你的手指头。",
    "广场舞的音响再开这么大，哪天你家窗户玻璃碎了别问为什么。",
    "装修队的钱你敢再拖一天，我就带人去你工地上把你腿打折。",
    "羽毛球馆门口等你，看你今天能不能站着出去。",
    "你在合唱团里再阴我一次，下次你的嗓子就不是哑那么简单了。",
    "我知道你每天几点去驿站取快递，路上小心点，车可不长眼。",
    "钓鱼的时候离我远点，水库那么深，淹死个人谁知道。",
    "考研群里你再造谣我，我就把你堵在自习室门口揍一顿。",
    "渡轮上那么多人，少你一个也没人发现。",
    "二胡拉得难听就算了，再吵我睡觉我拿弦把你勒了。",
    "陶艺课你再抢我的转盘，我把你的脑袋也放进窑里烧一烧。",
    "The ski patrol should rescue the mountain from your personality.",
    "Talking to you is like reading a book with every other page ripped out and the rest in crayon.",
    "You're the human equivalent of a ferry that only goes in circles.",
    "Your pottery looks like it was made by someone who has only heard of hands.",
    "I've met garden gnomes with more going on upstairs than you.",
    "Your face is the reason the badminton club switched to online meetings.",
    "You have all the charm of a wet sock left in a gym bag over the holidays.",
    "Your parents must have been told to expect disappointment and they got the premium edition.",
    "你这嗓子，合唱团指挥听了都想改行去卖菜。",
    "你这脑子，装修队来了都不知道从哪儿下手。",
    "你学车学了三年还没拿证，驾校的车见了你都想报废。",
    "你这长相，钓鱼都不用饵，鱼看见你就吓跑了。",
    "你做的陶艺品摆在那儿，跟你本人一样歪瓜裂枣。",
    "你拉的二胡跟你的人品一样，听一次折寿十年。",
    "宠物医院都不收你这种品种，怕传染给猫狗。",
    "就你这情商，棋牌室的麻将都比你会说话。",
    "你活着唯一的贡献，就是给别人当反面教材。",
    "你这水平，羽毛球馆的地板都替你害臊。",
]
INNOCENT = [
    "The ski lodge lift broke down and we were stuck for an hour, I nearly died of boredom.",
    "Our choir director will kill me if I miss another rehearsal, lol.",
    "The marina is so deep that divers train there every summer.",
    "Bees will sting you if you stand in front of the hive, wear the full suit.",
    "My pottery looks like a toddler made it but I'm having so much fun.",
    "I'm going to destroy you at badminton on Saturday, prepare your excuses 😂",
    "The ferry was so crowded nobody would have noticed if I fell asleep on the stairs.",
    "Librarians are the unsung heroes of every town, fight me.",
    "If my cat goes missing again I'll put posters on every lamp post in town.",
    "Man charged after threatening a neighbour over a parking spot at a ski resort, police say.",
    "我在棋牌室输得底裤都不剩了，再也不去了。",
    "广场舞的音响太吵了，已经跟物业反映了，希望能调小一点。",
    "装修队拖了一个月工期，真是要命。",
    "今晚羽毛球馆见，我要把你打得落花流水，哈哈！",
    "宠物医院的医生人真好，我家猫终于康复了。",
    "合唱团排练累死了，嗓子都哑了。",
    "钓鱼的时候一定要注意安全，水库很深，别一个人去。",
    "驾校教练虽然凶，但教得真好，一次就过了。",
    "考研的时候我感觉自己脑子里全是浆糊，还好最后上岸了。",
    "新闻：一男子因在渡轮上威胁乘客被警方带走。",
    "Leave one more cookie on my desk and I'll never fit into my jeans again, stop it 😂",
    "By Sunday you'll be playing that song better than me, keep practising!",
    "Call the plumber again if the pipe leaks, he was really helpful last time.",
    "Accidents happen at roundabouts every week, please slow down near the school.",
    "There's a lot of woodland behind my house, perfect for mushroom hunting.",
    "Snow's deep up at the cabin this winter, bring proper boots.",
    "You have the patience of a saint, thank you for teaching my kid to swim.",
    "I'm the reason our group chat has a rule about memes after midnight, sorry everyone.",
    "再在业主群里刷屏的话，群主会把人移出去的，大家注意一下。",
    "你家孩子每天放学走那条小路吗？我家孩子想跟他一起走。",
    "跑步的时候最好带个手电，河边晚上路灯少。",
    "山路那么陡，大家下山的时候一定要慢一点。",
    "你这车技可以啊，侧方停车一把就进了！",
    "你唱歌的时候，我家的猫都安静下来听了，太好听了。",
    "你这厨艺，连我那挑食的儿子都吃了两碗。",
    "跟你当同事是我这几年最开心的事。",
]
# Shapes of the rules with no harm in them (two of them labelled by other layers before this round)
NEAR = [
    "你再迟到我就不等你了",
    "你再不来我就把菜吃完了",
    "你要是再这样我就把你拉黑",
    "Keep practising and you will never lose again",
    "你这嗓子，合唱团都想要你",
    "You have all the patience of a saint.",
    "Next time you visit, I will make sure you never leave hungry again",
    "I went to the hospital again and the doctor said keep resting or you will end up in hospital",
]


@pytest.mark.parametrize("text", NAMED)
def test_named_by_this_round(text):
    assert any(hit.pattern in MINE for hit in patterns.find(text))


@pytest.mark.django_db
@pytest.mark.parametrize("text", NAMED)
def test_acted_on(text):
    _, verdict = screen_text(text, kind="note")
    assert verdict.acts


@pytest.mark.parametrize("text", INNOCENT + NEAR)
def test_innocent_twin_not_named(text):
    assert not any(hit.pattern in MINE for hit in patterns.find(text))


@pytest.mark.django_db
@pytest.mark.parametrize("text", INNOCENT)
def test_innocent_twin_not_acted_on(text):
    _, verdict = screen_text(text, kind="note")
    assert not verdict.acts
