"""Which sense an ambiguous word is read in: cue words by sense, never by sentence.

Words such as "bitch", "cock", "hoe", "dyke", "butt", 垃圾 or 白痴 have innocent readings
(a female dog, a rooster, a garden tool, a sea wall, a cut of pork, rubbish, a novel's title).
A word list or an n-gram model sees the same letters either way. This module reads the context
around such a word and says when it is used in an innocent sense:

- a cue of one of the word's innocent senses in the same sentence ("puppies", "litter" for a
  dog; "soil", "weeds" for a hoe; "sea", "flood" for a dyke; 垃圾 followed by 桶, 分类, 车);
- a name: the word capitalised inside a sentence of ordinary English ("Dick Francis");
- a mention, not a use: the word in quotes, or with "the word", "what does X mean", "how do you
  say", X的英文, X是什么意思, "X"这个词, or inside a title 《…》;
- self-reference: a mild insult about oneself, in a sentence that addresses nobody ("I'm such an
  idiot", 我真是个笨蛋);
- praise: a slang adjective ("sick", "wicked", "filthy") said of a thing, with no person as the
  sentence's subject ("your new sneakers are sick");
- a report: words naming abuse ("raping", "slurs", 辱骂, 霸凌) in a sentence that tells news
  ("police", "court", 警方, 法院) and addresses nobody.

The term layer drops a hit read in an innocent sense, and the lexical layers (the n-gram
classifier and alt-profanity-check) read the text with those words blanked (`blank`), so a
look-alike is no evidence for any of them. A sentence that addresses someone ("you", 你, 楼主)
never has a mild insult read as self-reference, praise or report: "you are sick" stays as it is.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from crossnote.moderation.detectors.normalize import Normalised, normalise

# --- innocent senses and their cue words (folded: lower case, simplified Chinese) -------------

SENSE_CUES: dict[str, tuple[str, ...]] = {
    "dog": (
        "dog", "dogs", "puppy", "puppies", "pup", "pups", "litter", "litters", "whelp", "whelped",
        "whelping", "breed", "breeds", "breeder", "breeders", "breeding", "bred", "kennel", "vet",
        "sire", "spayed", "spay", "in heat", "fox", "vixen", "wolf", "female dog",
        "greyhound", "terrier", "labrador", "retriever", "spaniel", "collie", "shepherd", "pedigree",
        "狗", "犬", "幼崽", "下崽", "产仔", "小狗", "狗狗", "配种", "兽医",
    ),
    "bird": (
        "bird", "birds", "hen", "hens", "rooster", "roosters", "chicken", "chickens", "crow",
        "crowed", "crows", "crowing", "farm", "barn", "coop", "feeder", "nest", "nests", "nesting",
        "egg", "eggs", "feather", "feathers", "flock", "seabird", "seabirds", "cormorant",
        "cormorants", "gull", "gulls", "island", "islands", "species",
        "鸟", "母鸡", "公鸡", "打鸣", "鸡蛋", "养鸡", "鸡舍", "下蛋",
    ),
    "donkey": (
        "donkey", "donkeys", "mule", "mules", "horse", "horses", "foal", "jawbone", "saddle",
        "kiang", "farm", "stable", "bray", "brayed", "驴", "马",
    ),
    "cat": ("cat", "cats", "kitten", "kittens", "kitty", "meow", "purr", "purred", "猫"),
    "plant": (
        "willow", "willows", "flower", "flowers", "bloom", "blooms", "shrub", "bush", "tree",
        "catkin", "catkins", "garden", "草", "花", "植物",
    ),
    "garden": (
        "soil", "weed", "weeds", "weeding", "rows", "row", "garden", "gardening", "vegetable",
        "vegetables", "patch", "plot", "allotment", "rake", "spade", "shovel", "dutch", "draw",
        "blade", "handle", "till", "tilling", "plant", "plants", "seedlings",
    ),
    "plumbing": (
        "valve", "tap", "taps", "sink", "pipe", "pipes", "plumbing", "plumber", "cistern", "tank",
        "toilet", "float", "faucet", "stopcock", "ball", "water", "washer", "boiler", "spire",
        "church", "roof", "wind", "weather",
    ),
    "hardware": (
        "bolt", "bolts", "washer", "wrench", "spanner", "thread", "threads", "tighten", "loosen",
        "screwdriver", "drill", "lid", "hinge", "hinges", "brass", "door", "doors", "hammer",
    ),
    "food": (
        "pudding", "custard", "recipe", "recipes", "soup", "stock", "dish", "dishes", "gravy",
        "pork", "ham", "roast", "roasted", "butcher", "butchers", "meat", "cut", "cuts", "cook",
        "cooked", "cooking", "bake", "baked", "oven", "menu", "peas", "eat", "ate", "dinner",
        "lunch", "sauce", "smoked", "slow cooker", "bbq", "barbecue", "pulled", "suet", "leeks",
        "chicken", "toppings", "sundae", "salad", "butter",
        "吃", "好吃", "汤", "炖", "炒", "煮", "小吃", "名吃", "火锅", "美食", "餐", "菜", "包子",
    ),
    "bundle": (
        "sticks", "stick", "twine", "kindling", "firewood", "wood", "bundle", "bundles", "fire",
        "fuel", "brushwood",
    ),
    "water": (
        "sea", "seas", "flood", "floods", "flooding", "polder", "polders", "water", "river",
        "rivers", "levee", "levees", "canal", "canals", "dutch", "netherlands", "holland", "tide",
        "tides", "dry", "embankment", "mississippi", "dam", "storm", "surge", "built", "raised",
    ),
    "tobacco": ("cigarette", "cigarettes", "cigar", "ashtray", "smoked", "smoking", "stubbed"),
    "rifle": ("rifle", "rifles", "gun", "stock", "shoulder", "recoil"),
    "growth": (
        "growth", "grow", "growing", "plant", "plants", "fire", "flame", "flames", "corrosion",
        "rust", "chemical", "chemicals", "coating", "spread", "ripening", "decay", "germination",
        "development", "progress", "evaporation", "aging", "ageing", "spoilage",
    ),
    "rubbish": (
        "垃圾桶", "垃圾车", "垃圾分类", "垃圾袋", "垃圾箱", "垃圾站", "垃圾场", "垃圾回收",
        "垃圾处理", "垃圾清运", "垃圾焚烧", "倒垃圾", "扔垃圾", "捡垃圾", "收垃圾", "垃圾堆",
        "垃圾食品", "垃圾邮件", "垃圾短信", "垃圾费", "厨余", "可回收", "小区", "环卫",
    ),
    "medicine": (
        "doctor", "doctors", "patient", "patients", "hospital", "clinic", "medical", "symptom",
        "symptoms", "infection", "treatment", "treated", "diagnosis", "diagnosed", "exam", "exams",
        "cancer", "screening", "gynaecologist", "gynecologist", "urologist", "menopause", "therapy",
        "医生", "医院", "患者", "确诊", "治疗", "康复", "检查", "检测", "药", "病", "儿童", "妇科",
        "护士", "症", "训练",
    ),
}  # fmt: skip

# Each word with innocent readings and the senses in which it is innocent. The word is matched
# whole in Latin text (its folded form, so "b1tch" too); Chinese words as substrings.
WORD_SENSES: dict[str, tuple[str, ...]] = {
    "bitch": ("dog",), "bitches": ("dog",),
    "cock": ("bird", "plumbing", "food"), "cocks": ("bird",), "cockerel": ("bird",),
    "hoe": ("garden",), "hoes": ("garden",), "hoeing": ("garden",), "hoed": ("garden",),
    "dick": ("food",), "dyke": ("water",), "dykes": ("water",), "dike": ("water",),
    "dikes": ("water",),
    "butt": ("food", "tobacco", "rifle"), "butts": ("food", "tobacco"),
    "pussy": ("cat", "plant"), "puss": ("cat",),
    "ass": ("donkey",), "asses": ("donkey",), "jackass": ("donkey",), "jackasses": ("donkey",),
    "tit": ("bird",), "tits": ("bird",), "titmouse": ("bird",), "booby": ("bird",),
    "boobies": ("bird",), "shag": ("bird",), "shags": ("bird",), "woodcock": ("bird",),
    "faggot": ("food", "bundle"), "faggots": ("food", "bundle"),
    "nut": ("hardware", "food"), "nuts": ("hardware", "food"), "screw": ("hardware",),
    "knockers": ("hardware",), "bastard": ("hardware",),
    "retard": ("growth",), "retards": ("growth",), "retarded": ("growth",),
    "beaver": ("water",), "cum": (),
    "垃圾": ("rubbish",), "鸡": ("bird", "food"), "鸭": ("bird", "food"), "母狗": ("dog",),
    "母猪": ("food",), "老母猪": ("food",), "驴": ("donkey", "food"), "狗": ("dog", "food"),
    "智障": ("medicine",), "脑瘫": ("medicine",), "脑残": ("medicine",), "精神病": ("medicine",),
    "傻子": ("medicine",),
}  # fmt: skip

# Mild insults that a sentence about oneself uses of oneself; never slurs.
MILD_INSULTS = frozenset(
    {
        "idiot", "idiots", "stupid", "dumb", "moron", "moronic", "dork", "dummy", "fool", "foolish",
        "loser", "dumbass", "clown", "silly", "pathetic", "useless", "retarded",
        "笨蛋", "傻子", "傻瓜", "白痴", "蠢", "菜", "废物", "路痴", "智障",
    }
)  # fmt: skip
# Slang praise: words that say "very good" of a thing.
PRAISE = frozenset(
    {
        "sick", "wicked", "filthy", "insane", "nasty", "killer", "dope", "lit", "bad", "badass",
        "stupid", "crazy", "mad", "killed", "killing", "kills", "slaps", "slay", "slayed",
        "slaying", "fire", "savage", "beast", "pain", "damn", "bloody",
        "绝了", "死", "要命",
    }
)  # fmt: skip
# Mild words that are not about a person unless someone is addressed ("such a pain").
MILD_NOUNS = frozenset({"pain", "nightmare"})
# Things a mild insult is said of ("a stupid question"): then it is about no one.
THINGS = frozenset(
    {
        "question", "questions", "mistake", "mistakes", "idea", "ideas", "thing", "things", "rule",
        "rules", "joke", "jokes", "song", "movie", "film", "game", "games", "phone", "app", "bug",
        "error", "traffic", "weather", "printer", "computer", "car", "hat", "name", "title",
    }
)  # fmt: skip
# Words that name abuse when news reports it.
REPORTED = frozenset(
    {
        "rape", "raped", "raping", "rapist", "rapists", "abuse", "abused", "abusing", "abuser",
        "sexual", "slur", "slurs", "harassment", "harassed", "assault", "assaulted",
        "molested", "molesting", "paedophile", "pedophile",
        "辱骂", "霸凌", "暴力", "家暴", "骚扰", "性侵", "强奸", "猥亵",
    }
)  # fmt: skip
REPORT_CUES = (
    "police", "court", "courts", "jailed", "arrested", "charged", "convicted", "sentenced",
    "report", "reported", "reports", "charity", "charities", "survey", "study", "studies",
    "according to", "law", "judge", "trial", "victims", "victim", "news", "warn", "warned",
    "found that", "statistics", "percent", "%", "one in",
    "警方", "通报", "法院", "判决", "新闻", "报道", "法律", "法案", "立法", "条例", "受害者", "调查",
    "数据", "拘留", "起诉",
)  # fmt: skip
# Someone addressed: the sentence is about its reader, so no innocent reading of an insult.
ADDRESS_EN = frozenset(
    {"you", "u", "ya", "ye", "youre", "you're", "ur", "yourself", "thou", "yall", "y'all"}
)
ADDRESS_ZH = ("你", "您", "楼主", "楼上", "lz")
# A person as the subject of praise words makes them insults again ("he is sick").
PERSON_SUBJECTS = frozenset({"he", "she", "they", "he's", "she's", "they're", "hes", "shes"})
FIRST_PERSON = frozenset({"i", "i'm", "im", "me", "myself", "i've", "i'd", "i'll", "i was"})
# Whoever is spoken of: the nearest of these before an insult says whom it is about.
OTHER_PEOPLE = frozenset(
    {"he", "she", "they", "him", "her", "them", "his", "their", "he's", "she's", "they're", "it"}
)
# Words that can be someone's name ("Dick Francis", "Randy", "Mr Butt"): only these are read
# as names when capitalised; "Bitches" at the start of a tweet is no name.
NAME_WORDS = frozenset({"dick", "cock", "butt", "willy", "fanny", "randy", "dyke", "hoe"})
FIRST_PERSON_ZH = ("我",)
# Cues of a mention in English: before the word, and after it (in the same clause).
MENTION_BEFORE = (
    "the word", "the term", "what does", "how do you say", "how to say", "say",
    "called", "pronounce", "spell", "translate", "meaning of", "definition of",
)  # fmt: skip
MENTION_AFTER = (
    "mean", "means", "meaning", "is a swear", "swear word", "curse word", "in english",
    "in chinese", "in japanese", "is considered", "is offensive", "is a slur", "politely",
)  # fmt: skip
# Common verbs among the cues: alone they make a mention only in a sentence with quotes.
WEAK_MENTION = frozenset({"mean", "means", "say", "called"})
# Quotes make a mention only in a sentence that talks about words: otherwise they are emphasis,
# scare quotes or reported speech, which may carry abuse of its own.
MENTION_CONTEXT = (
    "word", "words", "term", "mean", "means", "meaning", "say", "said", "called", "call",
    "swear", "slur", "spell", "pronounce", "translate", "english", "chinese", "japanese",
    "英文", "英语", "中文", "日语", "怎么说", "意思", "这个词", "这个字", "词", "脏话", "翻译", "叫",
)  # fmt: skip
# In a sentence that addresses someone, an innocent sense needs the word to be one of these'
# things: "have you seen our bitch's puppies" (not "you bitch, walk your dog").
DETERMINERS = frozenset({"the", "our", "my", "his", "her", "their", "this", "that", "a", "an"})
# 死 as "very" after these (累死了, 笑死我了, 辣死人).
INTENSIFIED = frozenset("累笑饿急气热冷困忙烦吓美帅辣疼痛渴撑乐馋想爱吵挤晒冻闷")

# A word in quotes or a title is talked about, not said: "'twat'", “垃圾”, 《白痴》. Only a short
# stretch (MENTION_WORDS words, MENTION_HAN characters): a quoted sentence is reported speech,
# which may carry abuse of its own.
_QUOTED = re.compile(
    r"(?<![a-z0-9])'(.{1,30}?)'(?![a-z0-9])|\"([^\"]{1,30})\"|“([^”]{1,30})”|‘([^’]{1,30})’"
    r"|「([^」]{1,30})」|『([^』]{1,30})』|《([^》]{1,30})》"
)
# A Chinese word asked about: 白痴的英文怎么说, 垃圾是什么意思, 滚这个字.
_ASKED_ZH = re.compile(
    r"(?:(?!的)[\u3400-\u9fff]){1,4}(?=(?:的|用|在)?(?:英文|英语|中文|日语|韩语)?(?:里|中)?"
    r"(?:怎么说|怎么讲|怎么翻译|是什么意思|什么意思|这个词|这个字|的意思|是脏话))"
)
_SENTENCE_START = '.!?:;"“(\n'
_POLITE = re.compile(r"\b(?:thank|thanks|see|miss|love|bless)\s+you\b")
_LANGUAGE_NAME = re.compile(r"(?:用|在)?(?:英|中|日|韩)?(?:文|语)$|^用")
MENTION_WORDS = 2
MENTION_HAN = 6
_SENTENCES = re.compile(r"[^.!?。！？\n;；]+[.!?。！？\n;；]*")
_LATIN_WORD = re.compile(r"[a-z0-9']+")
_HAN = re.compile(r"[\u3400-\u9fff]")
SELF_WINDOW = 6  # words between "I" and the insult ("I'm such an idiot", "call me a moron")


@dataclass(frozen=True)
class Innocent:
    """A word read in an innocent sense, at text[start:end] of the folded text."""

    start: int
    end: int
    word: str
    sense: str


def read(text: str, normalised: Normalised | None = None) -> list[Innocent]:
    """Every word of `text` read in an innocent sense (folded-text positions, sentence order)."""
    folded = normalised if normalised is not None else normalise(text)
    if not _triggers().search(folded.text):
        return []  # most posts: no word with an innocent reading, nothing quoted or asked
    found: list[Innocent] = []
    for sentence in _SENTENCES.finditer(folded.text):
        found.extend(_sentence(folded, sentence.start(), sentence.group()))
    return found


def innocent_original_spans(text: str) -> list[tuple[int, int, str]]:
    """`read`'s findings as ranges of the ORIGINAL text, with their sense."""
    folded = normalise(text)
    return [(*folded.original_span(i.start, i.end), i.sense) for i in read(text, folded)]


