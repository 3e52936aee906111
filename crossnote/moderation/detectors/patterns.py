"""Built-in phrase patterns for abuse that a list of fixed strings cannot hold: threats of
violence ("I'm going to hurt you", 我迟早弄死你) and threats without a violent verb ("i know where
you live", "watch your back, you'll regret this", 我知道你住哪), wishing or urging someone's death
("hope you die", "hang yourself", "go jump off a bridge", 建议你全家原地爆炸, 你怎么还不去跳楼),
calling someone worthless ("you're a waste of space") and calling someone an animal (你全家都是猪).

A term list names words; these kinds of abuse are built from a person, a verb and a target with
words in between, in endless spellings ("i will find you and beat you up", 等着，我会找到你弄死你).
Each pattern is written for one such construction, over the folded text (`normalise`: lower
case, leetspeak, homoglyphs, simplified Chinese, pictographs read as characters), and is code
reviewed like any other rule: never an operator's regular expression, and none can backtrack
catastrophically (bounded gaps only).

Their hits go through the term layer as the listed terms' do (detectors/terms.py): the same
senses drop them in a question about words or in news of abuse ("police say he told her 'I will
kill you'"), and every one is ambiguous: alone it labels at most, since jokes and games use the
same words ("I'll kill you if you spoil the ending"); with another hit it may hold.
"""

import re
from dataclasses import dataclass

from crossnote.moderation import categories
from crossnote.moderation.detectors.normalize import Normalised, normalise

LIST_NAME = "patterns"
_YOU = r"(?:you|u|ya|yall|y'all|your (?:family|kids|mom|mum|wife|husband))"
_FUTURE = (
    r"(?:'ll|ll| will| shall| am going to|'m going to|m going to| are going to|'re going to"
    r"| gonna|'m gonna|m gonna| am gonna| are gonna| wanna| want to| would| could| can)"
)
# Verbs of violence done to someone. "beat" only with "up", "to death": "I'll beat you at chess".
_HARM = (
    r"(?:kill|murder|hurt|stab|shoot|strangle|choke|punch|smash|burn|rape|slit|gut|bury|skin"
    r"|hunt down|hunt|break|beat (?:" + _YOU + r" )?(?:up|to death|senseless)|end)"
)
_HARM_NEEDS = (
    "kill",
    "murder",
    "hurt",
    "stab",
    "shoot",
    "strangl",
    "chok",
    "punch",
    "smash",
    "burn",
    "rape",
    "slit",
    "gut",
    "bury",
    "skin",
    "hunt",
    "break",
    "beat",
    "end",
)
_HARM_ZH = r"(?:弄死|砍死|打死|杀了|杀死|捅死|整死|弄残|打残|干死|搞死|宰了|剁了|废了|撕了)"
# What is wished on someone: an accident, a violent or early death, a family wiped out.
_DEATH_ZH = (
    r"(?:原地爆炸|被车撞|出车祸|被雷劈|不得好死|暴毙|猝死|早死|早点死|横死|死无全尸|断子绝孙|死全家"
    r"|全家死光|死光光|生孩子没屁眼|得癌症?|得绝症|得艾滋病?)"
)


