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
)
# Texts without any of these cannot match a pattern: most posts are skipped by one scan.
_PREFILTER = re.compile(
    r"\b(?:you|u|ya|yall|y'all|yourself|urself|yourselves|your|jump|leap|favou?r)\b|你|楼主|楼上"
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
    hits = []
    text = folded.text
    for pattern in PATTERNS:
        if not any(needed in text for needed in pattern.needs):
            continue
        for match in pattern.regex.finditer(text):
            if match.end() > match.start():
                hits.append(PatternHit(pattern, *folded.original_span(*match.span())))
    return hits