def blank(text: str) -> str:
    """`text` for a lexical layer: folded, with words read in an innocent sense blanked; `text`
    as it is when there are none (a layer then folds it as it always does)."""
    folded = normalise(text)
    found = read(text, folded)
    if not found:
        return text
    out, last = [], 0
    for item in sorted(found, key=lambda i: i.start):
        if item.start < last:
            continue
        out += [folded.text[last : item.start], " "]
        last = item.end
    return "".join([*out, folded.text[last:]])


def has_innocent_reading(word: str) -> bool:
    """A word (folded) with innocent senses, or a mild insult one may say of oneself."""
    return word in WORD_SENSES or word in MILD_INSULTS


def covered(spans: Iterable[tuple[int, int, str]], start: int, end: int) -> str:
    """The sense of an innocent span that covers text[start:end] (original positions), or ""."""
    for first, last, sense in spans:
        if first <= start and end <= last:
            return sense
    return ""


# --- one sentence ----------------------------------------------------------------------------


def _sentence(folded: Normalised, offset: int, sentence: str) -> list[Innocent]:
    words = [_word(m) for m in _LATIN_WORD.finditer(sentence)]
    latin_set = {w for _, _, w in words}
    # "thank you", "see you" address a reader kindly; they make no insult personal.
    polite = len(_POLITE.findall(sentence))
    addressed = sum(w in ADDRESS_EN for _, _, w in words) > polite or any(
        a in sentence for a in ADDRESS_ZH
    )
    found: list[Innocent] = []

    def add(start: int, end: int, word: str, sense: str) -> None:
        found.append(Innocent(offset + start, offset + end, word, sense))

    about_words = any(_has_cue(c, latin_set, sentence) for c in MENTION_CONTEXT)
    quoted = [
        m.span(m.lastindex or 0)
        for m in _QUOTED.finditer(sentence)
        if about_words and _short(m.group(m.lastindex or 0))
    ]
    asked = [m.span() for m in _ASKED_ZH.finditer(sentence) if not _LANGUAGE_NAME.search(m.group())]
    for start, end in quoted + asked:
        add(start, end, sentence[start:end], "mention")
    mentioned = quoted + asked

    def inside(start: int, end: int) -> bool:
        return any(first <= start and end <= last for first, last in mentioned)

    # Latin words
    for i, (start, end, word) in enumerate(words):
        if inside(start, end):
            continue
        sense = _latin_sense(folded, offset, sentence, words, i, latin_set, addressed)
        if sense:
            add(start, end, word, sense)
    # Chinese words
    for word, senses in _han_words():
        for match in re.finditer(re.escape(word), sentence):
            if inside(*match.span()):
                continue
            sense = _han_sense(sentence, match.start(), match.end(), word, senses, addressed)
            if sense:
                add(match.start(), match.end(), word, sense)
    if not addressed:
        found.extend(_han_mild(sentence, offset))
    return found