# Nouns and adjectives that insult a person they are said of ("you're a loser", 你就是个废物);
# only the patterns that aim them at someone use them. Words with a common kind reading said
# of people ("you're a star", 你是个天才) are not here; the listed terms (idiot, 傻逼) say
# themselves.
_INSULTS_EN = (
    r"(?:loser|clown|pig|parasite|degenerate|subhuman|sub-human|freak|creep|failure|disgrace"
    r"|scum|scumbag|trash|garbage|vermin|cockroach|roach|leech|lowlife|low-life|imbecile"
    r"|halfwit|dimwit|numbskull|simpleton|buffoon|cretin|troglodyte|neanderthal|hag|swine"
    r"|maggot|slob|pervert|weirdo|nobody|joke|embarrassment|abomination|mistake|incel|bum"
    r"|jerk|prick|douche|douchebag|pleb"
    r"|pathetic|worthless|useless|disgusting|braindead|brain-dead|brainless|repulsive|vile"
    r"|ugly|fat|dumb|stupid|retarded|pitiful|spineless|gutless|revolting|hideous)"
)
_INSULTS_ZH = (
    r"(?:废物|垃圾|蠢货|蠢猪|猪头|败类|人渣|贱货|贱人|窝囊废|饭桶|白眼狼|舔狗|废柴|丑八怪|神经病"
    r"|蠢材|白痴|弱智|脑残|智障|婊子|loser|跳梁小丑|小丑|寄生虫|害虫|蛆|臭虫|癞蛤蟆|变态"
    r"|杂种|土鳖|屌丝|废人|傻帽|丑鬼|死胖子|肥猪|贱种|孬种|狗东西|狗腿子|蠢蛋|混蛋|王八蛋"
    r"|王八|瘪三|下三滥|烂人|渣男|渣女|支那猪|支那)"
)


@dataclass(frozen=True)
class Pattern:
    name: str  # what it stands for, shown as the hit's detail
    category: str
    regex: re.Pattern
    needs: tuple[str, ...] = ()  # the regex runs only on a text holding one of these