def _word(match: re.Match) -> tuple[int, int, str]:
    """A Latin word of a sentence: (start, end, word), quotes stripped, and a possessive 's
    taken off a word with senses ("the ass's jawbone" is about the ass, "our bitch's puppies"
    about the bitch), its span ending where the word does."""
    start, end = match.span()
    word = match.group().strip("'")
    if word.endswith("'s") and word[:-2] in _loaded_words():
        word = word[:-2]
        end = match.start() + match.group().index(word) + len(word)
    return start, end, word


@lru_cache(maxsize=1)
def _loaded_words() -> frozenset[str]:
    return frozenset(WORD_SENSES) | MILD_INSULTS | PRAISE | REPORTED | MILD_NOUNS


def _latin_sense(folded, offset, sentence, words, i, latin_set, addressed) -> str:
    start, end, word = words[i]
    senses = WORD_SENSES.get(word, ())
    loaded = word in WORD_SENSES or word in MILD_INSULTS or word in REPORTED
    if loaded and _mentioned(sentence, start, end):
        return "mention"
    if word in NAME_WORDS and _named(folded, offset + start, offset, sentence):
        return "name"
    if addressed and not (i and words[i - 1][2] in DETERMINERS - {"a", "an"}):
        return ""
    for sense in senses:
        if _cued(sense, latin_set, sentence, exclude=word):
            return sense
    if addressed:
        return ""
    if word in MILD_INSULTS and _about_self(words, i):
        return "self"
    if latin_set & PERSON_SUBJECTS:
        return ""
    if word in MILD_INSULTS and i + 1 < len(words) and words[i + 1][2] in THINGS:
        return "thing"  # "a stupid question", "this dumb rule": said of a thing, not a person
    if word in MILD_NOUNS or (word in PRAISE and _praising(sentence, words, i)):
        return "praise"
    if word in REPORTED and any(_has_cue(c, latin_set, sentence) for c in REPORT_CUES):
        return "report"
    return ""


def _han_sense(sentence, start, end, word, senses, addressed) -> str:
    latin_set = set(_LATIN_WORD.findall(sentence))
    rest = sentence[:start] + " " + sentence[end:]
    for sense in senses:
        for cue in SENSE_CUES.get(sense, ()):
            if word in cue and cue != word:
                # A compound with the word in it (垃圾桶): this occurrence must be inside it.
                at = cue.index(word)
                if sentence[start - at : start - at + len(cue)] == cue:
                    return sense
            elif not addressed and cue != word and _has_cue(cue, latin_set, rest):
                return sense
    return ""


def _han_mild(sentence: str, offset: int) -> list[Innocent]:
    """Chinese mild words in a sentence that addresses nobody: self-reference (我…笨蛋),
    X死了 / 死我了 as "very" (累死了, 笑死我了), and reported abuse (警方…辱骂)."""
    found = []
    self_ref = any(p in sentence for p in FIRST_PERSON_ZH)
    report = any(c in sentence for c in REPORT_CUES if _HAN.search(c))
    for word in sorted(MILD_INSULTS | PRAISE | REPORTED, key=len, reverse=True):
        if not _HAN.search(word):
            continue
        for m in re.finditer(re.escape(word), sentence):
            if word in REPORTED and report:
                sense = "report"
            elif word == "死" and _intensifier(sentence, m.start()):
                sense = "praise"
            elif word in MILD_INSULTS and self_ref:
                sense = "self"
            elif word in PRAISE and word != "死":
                sense = "praise"
            else:
                continue
            found.append(Innocent(offset + m.start(), offset + m.end(), word, sense))
    return found