# New patterns go at the end: a hit's rule (terms:patterns#N) is its place here, and decisions
# keep it.
PATTERNS = (
    # "i will hurt you", "we're gonna find you and kill you", "i'll beat you up"
    Pattern(
        "threat of violence",
        categories.HARASSMENT,
        re.compile(
            r"\b(?:i|we|i'm|im)"
            + _FUTURE
            + r"\s+(?:\w+\s+){0,3}?"
            + _HARM
            + r"\s+"
            + _YOU
            # "I'll shoot you a message", "I'll beat you at chess"
            + r"\b(?! (?:a|an|some|the|at|in a|in the game|at chess)\b)"
        ),
        needs=_HARM_NEEDS,
    ),
    # "i will find you and beat you up", "i'll find you, and …": finding someone, then harm
    Pattern(
        "threat of violence",
        categories.HARASSMENT,
        re.compile(
            r"\b(?:i|we)"
            + _FUTURE
            + r"\s+(?:\w+\s+){0,2}?(?:find|catch|get) "
            + _YOU
            + r"\b[ ,]+(?:and|then)\s+(?:\w+\s+){0,2}?"
            + _HARM
        ),
        needs=_HARM_NEEDS,
    ),
    # "i hope you die", "hope u get run over and die", "you should die", "you deserve to die"
    Pattern(
        "wishing death",
        categories.HARASSMENT,
        re.compile(
            r"\b(?:hope|wish|pray)\s+(?:that\s+)?"
            + _YOU
            + r"\s+(?:(?!not\b|dont\b|never\b|wont\b|didnt\b)\w+\s+){0,6}?(?:die|dies|rot)\b"
            r"|\b" + _YOU + r" (?:should|deserve to|need to|ought to|better) (?:just )?die\b"
        ),
        needs=("die", "rot"),
    ),
    # "hang yourself", "go drown yourself", "end urself": urging self-harm
    Pattern(
        "urging self-harm",
        categories.HARASSMENT,
        re.compile(
            r"\b(?:kill|hang|drown|end|off|neck|unalive|overdose|suffocate)\s+"
            r"(?:yourself|urself|your self|ur self|yourselves)\b"
        ),
        needs=("self", "selves"),
    ),
    # "nobody would miss you", "no one will care if you die"
    Pattern(
        "wishing death",
        categories.HARASSMENT,
        re.compile(
            r"\b(?:nobody|no one|noone)\s+(?:would|will|is going to|gonna)\s+(?:miss|mourn) "
            + _YOU
            + r"\b"
        ),
        needs=("miss", "mourn"),
    ),
    # 我迟早弄死你, 老子砍死你, 等着，我会找到你弄死你, 信不信我捅死你
    Pattern(
        "threat of violence",
        categories.HARASSMENT,
        re.compile(_HARM_ZH + r"(?:你|你们|你全家|你妈)(?![的得也都])|找到你.{0,3}" + _HARM_ZH),
        needs=("死", "了", "残", "废"),
    ),
    # 你全家都是猪, 你是狗吧, 你这头蠢猪, 楼主就是个畜生: a person called an animal
    Pattern(
        "calling someone an animal",
        categories.HARASSMENT,
        re.compile(
            r"(?:你|你们|你全家|你家人|你妈|楼主|楼上)(?:全家)?(?:都|就|真|简直|果然)?"
            r"(?:是|像)(?:一)?(?:条|只|头|个)?(?:蠢|死|臭|笨)?(?:猪|狗|畜生|畜牲|牲口)"
            r"(?![年肉排脚蹄皮毛粮食崽仔狗猪圈窝场主友饲])"
            r"|你(?:个|这个)(?:蠢|死|臭|笨)?(?:猪|狗|畜生|畜牲|牲口)"
            r"(?![年肉排脚蹄皮毛粮食崽仔狗猪圈窝场主友饲的])"
        ),
        needs=("猪", "狗", "畜", "牲"),
    ),
    # "i know where you live", "we found out where your family lives": a threat without a verb
    # of violence
    Pattern(
        "threat of violence",
        categories.HARASSMENT,
        re.compile(
            r"\b(?:i|we)\s+(?:already\s+)?(?:know|found out|found|figured out)\s+where\s+"
            r"(?:you|u|ya|your (?:family|kids|mom|mum|wife|husband|parents))\s+"
            r"(?:live|lives|sleep|sleeps|stay|stays)\b"
        ),
        needs=("where",),
    ),
    # "you better watch your back", "watch your back, you'll regret this", "sleep with one eye
    # open": a warning that something will happen to someone (not "watch your back when lifting")
    Pattern(
        "threat of violence",
        categories.HARASSMENT,
        re.compile(
            r"\b(?:you|u|ya)(?:['’]d| had| would)?\s+better\s+(?:watch\s+(?:your|ur|yo)\s+back"
            r"|sleep with one eye open)\b"
            r"|\bwatch\s+(?:your|ur|yo)\s+back\b[\s,.!;:-]{1,4}(?:(?:you|u)(?:['’]ll|ll| will"
            r"|['’]re going to| are going to| gonna)\s+(?:regret|pay)\b|or else\b"
            r"|(?:i|we)(?:['’]m|['’]re| am| are|m|re)? coming for (?:you|u)\b|i know where)"
        ),
        needs=("back", "one eye open"),
    ),
    # "you're a waste of space", "you are nothing but a waste of oxygen": a person called worthless
    Pattern(
        "calling someone worthless",
        categories.HARASSMENT,
        re.compile(
            r"\b(?:you|u)(?:['’]re|re| are| r)\s+(?:\w+\s+){0,4}?waste of (?:space|oxygen|air"
            r"|skin|sperm|a life|flesh|a human being)\b"
        ),
        needs=("waste of",),
    ),
    # "go jump off a bridge", "do the world a favour and die", "just jump in front of a train":
    # urging someone to die (not "we jumped off the cliff into the lake")
    Pattern(
        "urging self-harm",
        categories.HARASSMENT,
        re.compile(
            r"(?:^|[.!?,;]\s*|\b(?:and|just|pls|please)\s+|\b(?:you|u|ya)\s+(?:should|could|can"
            r"|need to|ought to|better)\s+)(?:go\s+)?(?:jump|leap)\s+(?:off\s+(?:a|the|some|an)"
            r"\s+(?:\w+\s+)?(?:bridge|cliff|building|roof|skyscraper|balcony)|in front of\s+(?:a|an"
            r"|the)\s+(?:train|bus|truck|car|lorry))\b(?!\s+(?:into|in to|and swim))"
            r"|\bdo\s+(?:the world|us all|us|everyone|everybody|humanity|society|the planet"
            r"|mankind)\s+a\s+favou?r\s+(?:and|&|n)\s+(?:just\s+|go\s+)*(?:die|disappear"
            r"|drop dead|stop breathing|stop existing|cease to exist|kill (?:yourself|urself)"
            r"|off (?:yourself|urself)|end (?:yourself|urself|it all)|jump off)\b"
        ),
        needs=("jump", "leap", "favor", "favour"),
    ),
    # 我知道你住哪, 我知道你家在哪里: a threat without a verb of violence
    Pattern(
        "threat of violence",
        categories.HARASSMENT,
        re.compile(r"我(?:早就|已经|都)?知道你(?:们)?(?:家(?:住)?|住)(?:在)?(?:哪|哪里|哪儿)"),
        needs=("哪",),
    ),
    # 祝你出门被车撞, 建议你全家原地爆炸, 希望你早点死, 你不得好死: wishing someone dead (not
    # 希望你出门别被车撞, 祝你早日康复)
    Pattern(
        "wishing death",
        categories.HARASSMENT,
        re.compile(
            r"(?:祝|建议|希望|愿|诅咒|咒|盼)(?:你|你们|楼主|楼上)(?:全家|一家|家人|妈|爸)?"
            r"[^不别没莫勿，。！？,.!?]{0,4}?" + _DEATH_ZH + r"|(?:你|你们|你全家|你妈)(?:全家)?"
            r"(?:出门(?:就)?被车撞|被车撞死|被雷劈死|不得好死|死无全尸|断子绝孙|生孩子没屁眼)"
        ),
        needs=("死", "炸", "撞", "劈", "祸", "孙", "屁眼", "癌", "绝症", "艾滋"),
    ),
    # 你怎么还不去死, 你咋不去跳楼, 你还是去跳河吧: urging someone to kill themselves (not
    # 你还不死心, 你怎么还不睡)
    Pattern(
        "urging self-harm",
        categories.HARASSMENT,
        re.compile(
            r"(?:你|你们|楼主)(?:(?:怎么|咋|为什么|为啥|干嘛|怎)还?不|还不)(?:赶紧|快点?|早点)?去?"
            r"(?:死|跳楼|跳河|跳江|上吊|自杀|撞墙|喝农药)(?![磕活守记角皮亡刑心板党机缠])"
            r"|(?:你|你们|楼主)(?:就|还是|赶紧|快|干脆|最好)?去?(?:跳楼|跳河|跳江|上吊|自杀|喝农药)"
            r"(?:吧|算了|得了|去吧)"
        ),
        needs=("死", "跳", "吊", "杀", "撞", "农药"),
    ),
    # "i hope you get cancer", "wish u catch ebola": wishing a deadly disease on someone (not "i
    # hope you don't get cancer")
    Pattern(
        "wishing death",
        categories.HARASSMENT,
        re.compile(
            r"\b(?:hope|wish|pray)\s+(?:that\s+)?"
            + _YOU
            + r"\s+(?:get|gets|catch|catches|die of|dies of)\s+(?:cancer|aids|ebola|a tumou?r"
            r"|brain cancer|terminal cancer)\b"
        ),
        needs=("cancer", "aids", "ebola", "tumo"),
    ),
    # "the world would be better without you": wishing someone gone
    Pattern(
        "wishing death",
        categories.HARASSMENT,
        re.compile(
            r"\b(?:the world|everyone|everybody|earth|the planet|humanity|society)\s+(?:would|will)"
            r"\s+be\s+(?:a\s+)?better(?:\s+place)?(?:\s+off)?\s+without\s+(?:you|u|ya)\b"
        ),
        needs=("without",),
    ),
    # "you're a dead man", "you are dead meat": a threat
    Pattern(
        "threat of violence",
        categories.HARASSMENT,
        re.compile(
            r"\b(?:you|u)(?:['’]re|re| are| r)\s+(?:so\s+)?(?:dead meat|a dead (?:man|woman|girl"
            r"|boy|person))\b(?!\s+walking)"
        ),
        needs=("dead",),
    ),
    # --- issue 17, helper "mod17": second-person insults, telling people to leave, more death
    # wishes and threats, dehumanising a group. Built from the construction, not the sentence.
    # "you're a pathetic loser", "you are nothing but a parasite", "u r such a clown": a person
    # called one of these nouns or adjectives (not "you're not a loser", "are you a clown fan")
    Pattern(
        "insulting someone",
        categories.HARASSMENT,
        re.compile(
            r"\b(?:you|u)(?:['’]re|re| are| r)\s+(?:(?:such|just|nothing but|nothing more than"
            r"|literally|really|so|a|an|the|one|total|complete|absolute|utter|fucking|pathetic"
            r"|little|fat|ugly|stupid|dumb|sad|worthless|useless|disgusting|brainless|filthy"
            r"|miserable|lazy|dirty|lying|stinking|sorry|bigger|biggest)\s+){0,4}"
            + _INSULTS_EN
            + r"(?:s|es)?\b(?!['’])(?!\s+(?:fan|fans|costume|show|car|factory|from|at|in|of|for|emoji|movie))"
            # vocative at the start of a clause: "you pathetic loser", "shut up, you clown"
            r"|(?:^|[,.!?;:]\s*|\b(?:shut up|stfu|bye|go away|get lost|fuck off)\s+)"
            r"(?:you|u|ya)\s+(?:(?:stupid|dumb|pathetic|fat|ugly|little|absolute|fucking"
            r"|worthless|useless|disgusting|brainless|miserable|sad|filthy|dirty|lazy|bloody"
            r"|complete|total)\s+){0,2}" + _INSULTS_EN + r"s?\b(?=\s*(?:[,.!?;:]|$))"
        ),
        needs=("you", "u "),
    ),
    # 你就是个废物, 你真是个丑八怪, 你这个窝囊废, 楼主简直是人渣: a person called one of these (not
    # 你是个好人, 你这个垃圾桶; a listed term holding the same words says it already)
    Pattern(
        "insulting someone",
        categories.HARASSMENT,
        re.compile(
            r"(?:你|你们|楼主|楼上)(?:全家)?(?:就|真|简直|果然|根本|纯|也|都|本来)?(?:就|真|简直)?"
            r"(?:是|像|算)(?:个|一个|一只|一坨|一条|一群|这种|那种|条|只|坨|群)?"
            r"(?:臭|死|蠢|烂|贱|穷|丑|肥|大|老|小)?" + _INSULTS_ZH + r"(?![桶堆场站箱车袋店分肉])"
            r"|你(?:个|这个|这种|这号|这么个|这|们这些|们这群)(?:臭|死|蠢|烂|贱|穷|丑|肥|老|小)?"
            + _INSULTS_ZH
            + r"(?![桶堆场站箱车袋店分肉的])"
        ),
        needs=("你", "楼主", "楼上"),
    ),
    # 她就是个鸡, 他就是个贱货: a woman or man called a prostitute or a slut
    Pattern(
        "insulting someone",
        categories.HARASSMENT,
        re.compile(
            r"(?:她|他|这女的|那女的|这男的)(?:就|真|简直|本来)?(?:是|像)(?:个|一个|一只|只)"
            r"(?:鸡|野鸡|婊子|贱货|荡妇|破鞋|烂货|骚货)(?![蛋肉汤翅腿块排爪毛米精场窝架])"
        ),
        needs=("是", "像"),
    ),
    # "go back to your own country", "go back where you came from", 滚回你的老家, 滚出这个话题:
    # telling someone they do not belong (not "did you go back to your country for new year")
    Pattern(
        "telling someone to leave",
        categories.HATE,
        re.compile(
            r"(?:^|[,.!?;:]\s*|\b(?:just|and|pls|please|now|so|should|can|could|better)\s+)"
            r"(?:go|get|fuck off|piss off)\s+back\s+(?:to\s+(?:your|ur|yer|their)\s+(?:own\s+)?"
            r"(?:country|countries|homeland|village|jungle|cave|shithole|hut|own kind|planet"
            r"|reservation)|(?:to\s+)?(?:where|wherever)\s+(?:you|u|ya|they|you people)\s+"
            r"(?:came|come|crawled)\s+from)\b"
            # 滚 said to someone, or as a command opening a clause (not 等着看他们滚出大陆)
            r"|(?:(?:你|你们|楼主|楼上)[^,.!?;:]{0,4}?|(?:^|[\s,.!?;:~]))"
            r"滚(?:回|出)(?:你|你们)?(?:的|自己的)?(?:老家|国|祖国|国家"
            r"|这个话题|这个帖子|这里|我们国家|本群|这个群|这个圈子|直播间|评论区|中国|大陆|日本"
            r"|韩国|美国|台湾|非洲|乡下|山沟)"
        ),
        needs=("back", "滚"),
    ),
    # "hope you get hit by a bus", "wish u got run over": wishing a violent death (not "hope you
    # don't get hit", "hope you get hit by inspiration")
    Pattern(
        "wishing death",
        categories.HARASSMENT,
        re.compile(
            r"\b(?:hope|wish|pray)\s+(?:that\s+)?" + _YOU + r"\s+"
            r"(?:(?!not\b|dont\b|never\b|wont\b|didnt\b|don\b|won\b|didn\b)\w+\s+){0,2}?"
            r"(?:get|gets|got|are|is)\s+(?:hit by (?:a|an|the) (?:bus|car|truck|train|lorry"
            r"|van)|run over|ran over|killed|murdered|shot|stabbed|raped|hanged|lynched|crushed"
            r"|mauled|burned alive|burnt alive)\b"
        ),
        needs=(
            "hit by",
            "run over",
            "ran over",
            "kill",
            "murder",
            "shot",
            "stab",
            "rape",
            "hang",
            "lynch",
            "crush",
            "maul",
            "alive",
        ),
    ),
    # "you should just end it", "u need to stop breathing", "go die", "do the world a favour and
    # jump": urging someone to die (not "you should end it with him", "die hard")
    Pattern(
        "urging self-harm",
        categories.HARASSMENT,
        re.compile(
            r"\b(?:you|u|ya)\s+(?:should|need to|ought to|better|gotta|must)\s+"
            r"(?:(?:just|honestly|really|seriously|probably|all|go)\s+)*(?:end it(?: all)?"
            r"|end (?:your|ur) (?:life|miserable life)|stop breathing|cease to exist|unalive"
            r"|off (?:yourself|urself))\b(?!\s+(?:with|between|there|here|now and|early|after"
            r"|before|on|at))"
            r"|(?:^|[,.!?;:]\s*|\b(?:just|pls|please|and|now|so|then|you|u|ya|loser)\s+|[\u4e00-\u9fff]\s*)"
            r"go (?:and |ahead and )?die\b(?!\s+(?:hard|trying|young|laughing))"
            r"|\bdo\s+(?:the world|us all|us|everyone|everybody|humanity|society|the planet"
            r"|mankind)\s+a\s+favou?r\s+(?:and|&|n)\s+(?:just\s+|go\s+)*(?:jump|hang|kys|rope"
            r"|unalive)\b"
        ),
        needs=("end", "breathing", "exist", "unalive", "self", "die", "favo"),
    ),
    # "people like you should be put down like dogs", "immigrants breed like rats": a group
    # called animals or vermin, or its people said to deserve killing
    Pattern(
        "dehumanising a group",
        categories.HATE,
        re.compile(
            r"\b(?:people like (?:you|u|them|that)|you people|your kind|their kind"
            r"|(?:all\s+|these\s+|those\s+)?(?:immigrants|migrants|refugees|muslims|jews|blacks"
            r"|gays|women|chinese|asians|mexicans|foreigners|arabs|indians|africans"
            r"|trans people|gay people|black people|poor people))\s+(?:should|need to|ought to"
            r"|deserve to|must|oughta)\s+(?:all\s+)?(?:be\s+)?(?:put down|exterminated"
            r"|gassed|wiped out|eradicated|culled|lynched|sterili[sz]ed|shot on sight"
            r"|be put down|die out)\b"
            r"|\b(?:you people|these people|those people|immigrants|migrants|refugees"
            r"|muslims|jews|blacks|mexicans|foreigners|arabs|indians|africans|asians|chinese"
            r"|gays)\s+(?:\w+\s+)?(?:breed|multiply|reproduce|spread)\s+like\s+(?:rats|cockroaches"
            r"|roaches|vermin|rabbits|animals|insects|flies|lice|parasites|a disease|a virus)\b"
        ),
        needs=(
            "put down",
            "extermin",
            "gassed",
            "wiped",
            "eradicat",
            "cull",
            "lynch",
            "steril",
            "sight",
            "die out",
            " like ",
        ),
    ),
    # "women belong in the kitchen", "girls should stay in the kitchen": sexism by the stock line
    Pattern(
        "demeaning women",
        categories.HATE,
        re.compile(
            r"\b(?:women|woman|girls|females|wives|a woman's place)\s+(?:\w+\s+)?(?:belong|belongs"
            r"|should stay|should be|need to stay|needs to stay|go back to|is)\s+(?:back\s+)?"
            r"(?:in\s+)?(?:the\s+)?(?:kitchen|sandwich|making sandwiches)\b"
        ),
        needs=("kitchen", "sandwich"),
    ),
    # 腿给你打断, 打断你的狗腿: a threat to break a limb
    Pattern(
        "threat of violence",
        categories.HARASSMENT,
        re.compile(
            r"(?:腿|手|牙|狗腿|脑袋|头|腿脚|手脚|狗头|门牙)给你(?:打|敲|砍|剁|掰|撅|拧|卸)"
            r"(?:断|掉|烂|碎|下来)"
            r"|(?:打|敲|砍|剁|掰|撅)(?:断|烂|碎)你(?:的)?(?:狗)?(?:腿|手|牙|头|脑袋|手脚)"
        ),
        needs=("给你", "你"),
    ),
    # 劝你早点投胎, 你下辈子别做人了, 你怎么还不去鼠, 你全家都该s: urging death, the word spelled
    # by a sound-alike, a digit or a letter (not 你都该死心了, 你得4个)
    Pattern(
        "urging self-harm",
        categories.HARASSMENT,
        re.compile(
            r"(?:劝|建议|希望|祝|让)(?:你|你们|楼主|楼上)(?:全家)?(?:早点|赶紧|快点|早日|尽快|还是)?去?"
            r"(?:重新)?投胎"
            r"|(?:你|你们)[^，。！？,.!?]{0,6}下辈子(?:别|不要|莫)(?:再)?(?:做|当)人"
            r"|(?:你|你们|楼主)(?:(?:怎么|咋|为什么|为啥|干嘛|怎)还?不|还不)(?:赶紧|快点?|早点)?去"
            r"(?:4|s|si|鼠|似|屎|世)(?![a-z0-9店s])"
            r"|(?:你|你们|你妈|你全家|你爸|你家人)(?:全家)?(?:都|早)?(?:该|得|赶紧)"
            r"(?:死|s|4|鼠)(?![a-z0-9店心磕活个次遍分号人点天年位只条岁路])"
        ),
        needs=("投胎", "做人", "当人", "去", "该", "得", "赶紧"),
    ),
    # 全网开盒你, 把你开盒, 人肉你, 等着全网社死吧: a threat to expose someone (not 盲盒开盒视频)
    Pattern(
        "threat to expose",
        categories.HARASSMENT,
        re.compile(
            r"开盒(?:你|你们|你全家)|(?:把|给)你(?:全家)?(?:开盒|人肉)|人肉(?:你|你们)(?![的])"
            r"|等着(?:被)?(?:全网)?(?:社死|开盒|人肉)"
        ),
        needs=("开盒", "人肉", "社死"),
    ),
    # 你妈死了, 楼主你妈今天死了吗, 你全家早就🪦了吧: a taunt that someone's family is dead
    Pattern(
        "wishing death",
        categories.HARASSMENT,
        re.compile(
            r"(?:你妈|你爸|你爹|你娘|你全家|你家人|你祖宗|你一家)"
            r"(?:今天|昨天|早就|早|都|全都|是不是|怕不是|已经|终于)?(?:死|4)(?:了|光了|绝了|光|绝)"
        ),
        needs=("死", "4"),
    ),
)
# Texts without any of these cannot match a pattern: most posts are skipped by one scan.
_PREFILTER = re.compile(
    r"\b(?:you|u|ya|yall|y'all|yourself|urself|yourselves|your|jump|leap|favou?r|back|die|like"
    r"|kitchen|sandwich)\b|你|楼主|楼上|她|他|这女的|那女的|这男的|滚|开盒|人肉|社死"
)