def _short(stretch: str) -> bool:
    return (
        len(_LATIN_WORD.findall(stretch)) <= MENTION_WORDS
        and len(_HAN.findall(stretch)) <= MENTION_HAN
    )


def _intensifier(sentence: str, at: int) -> bool:
    """死 as "very": after a verb or adjective (累死, 笑死, 急死, 辣死人) and before 了/我/人."""
    before, after = sentence[at - 1 : at], sentence[at + 1 : at + 2]
    return before in INTENSIFIED and after in ("了", "我", "人", "啦", "")


def _mentioned(sentence: str, start: int, end: int) -> bool:
    """The word is talked about, not used: a mention cue nearby ("the word", "what does … mean",
    怎么说), a common verb among them ("say", "mean") only in a sentence with quotes."""
    clause_start = max(sentence.rfind(",", 0, start), sentence.rfind("，", 0, start)) + 1
    ends = [i for i in (sentence.find(",", end), sentence.find("，", end)) if i >= 0]
    before = sentence[max(clause_start, start - 25) : start]
    after = sentence[end : min([*ends, end + 25])]
    quoted = _QUOTED.search(sentence) is not None
    hits = [c for c in MENTION_BEFORE if _ends_with_cue(before, c)]
    hits += [c for c in MENTION_AFTER if _has_cue(c, set(_LATIN_WORD.findall(after)), after)]
    strong = [c for c in hits if c not in WEAK_MENTION]
    return bool(strong) or (bool(hits) and quoted)