@dataclass(frozen=True)
class PatternHit:
    pattern: Pattern
    start: int  # in the ORIGINAL text
    end: int


def find(text: str, normalised: Normalised | None = None) -> list[PatternHit]:
    """Every pattern's matches in `text`, as ranges of the original text."""
    folded = normalised if normalised is not None else normalise(text)
    if not _PREFILTER.search(folded.text):
        return []
    hits = _find_in(folded.text, folded, None)
    if _SPACED_HAN.search(folded.text):
        # 楼 主 你 妈 今 天 死 了 吗: Chinese written a character at a time reads as one run
        joined, positions = _join_spaced_han(folded.text)
        seen = {(hit.pattern, hit.start, hit.end) for hit in hits}
        for hit in _find_in(joined, folded, positions):
            if (hit.pattern, hit.start, hit.end) not in seen:
                hits.append(hit)
    return hits


# Three or more Chinese characters each followed by a space.
_SPACED_HAN = re.compile(r"(?:[\u4e00-\u9fff][ \t\u3000]+){3,}[\u4e00-\u9fff]")


def _join_spaced_han(text: str) -> tuple[str, list[int]]:
    """`text` without the spaces between two Chinese characters, and each kept character's
    position in `text`."""
    chars: list[str] = []
    positions: list[int] = []
    for i, char in enumerate(text):
        if (
            char in " \t\u3000"
            and chars
            and "\u4e00" <= chars[-1] <= "\u9fff"
            and "\u4e00" <= text[i + 1 : i + 2] <= "\u9fff"
        ):
            continue
        chars.append(char)
        positions.append(i)
    return "".join(chars), positions


def _find_in(text: str, folded: Normalised, positions: list[int] | None) -> list[PatternHit]:
    """Every pattern's matches in `text` (the folded text, or a view of it whose characters
    sit at `positions` of it), as ranges of the original text."""
    hits = []
    for pattern in PATTERNS:
        if not any(needed in text for needed in pattern.needs):
            continue
        for match in pattern.regex.finditer(text):
            if match.end() > match.start():
                start, end = match.span()
                if positions is not None:
                    start, end = positions[start], positions[end - 1] + 1
                hits.append(PatternHit(pattern, *folded.original_span(start, end)))
    return hits