def _ends_with_cue(before: str, cue: str) -> bool:
    """The cue is among the last words before the word ("what does twat mean", "the word X")."""
    return re.search(rf"\b{re.escape(cue)}\b(?:\W+\w+){{0,2}}\W*$", before) is not None


def _named(folded: Normalised, start: int, offset: int, sentence: str) -> bool:
    """Capitalised inside a sentence in the original (not the sentence's first word)."""
    original = folded.original
    first = folded.index[start]
    written = original[first : folded.index[start] + len(sentence[start - offset :].split()[0])]
    if not written[:1].isupper() or written[1:].isupper():
        return False  # a name is written Title-case, not "BITCH"
    before = original[:first].rstrip()
    if not before or before[-1] in _SENTENCE_START:
        sentence_start = first  # the first word of a sentence, a quote or a "RT @x:" line
    else:
        sentence_start = folded.index[offset + (len(sentence) - len(sentence.lstrip()))]
    letters = [c for c in original if c.isalpha()]
    # In text written in capitals or title case, a capital letter says nothing.
    if sum(c.islower() for c in letters) < 0.7 * len(letters):
        return False
    if first == sentence_start:
        # The sentence's first word: a name only if the next word is capitalised too.
        rest = original[first:].split(maxsplit=2)
        return len(rest) > 1 and rest[1][:1].isupper() and not rest[1][1:].isupper()
    return True


def _cued(sense: str, latin_set: set[str], sentence: str, *, exclude: str) -> bool:
    return any(
        cue != exclude and _has_cue(cue, latin_set, sentence) for cue in SENSE_CUES.get(sense, ())
    )


def _has_cue(cue: str, latin_set: set[str], sentence: str) -> bool:
    if _HAN.search(cue) or not cue.isalpha():
        return cue in sentence
    if " " in cue:
        return re.search(rf"\b{re.escape(cue)}\b", sentence) is not None
    return cue in latin_set


def _about_self(words, i: int) -> bool:
    """A first-person word shortly before the insult ("I'm such an idiot", "call me a moron",
    "I feel so stupid")."""
    for _, _, w in reversed(words[max(0, i - SELF_WINDOW) : i]):
        if w in FIRST_PERSON:
            return True
        if w in OTHER_PEOPLE or w in ADDRESS_EN:
            return False  # "I think she is an idiot": about her
    return False


def _praising(sentence: str, words, i: int) -> bool:
    """Said of a thing as "very good": after a copula or intensifier ("this song is sick",
    "so wicked", "stupid good"), "killed it", or first in a short exclamation ("Damn, …")."""
    word = words[i][2]
    before = [w for _, _, w in words[max(0, i - 2) : i]]
    after = words[i + 1][2] if i + 1 < len(words) else ""
    if sentence[words[i][1] :].lstrip()[:1] in ("", ",", ".", "!", "?", ";", ":", "-", "—"):
        after = ""
    if word in ("killed", "killing", "kills", "kill"):
        return after == "it"
    if after in ("good", "great", "fun", "delicious", "tasty", "beautiful", "cool"):
        return True
    if i == 0 and word in ("damn", "bloody"):
        return True
    return bool(set(before) & _PRAISE_BEFORE) and after in ("", "and", "but", "too", "where")


_PRAISE_BEFORE = frozenset(
    {
        "is", "was", "are", "were", "so", "too", "looks", "looked", "sounds", "sounded", "that's",
        "thats", "it's", "its", "absolutely", "totally", "pretty", "really", "straight", "lowkey",
        "such", "a", "such a", "beat",
    }
)  # fmt: skip


@lru_cache(maxsize=1)
def _triggers() -> re.Pattern:
    """Anything `read` could find something in: a listed word, a quote or a title mark, or a
    Chinese question about a word. One regular expression, so most posts cost one scan."""
    words = set(WORD_SENSES) | MILD_INSULTS | PRAISE | REPORTED | MILD_NOUNS
    latin = sorted((w for w in words if not _HAN.search(w)), key=len, reverse=True)
    han = sorted((w for w in words if _HAN.search(w)), key=len, reverse=True)
    return re.compile(
        r"\b(?:"
        + "|".join(map(re.escape, latin))
        + r")\b|"
        + "|".join(map(re.escape, han))
        + r"|['\"“”‘’「」『』《》]|怎么说|怎么讲|怎么翻译|什么意思|这个词|这个字|的意思|是脏话"
    )


@lru_cache(maxsize=1)
def _han_words() -> tuple[tuple[str, tuple[str, ...]], ...]:
    return tuple(
        (word, senses)
        for word, senses in sorted(WORD_SENSES.items(), key=lambda item: -len(item[0]))
        if _HAN.search(word)
    )
