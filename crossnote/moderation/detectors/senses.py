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

from crossnote.moderation.detectors.normalize import Normalised, normalise, profane_word

# --- innocent senses and their cue words (folded: lower case, simplified Chinese) -------------

SENSE_CUES: dict[str, tuple[str, ...]] = {
    "dog": (
        "dog", "dogs", "puppy", "puppies", "pup", "pups", "litter", "litters", "whelp", "whelped",
        "whelping", "breed", "breeds", "breeder", "breeders", "breeding", "bred", "kennel", "vet",
        "sire", "spayed", "spay", "in heat", "fox", "vixen", "wolf", "female dog",
        "greyhound", "terrier", "labrador", "retriever", "spaniel", "collie", "shepherd", "pedigree",
        "狗", "犬", "幼崽", "下崽", "产仔", "小狗", "狗狗", "配种", "兽医",
        # modtune10: a bitch in season, of champion lines; breeds named in Chinese
        "in season", "first heat", "champion lines", "bloodline", "bloodlines", "stud", "金毛",
        "拉布拉多", "柯基", "泰迪", "哈士奇", "边牧", "比熊", "萨摩耶",
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
        "paddock", "pasture", "hay", "barn", "graze", "grazing", "grazed", "hooves", "jenny",
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
    # modtune8: a bastard sword (a hand-and-a-half sword) and a bastard file (a medium cut)
    # (the compounds themselves as cues: "that bastard stole my files" is no tool)
    "blade": (
        "bastard sword", "bastard swords", "bastard file", "bastard files", "bastard-cut",
        "longsword", "longswords", "broadsword", "hema", "hilt", "rasp",
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
        # modtune11: a sea wall walked along in the Low Countries
        "zeeland", "windmill", "windmills", "coast", "coastal", "dunes", "sheep",
    ),
    "tobacco": ("cigarette", "cigarettes", "cigar", "ashtray", "smoked", "smoking", "stubbed"),
    "rifle": (
        "rifle", "rifles", "gun", "guns", "stock", "shoulder", "recoil", "hammer", "trigger",
        "pistol", "revolver", "musket", "flintlock", "shotgun", "firearm", "aim",
    ),
    "pig": (
        "pig", "pigs", "boar", "boars", "piglet", "piglets", "litter", "farrow", "farm",
        "farmer", "pork", "bacon", "hog", "hogs", "swine", "sty",
    ),
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
    # 尼玛 (Nyima, "sun") is one of the commonest Tibetan names: beside Tibet, its language or
    # another Tibetan name it is a person (or 尼玛县), not 你妈.
    # 伞兵 (a paratrooper, and 傻逼 in internet slang): soldiers, wars and jumps.
    "military": (
        "部队", "空降", "跳伞", "降落伞", "士兵", "军人", "军队", "美军", "解放军", "空军", "陆军",
        "军事", "参军", "入伍", "当兵", "服役", "退伍", "老兵", "战友", "二战", "战争", "战役",
        "诺曼底", "阅兵", "新兵", "当过", "爷爷", "外公", "姥爷",
    ),
    # modtune11: a warning about a scammer ("有人私信说能帮我刷粉，一看就是骗子，大家别信") says
    # nothing to anyone it is about; said to someone (你就是个骗子) it is read as it stands
    "warning": (
        "别信", "别上当", "别被骗", "不要信", "不要上当", "提醒大家", "大家注意", "防骗", "谨防",
    ),
    "tibetan": (
        "藏族", "藏语", "藏文", "西藏", "拉萨", "那曲", "阿里", "青海", "名字", "次仁", "扎西", "卓玛",
        "达瓦", "多吉", "拉姆", "旺堆", "格桑", "央金", "索朗", "平措", "旺姆", "措姆", "尼玛县",
        "太阳", "同学", "朋友", "老师", "医生", "阿姨", "大叔", "先生", "女士",
    ),
}  # fmt: skip

# Each word with innocent readings and the senses in which it is innocent. The word is matched
# whole in Latin text (its folded form, so "b1tch" too); Chinese words as substrings.
WORD_SENSES: dict[str, tuple[str, ...]] = {
    "bitch": ("dog",), "bitches": ("dog",),
    "cock": ("bird", "plumbing", "food", "rifle"), "cocks": ("bird",), "cockerel": ("bird",),
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
    "knockers": ("hardware",), "bastard": ("hardware", "blade"),
    "retard": ("growth",), "retards": ("growth",), "retarded": ("growth",),
    "beaver": ("water",), "cum": (), "sow": ("pig",), "sows": ("pig",), "pig": ("pig",), "pigs": ("pig",),
    "垃圾": ("rubbish",), "鸡": ("bird", "food"), "鸭": ("bird", "food"), "母狗": ("dog",),
    "母猪": ("food",), "老母猪": ("food",), "驴": ("donkey", "food"), "狗": ("dog", "food"),
    "智障": ("medicine",), "脑瘫": ("medicine",), "脑残": ("medicine",), "精神病": ("medicine",),
    "傻子": ("medicine",), "尼玛": ("tibetan",), "伞兵": ("military",),
    "骗子": ("warning",),
}  # fmt: skip

# Mild insults that a sentence about oneself uses of oneself; never slurs.
MILD_INSULTS = frozenset(
    {
        "idiot", "idiots", "stupid", "dumb", "moron", "moronic", "dork", "dummy", "fool", "foolish",
        "loser", "dumbass", "clown", "silly", "pathetic", "useless", "retarded", "garbage",
        "trash", "rubbish",
        "笨蛋", "傻子", "傻瓜", "白痴", "蠢", "菜", "废物", "路痴", "智障",
        # modtune11: 作死 (asking for trouble) said of what one did oneself
        "作死",
    }
)  # fmt: skip
# Slang praise: words that say "very good" of a thing.
PRAISE = frozenset(
    {
        "sick", "wicked", "filthy", "insane", "nasty", "killer", "dope", "lit", "bad", "badass",
        "stupid", "crazy", "mad", "killed", "killing", "kills", "slaps", "slay", "slayed",
        "slaying", "fire", "savage", "beast", "pain", "damn", "bloody", "disgusting", "unreal",
        "murdered", "nailed", "crushed", "smashed", "destroyed",
        "绝了", "死", "要命",
    }
)  # fmt: skip
# Doing something very well ("you killed it", "she murdered that solo"): praise of a
# performance even when someone is addressed; never when a person is what was done to.
PERFORMED = frozenset(
    {"killed", "murdered", "nailed", "crushed", "smashed", "slayed", "destroyed", "slaughtered"}
)
PEOPLE_NOUNS = frozenset(
    {
        "man", "men", "woman", "women", "guy", "guys", "girl", "girls", "boy", "boys", "kid",
        "kids", "child", "children", "person", "people", "dude", "bitch", "family", "baby",
        "cop", "cops", "dog", "cat",
    }
)  # fmt: skip
# Praise only of play, beside a word of sport or music ("that goal was disgusting").
PLAY_PRAISE = frozenset({"disgusting"})
PLAY_CUES = frozenset(
    {
        "goal", "goals", "finish", "shot", "shots", "dunk", "save", "pass", "strike", "volley",
        "kick", "tackle", "skills", "skill", "solo", "riff", "bassline", "beat", "drop", "combo",
        "play", "assist", "header", "trick", "move", "moves", "flow", "verse", "drift", "swing",
    }
)  # fmt: skip
# Wanting something badly: "I'd kill for a coffee", "to die for".
IDIOM_BEFORE_FOR = frozenset({"kill", "die", "dying"})
# modtune11: a climb, a shoe or a workout that "killed my knees": hyperbole of an ache
ACHED = frozenset({"kill", "kills", "killed", "killing", "murdered", "destroyed", "wrecked"})
BODY = frozenset(
    {
        "knees", "knee", "legs", "leg", "feet", "foot", "back", "calves", "thighs", "quads",
        "shoulders", "shoulder", "arms", "arm", "neck", "wrists", "hips", "ankles", "lungs",
        "ears", "eyes", "stomach", "toes", "hands", "glutes",
    }
)  # fmt: skip
# Said as an exclamation at the start of a sentence ("Damn, you nailed it").
INTERJECTIONS = frozenset({"damn", "bloody", "hell", "jeez", "dang", "shit", "holy"})
# A place named as one: a place noun in the sentence, or a preposition before a Capitalised
# word ("in Umbria", "near Barnsley").
PLACE_NOUNS = frozenset(
    {
        "village", "villages", "town", "towns", "city", "hamlet", "county", "parish", "region",
        "province", "island", "islands", "river", "lake", "valley", "borough", "district",
        "municipality", "settlement", "suburb", "state", "capital", "road", "street", "station",
        "airport", "beach", "hill", "mountain", "peninsula", "prefecture", "commune", "township",
    }
)  # fmt: skip
_PLACE_PHRASE = re.compile(
    r"\b(?:in|near|from|outside|past|through|visit|visited|visiting|via)\s+[A-Z][a-z]+"
)
PLACE_PREPOSITIONS = frozenset(
    # modtune11: "a village called Fucking", "a hamlet named Shitterton"
    {"in", "to", "near", "from", "past", "through", "visit", "visited", "called", "named"}
)
_PLACE_HINT = re.compile(r"\b(?:" + "|".join(sorted(PLACE_NOUNS)) + r")\b")
# After a place's name that opens a sentence: "Bastardo is a village", "Fucking in Austria".
PLACE_VERBS = frozenset({"is", "was", "in", "lies", "sits", "has", "hosts", "renamed", "near"})
# modtune11: words that describe an animal or a thing before its name ("a black cock", "our
# show bitch", "a prize sow"): with the animal they are the animal
DESCRIBING = frozenset(
    {
        "black", "white", "red", "brown", "grey", "gray", "golden", "speckled", "big", "little",
        "small", "young", "old", "show", "prize", "breeding", "pedigree", "champion", "farm",
    }
)  # fmt: skip
# modtune11: orders after a word called to someone ("bitch, get your dog off my lawn")
ORDERS = frozenset(
    {"leave", "get", "go", "shut", "stop", "give", "stay", "keep", "back", "move", "fuck", "piss",
     "take", "mind", "learn", "quit", "drop", "put", "come", "walk"}
)  # fmt: skip
# modtune11: words that make the next word a curse, whatever animal the sentence names ("stupid
# bitch, leave my dog alone", "dumb ass")
CURSED_BEFORE = frozenset(
    {"stupid", "dumb", "fucking", "fuckin", "ugly", "fat", "lazy", "crazy", "psycho", "dirty",
     "filthy", "nasty", "worthless", "useless", "pathetic", "disgusting", "annoying"}
)  # fmt: skip
# Mild words that are not about a person unless someone is addressed ("such a pain").
MILD_NOUNS = frozenset({"pain", "nightmare"})
# People one calls "my": an insult of "my boss" is about the boss, not oneself.
RELATIONS = frozenset(
    {
        "boss", "teacher", "mom", "mum", "mother", "dad", "father", "ex", "husband", "wife",
        "brother", "sister", "friend", "friends", "neighbour", "neighbor", "son", "daughter",
        "kid", "kids", "roommate", "flatmate", "coworker", "colleague", "colleagues", "manager",
        "partner", "boyfriend", "girlfriend", "family", "cousin", "uncle", "aunt", "team",
        "teammate", "teammates", "students", "student", "landlord", "parents", "in-laws", "bf",
        "gf", "bro", "sis", "dog", "cat",
    }
)  # fmt: skip
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
    # modtune11: a word whose use is condemned ("stop calling people retards", "don't call
    # kids that"): talked about, not said
    "stop calling", "quit calling", "stop saying", "stop using", "don't call", "dont call",
    "never call",
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
    # modtune: a rule or a policy quoted, a slur remembered as what others shouted
    "example", "examples", "guideline", "guidelines", "policy", "yelled", "shouted", "禁止",
    "规定", "这类", "别被骗",
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
    # a word said to be a slur or a swear word: 支那是歧视性词汇, 为什么X算是贬义词
    r"|(?:(?!的|是|么|为|什)[\u3400-\u9fff]){1,4}(?=(?:这个词|这个字|这个说法|这个称呼)?(?:是|算是?|属于)"
    r"(?:一个|一种)?(?:带有)?(?:歧视性?|侮辱性|贬义|冒犯性|攻击性|骂人|脏)的?"
    r"(?:词|字眼|说法|称呼|字|话|用语))"
)
# Calling oneself someone's 脑残粉 (a die-hard fan) is praise, addressed or not: 我是你的脑残粉.
# "你们这些脑残粉" stays as it is.
_FAN_OF = re.compile(
    r"我(?:也|就|真|一直|永远|绝对|早就)?(?:是|成了|变成了?|当了|做了)[^，。！？,.!?；;你]{0,12}?"
    r"(?:你|您)?[^，。！？,.!?；;]{0,6}?(脑残粉)"
)
# An English word asked about in Chinese: 英文里的 bastard…, damn是什么意思.
_ASKED_LATIN_ZH = re.compile(
    r"(?:英文|英语)(?:里|中)?的?\s*([a-z][a-z']{1,20})(?![a-z'])"
    r"|(?<![a-z'])([a-z][a-z']{1,20})\s*(?=是什么意思|什么意思|的意思|怎么翻译|是脏话|算脏话|是不是脏话"
    # modtune15: nmsl是骂人的话, cnm算不算骂人
    r"|是骂人|算骂人|是不是骂人|算不算骂人"
    # modtune17: nmsl到底是什么的缩写, sb是什么梗, cnm有多严重
    r"|(?:到底)?是什么的?(?:缩写|梗)|(?:到底)?有?多严重)"
)
_ASKED_LATIN_CUES = ("英文", "英语", "意思", "翻译", "脏话", "骂人", "缩写", "梗", "严重")
_SENTENCE_START = '.!?:;"“(\n'
_POLITE = re.compile(r"\b(?:thank|thanks|see|miss|love|bless)\s+you\b")
_LANGUAGE_NAME = re.compile(r"(?:用|在)?(?:英|中|日|韩)?(?:文|语)$|^用")
MENTION_WORDS = 2
MENTION_HAN = 6
# modtune11: ... and a phrase quoted as an example of abuse, in a statement about such phrases
EXAMPLE_CUES = (
    "话术", "比如", "例如", "such as", "for example", "example", "examples", "这类", "之类",
)  # fmt: skip
EXAMPLE_WORDS = 5
EXAMPLE_HAN = 10
_SENTENCES = re.compile(r"[^.!?。！？\n;；]+[.!?。！？\n;；]*")
_LATIN_WORD = re.compile(r"[a-z0-9']+")
_HAN = re.compile(r"[\u3400-\u9fff]")
SELF_WINDOW = 6  # words between "I" and the insult ("I'm such an idiot", "call me a moron")

# --- whole sentences read as not using their words ----------------------------------------------
# A sentence that asks about a word it mentions ("what does 'twat' mean?", “卧槽”算脏话吗？,
# "What does 傻逼 mean?") uses none of its words on anyone: every layer that reads words
# leaves it out (terms drop their hits in it; the lexical layers read it blanked, frame and
# all, since "脏话", "mean" and "rude" are themselves n-grams of abuse to a model).
ASKING_CUES = (
    "what does", "what do", "what's the meaning", "meaning of", "mean", "means", "meaning",
    "origin of", "the word", "the term", "swear word", "swear", "bad word", "curse word", "rude",
    "offensive", "slang", "dictionary", "how do you say", "how to say", "translate", "pronounce",
    "is it okay to say", "why do people say", "英文里", "英语里", "英文中", "可以指", "指的是",
    "形容", "describe", "describes",
    "什么意思", "啥意思", "怎么说", "怎么讲", "怎么翻译", "脏话", "骂人的话", "这个词", "这个字",
    "方言", "流行语", "网络用语", "词典", "字典", "写成", "口头禅", "算不算", "翻译", "区别",
    "vulgar", "polite", "word", "words", "词汇", "字眼", "称呼", "贬义",
    # modtune15: is X an insult, 是不是骂人, 算骂人吗, 难听吗
    "insult", "insulting", "骂人", "难听", "冒犯", "侮辱",
    # modtune17: what X stands for, how bad it is, whether friends may say it, praise or a dig
    "缩写", "简称", "多严重", "更严重", "能说吗", "能不能说", "什么梗", "夸人还是损人", "损人", "stand for",
    "stands for", "abbreviation", "short for", "how bad is",
    # modtune18 (holdout15): "explain 'nmsl'", where a saying comes from, whether it is dirty
    "explain", "出自", "出处", "这句话", "脏的话", "很脏", "有多脏",
)  # fmt: skip
# Only a short sentence is read whole as a question or a report: a long comment that discusses
# a word or tells of abuse (COLD is full of them) still says things of its own.
FRAME_HAN = 40
FRAME_WORDS = 25
# "what does X mean", "the word X": a mention without quotes, of any word (or Chinese word).
_ASKED_EN = re.compile(
    r"\bwhat(?:'s| does| do| is)\s+(?:the (?:word|term)\s+)?([^\s,?.!]+)"
    r"\s+(?:(?:literally|actually|really|exactly|even)\s+)?(?:mean|means)\b"
    r"|\b(?:the (?:word|term)|meaning of|origin of)\s+([^\s,?.!]+)"
)
# A question: only a sentence that asks is read whole as asking about a word ("I don't like
# the word X, disgusting" says something of its own).
_QUESTION = re.compile(
    r"[?？]|吗|什么|怎么|为什么|算不算|是不是|啥|^[\s\"“'(]*(?:how|what|why|is it)\b"
    r"|\b(?:asked|asks|asking|wonder|wondering|wondered)\s+(?:me\s+|us\s+)?(?:why|what|how|if|whether)\b"
)
# A statement about words it quotes ("the history of the word 'fuck'", "'idiot' and 'imbecile'
# were medical categories"): the quoted words are talked about, not said to anyone.
DISCUSSION_CUES = (
    "word", "words", "term", "terms", "history", "origin", "origins", "etymology", "dictionary",
    "linguist", "linguists", "linguistics", "official", "medical", "category", "categories",
    "slur", "slurs", "swear", "offensive", "considered", "originally", "spelled", "spelling",
    "pronounced", "replaced", "euphemism", "vocabulary", "slang",
    "词", "字", "脏话", "意思", "来源", "出处", "词典", "说法", "用语", "俚语",
    # modtune11: the phrases of online abuse collected as examples (网暴常见话术，比如“…”)
    "话术", "比如", "例如", "such as", "for example", "example", "examples", "这类", "之类",
)  # fmt: skip
# A Chinese headline's subject: 男子…, 一女子…, 某主播…
_HEADLINE = re.compile(r"(?:一名?|某)?(?:男子|女子|网民|主播|司机|乘客|游客|学生|老人)")
# First and second persons: news is told in the third ("police charged a man…"); a comment
# that says "I" or "we" about abuse is an opinion, which may carry abuse of its own.
PERSONAL_EN = frozenset({"i", "i'm", "im", "we", "we're", "my", "our", "us", "me"})
PERSONAL_ZH = ("我", "咱")
# A sentence reporting abuse ("Police charged a man for sending racist abuse", 警方通报：一男子
# 辱骂…被拘留): words naming abuse and words of news (police, court, 警方, 法院 …) in one short
# sentence told in the third person, addressing nobody and asking nothing. Its words are
# reported, not said: the term layer drops its hits, the lexical layers read it blanked.
ABUSE_TOLD = REPORTED | frozenset(
    {
        "abusive", "chant", "chants", "chanting", "threat", "threats", "threatened", "insult",
        "insulted", "insults", "insulting", "racist", "racism", "homophobic", "sexist", "bullied",
        "bullying", "called", "attack", "attacks", "attacked", "hate", "hateful", "xenophobia",
        "xenophobic", "blamed", "told", "shouted", "shouting", "messages", "posted",
        "threatening", "threaten", "threatens",
        "骂", "侮辱", "谩骂", "诽谤", "威胁", "歧视", "人身攻击", "网暴", "攻击",
    }
)  # fmt: skip
NEWS_CUES = (
    "police", "court", "courts", "jailed", "arrested", "charged", "convicted", "sentenced",
    "trial", "judge", "prosecutors", "prosecutor", "banned", "sacked", "expelled", "fined",
    "suspended", "survey", "study", "found that", "according to", "officials", "authorities",
    "investigation", "the club", "the school", "the league",
    "警方", "通报", "法院", "判决", "拘留", "刑拘", "起诉", "立案", "禁赛", "封号", "一男子", "一女子",
    "赔偿", "处罚", "被捕", "据报道", "报道称", "网民",
)  # fmt: skip
# A title: 《…》 (never one that addresses its reader), or a run of two or more Capitalised
# Words in a sentence otherwise written in lower case ("Stupid Love by Lady Gaga is…", "Dumb
# and Dumber still makes me laugh"). Strong abuse is no title ("Fuck Off and die").
_BOOK_TITLE = re.compile(r"《[^》]{1,30}》")
_TITLE_RUN = re.compile(
    r"(?<![\w'])(?:[A-Z][\w']*)(?:(?:\s+(?:(?:and|of|the|a|an|in|on|to|it|my|for|with|&)\s+)?|-)"
    r"[A-Z][\w']*)+"
)
# A Capitalised Run is read as a title only beside a word about a work, within three words
# ("Stupid Love by Lady Gaga", "reading A Confederacy of Dunces"); "Stupid Chinese go home"
# names no work.
TITLE_CUES = frozenset(
    {
        "song", "songs", "album", "albums", "film", "films", "movie", "movies", "book", "books",
        "novel", "novels", "show", "series", "track", "tracks", "by", "read", "reading", "watched",
        "watching", "watch", "listened", "listening", "playlist", "sequel", "episode", "season",
        "band", "single", "chorus", "lyrics", "remake", "trailer", "cinema", "game", "anime",
        "manga", "play", "musical", "poem", "painting", "director", "starring", "favourite",
        "favorite", "classic", "seen", "heard", "saw", "sitcom", "documentary", "podcast",
        "soundtrack", "ost", "franchise", "reboot", "premiere",
    }
)  # fmt: skip
# Verbs of taking in a work: a title right after one is named even when someone is addressed.
CONSUMED = frozenset(
    {"read", "watched", "seen", "saw", "heard", "watch", "finished", "played", "listened"}
)
# Abuse received and brought for help (issue 17, holdout4's held look-alikes): "someone
# commented kys on my post, how do I report them?", 有人私信骂我贱人，请问怎么举报？. A sentence
# telling what was said TO its author (a verb of saying with me/我 as its object), in a short
# text that asks for help or says it was reported, quotes the abuse to a moderator; it says it
# to no one. Addressing anyone ("you", 你) outside a mention still reads the sentence as it
# stands ("I'll report you, bitch"), as every frame does.
_RECEIVED = re.compile(
    r"(?:骂|说|叫|喊|喷|咒|称|威胁|辱骂|攻击|诅咒|私信|评论|留言|让)(?:我|我们|我妈|我家人|我全家)"
    r"(?!们?(?:说|觉得|认为))"
    r"|被(?:人|网友|他|她|他们|别人|陌生人|同学|同事|路人|黑粉|喷子)?(?:骂|说|叫|喷|咒|威胁|辱骂|诅咒)"
    r"|\b(?:called|calling|calls|call|named|labelled|labeled) (?:me|us|my \w+|him|her|them)\b"
    r"|\b(?:told|telling|tells|wished|wishing) (?:me|us)\b"
    r"|\b(?:said|says|saying|wrote|writes|commented|comments|commenting|replied|replies|yelled"
    r"|shouted|screamed"
    r"|posted|messaged|dmed|dm'd|sent|sends|keeps sending|left)\b(?:\W+\w+){0,8}?\W+"
    r"(?:to me|me|on my|under my|in my|at me)\b"
    r"|\bin my (?:dms|inbox|comments|mentions|replies|messages)\b"
    # modtune10: abuse a witness saw said to someone else ("typed 'kys' to a 12-year-old")
    r"|\b(?:typed|said|wrote|sent|yelled|shouted|messaged|dmed|commented)\b(?:\W+\w+){0,8}?\W+"
    r"to (?:a|an|this|that|the|some|another|my) (?:\d+[- ]year[- ]old|kid|child|girl|boy|player"
    r"|teammate|streamer|newbie|new player|woman|man|user|stranger|friend|classmate)\b"
    # modtune11: ... or "told my teammate to 'kys'"
    r"|\b(?:told|telling|tells)\s+(?:a|an|this|that|the|some|another|my|our)\s+(?:\w+\s+)?"
    r"(?:\d+[- ]year[- ]old|kid|child|girl|boy|player|teammate|streamer|newbie|woman|man|user"
    r"|stranger|friend|classmate|sister|brother|son|daughter)\s+to\b"
)
# The same text asks what to do about it, or says it was reported.
_SEEKS_HELP = re.compile(
    r"举报|申诉|报警|截图|怎么办|求助|投诉|拉黑|怎么处理|怎么应对|屏蔽|维权|起诉|可以告|该怎么"
    r"|\b(?:report|reported|reporting|block|blocked|blocking|mute|muted|screenshots?"
    r"|screenshotted|mods|moderators|police|advice|help)\b"
    # modtune11: ... or that the abuser was banned, or that it is never okay
    r"|\b(?:got|was|were|get|gets) (?:banned|kicked|suspended)\b|\b(?:never|not) (?:ok|okay"
    r"|acceptable)\b|\bunacceptable\b|\b(?:isn['’]?t|is not|wasn['’]?t|was not|not) (?:a joke"
    r"|funny)\b"
    r"|\b(?:what|how) (?:do|should|can|could) (?:i|we)\b"
)
RECEIVED_HAN = 80  # a longer text says things of its own
RECEIVED_WORDS = 40
# Whole sentences in which no word is said to anyone: the term layer drops its hits there.
# modtune15: "quoted", words inside a quotation the post reports, condemns or warns about
QUOTED = "quoted"
UNSAID_SENSES = frozenset({"asked", "reported", "discussed", "complained", QUOTED})
# modtune17: a sentence that warns about a scam (刷单都是骗局，先垫付的兼职千万别做; 投资理财的
# 稳赚不赔都是骗人的; 反诈中心提醒：凡是让你转到安全账户的都是诈骗; "guaranteed returns are always
# a scam") names the scam's words to warn of them: the term layer drops scam and spam terms inside
# it (terms.in_sense), and nothing else (an insult in it is read as it stands). Never where the
# sentence addresses someone other than generically (凡是让你…, "if anyone DMs you" are generic),
# nor on a denial (不是骗局, "this is not a scam").
WARNED = "warned"
_SCAM_WARNING = re.compile(
    r"(?:都|全|全都)是(?:骗局|骗人的|诈骗|骗子|套路)|(?<![不没])是(?:诈骗|骗局)(?=[。！!，,]|$)"
    r"|千万(?:别|不要)(?:做|信|转|点|碰|相信|上当|给|借|加)|识别[^。！？\n]{0,8}?(?:诈骗|骗局)|反诈|防骗"
    r"|谨防|上当受骗|别上当|别被骗|不要上当"
    r"|\b(?:is|are)\s+(?:always\s+|all\s+|just\s+)?(?:a\s+)?(?:scams?|frauds?)\b|\bscam\s+(?:alert|warning)\b"
    r"|\bbeware\b|\bdon['’]?t\s+fall\s+for\b"
    # modtune19: 就是杀猪盘，别信; 这种骗局还有人信吗; "… is scamming you"; "never pay a fee to …";
    # "it's called pig butchering"
    r"|就是(?:杀猪盘|骗局|骗子|诈骗)|杀猪盘[^。！？\n]{0,4}?别信|这种骗局|骗局还有人信"
    r"|\bis\s+scamming\s+(?:you|people)\b|\bnever\s+pay\s+(?:a|an|any|the)\b|\bpig\s+butchering\b"
)
# In a warning, "you" is anyone (凡是让你先交钱的, 要你转账的, "anyone who asks you to pay"), and
# so is the one a quoted scam speaks to (谨防“恭喜您中奖”短信).
_WARNING_YOU = re.compile(
    r"(?:凡是|只要)?(?:让|要|叫|劝|教|带)(?:你|您)|\b(?:asks?|tells?|wants?)\s+you\b"
    r"|\bscamming\s+you\b"
    r"|“[^”\n]{1,60}”|「[^」\n]{1,60}」|\"[^\"\n]{1,60}\"|‘[^’\n]{1,60}’"
)
# Proper nouns: a word that is someone's or somewhere's name is not the word at all.
PROPER_SENSES = frozenset({"name", "place"})
# Senses in which an unambiguous term is told rather than said: it labels at most.
TOLD_SENSES = frozenset({"mention", "report", "title"})
_TITLE_HINT = re.compile(r"[A-Z]\w*\s+(?:\w+\s+)?[A-Z]")
NO_TITLE = frozenset(
    {
        "fuck", "fucking", "fucker", "motherfucker", "cunt", "cunts", "shit", "whore", "slut",
        "nigger", "nigga", "faggot", "fag", "twat", "wanker", "cocksucker", "retard", "kys",
        "you", "u", "ur", "your", "yourself", "yours",
    }
)  # fmt: skip


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
    places = bool(_PLACE_PHRASE.search(folded.original) or _PLACE_HINT.search(folded.text))
    if (
        not places
        and not _triggers().search(folded.text)
        and not _TITLE_HINT.search(folded.original)
        and not _RECEIVED.search(folded.text)
        and not _ABBREVIATION_HINT.search(folded.text)
        and not (_SPEECH_HINT.search(folded.text) and _REPORTING.search(folded.text))
        and not _SCAM_WARNING.search(folded.text)
    ):
        return []  # most posts: no word with an innocent reading, nothing quoted or asked
    # First, so that it is the sense that covers the words inside a reported quotation.
    found: list[Innocent] = _reported_quotes(folded.text)
    complaint = _complaint(folded.text)
    before = ""
    for sentence in _SENTENCES.finditer(folded.text):
        # A sentence whose received abuse is quoted is no complaint frame as a whole: the quotation
        # is left out, what the author says around it is read ("被人骂“贱人”，举报了，这个傻逼").
        quoting = any(sentence.start() <= q.start < sentence.end() for q in found)
        found.extend(
            _sentence(
                folded,
                sentence.start(),
                sentence.group(),
                places,
                complaint and not quoting,
                before,
            )
        )
        before = sentence.group()
    return found


# --- quotations the post reports, condemns or warns about (modtune15, issue 17) -----------------
# "someone wrote 'you stupid bitch' under my post, reported", 被人私信骂“贱人去死”，已经截图举报了,
# "Scam alert: 'Congratulations! You won an iPhone, pay shipping'. Don't click.": the abuse or the
# scam is inside quotation marks, put there by someone else (a verb of saying or receiving just
# before it), and the post around it reports, condemns, warns or asks for help. The words inside
# are said to no one by this post: the term layer drops its hits there and the lexical layers
# read the quotation blanked. What sits outside is read as it stands, and the frame does not
# hold where the post outside its quotations addresses someone ("you", 你), agrees with what it
# quotes ("and they're right", 骂得没错) or has its own author say it ("I said 'kys'", 我就说了).
# Any length (a scam's whole text), across sentences; never a quotation mark inside a word.
_REPORTED_QUOTE = re.compile(
    r"(?<![a-z0-9])'((?:[^'\n]|(?<=[a-z])'(?=[a-z])){1,200}?)'(?![a-z0-9])"
    r"|\"([^\"\n]{1,200})\"|“([^”\n]{1,200})”|‘([^’\n]{1,200})’|「([^」\n]{1,200})」"
    r"|『([^』\n]{1,200})』"
)
# modtune18: what an author posts (我发的帖子, 我写的游记下面): someone else's words under it are
# still someone else's, not the author claiming them (holdout15: 我发的领养猫咪帖子下面评论'去死吧')
_MY_WORK = (
    r"[^，,。.!！?？]{0,8}?(?:帖子|帖|视频|照片|图|动态|微博|笔记|文章|游记|朋友圈|作品|评论区|直播|内容"
    r"|日记|博客|回答|问题|攻略|菜谱|歌|画)"
)
_QUOTE_MARKS = frozenset("'\"“‘「『")
# Someone else's words: said, written, sent or received just before the quotation.
_QUOTE_SAID_EN = re.compile(
    r"\b(?:wrote|writes|writing|write|written|said|says|saying|say|commented|comments|commenting"
    r"|comment|replied|replies|replying|reply|posted|posts|posting|post|messaged|messaging"
    r"|message|messages|dmed|dm'd|dms|dm|sent|sends|sending|left|leaving|got|getting|gets"
    r"|received|receive|called|calling|calls|call|named|yelled|yelling|shouted|shouting"
    r"|screamed|typed|typing|spamming|spams|spam|spammed|told|tells|telling|text|texts|texted"
    r"|email|emails|note|alert|warning|chat|chanted|chanting|tweeted|tweet|caption|bio|like|as"
    r"|claiming|claims|claimed|asking|asked|threatened|threatening|promising|promises|offering"
    r"|reads|read|popup|pop-up|ad|advert|voicemail|letter|sign|graffiti|headline|dm"
    # modtune16: written on a thing ("keyed 'slut' into my car", sprayed on the wall)
    r"|keyed|scratched|sprayed|painted|carved|scrawled)(?:\W+(?:a|an|the|me|us|him|her|them|my|our|his|their|\w+)){0,3}\W*$"
)
_QUOTE_SAID_ZH = re.compile(
    r"(?:说|骂|喷|写|留言|评论|私信|发|刷|叫|称|喊|短信|消息|内容|话术|诈骗|骗局|弹幕|回复|威胁"
    r"|诅咒|吼|嚷|诸如|比如|例如|问|那句|这句|台词|电话|来电|邮件|通知|广告|弹窗|写着|文案|链接"
    # modtune18: words someone is asked not to use (能不能别把'去死'挂在嘴边)
    r"|别把|不要把|少把|别再把"
    r")(?:了|着|过|道|成|作|为)?(?:[我他她人][\u4e00-\u9fff]{0,3}|别人|大家)?[：:，,\s]*$"
)
_QUOTE_SAID_WINDOW = 30  # characters before the quotation (its closing words, a colon, spaces)
# Its author saying the quoted words: no report ("Yeah I said 'kill yourself'", 我就说了“去死”).
_SAID_BY_AUTHOR = re.compile(
    r"\b(?:i|i'll|i'd|i've|i'm|im|we|we'll)\s+(?:\w+\s+){0,2}?(?:said|say|saying|wrote|write"
    r"|writing|typed|type|posted|post|called|call|told|tell|commented|replied|yelled|mean|meant"
    r"|repeat)\b|(?<![冒充被给骂叫对替帮向跟和喷问])我(?:就|也|都|刚|又|再|还|只|要|会)?(?:说|骂|写|发|喊|讲)"
    r"(?!的" + _MY_WORK + r")"
)
# The post reports, condemns, warns or asks what to do.
_REPORTING = re.compile(
    r"\b(?:(?:reported|flagged) (?:it |them |him |her )?(?:for|as) \w+(?: \w+)?"
    r"|report|reported|reporting|reports|block|blocked|blocking|mods?|moderators?|admins?"
    r"|police|cops|hr|screenshot\w*|banned|scams?|scammers?|scammy|phishing|fraud\w*|beware"
    r"|warning|warn|psa|alert|don'?t click|do not click|don'?t fall|never (?:ok|okay)"
    r"|not (?:ok|okay|acceptable|cool|funny|a joke)|unacceptable|disgusting|gross|vile|hateful"
    r"|hate speech|racist|racism|sexist|homophobic|transphobic|harass\w*|abus\w*|bull(?:y|ied"
    r"|ying)|extortion|blackmail\w*|why are people|people like this|what (?:should|do|can) (?:i|we)"
    r"|how (?:do|can|should) (?:i|we)|help|advice|stung|shaking|upset|scared|heartbroken|sick of)\b"
    r"|举报|投诉|报警|截图|拉黑|屏蔽|骗子|诈骗|骗局|防骗|别信|不要信|别上当|不要上当|千万别|小心"
    r"|注意|提醒|谨防|不要点|别点|别转账|过分|恶心|歧视|仇恨|网暴|不对|怎么办|怎么处理|求助|房管"
    r"|管理员|平台|不该|敲诈|勒索|封号|难受|生气|气死|太坏|可怕|害怕|别这样|不能这样"
    # modtune15: ... asks what it means or whether it is rude, says it hurt, asks how to raise it
    r"|\b(?:rude|offensive|insult|insulting|what does|what do|meaning|means?|hurtful)\b"
    r"|伤人|委屈|难过|心疼|怎么跟|怎么和|沟通|该怎么|什么意思|是不是骂人|算不算骂人|骂人|反映"
    r"|班主任|跟老师|告诉老师|\b(?:fake|hoax|spam|spammers?|bots?|don'?t (?:reply|respond|pay"
    r"|send|share|answer))\b"
    # modtune17: the abuser removed ("we removed him. good riddance"), the reader shaking with anger
    r"|\b(?:removed|kicked) (?:him|her|them)(?: out)?\b|\bgood riddance\b|气得|手抖|离谱|太过分"
    # modtune18: ... asks it not to be a habit (挂在嘴边, 当口头禅, 至于吗)
    r"|挂(?:在)?嘴边|口头禅|至于吗"
)
# ... or quotes a short line of a work (这部剧反派那句“去死吧”, the villain's line 'die'): only a
# short quotation (WORK_LINE_WORDS, WORK_LINE_HAN), never a speech dressed up as a film's.
_WORK_CUES = re.compile(
    r"\b(?:movie|film|show|series|line|scene|villain|character|episode|lyrics|song|book|novel"
    r"|anime|play)\b|剧|电影|台词|演技|反派|角色|主角|小说|动画|歌词"
)
WORK_LINE_WORDS = 4
WORK_LINE_HAN = 8
# Agreeing with the quotation makes it the post's own ("they're right", 骂得没错).
_ENDORSED = re.compile(
    r"\b(?:(?:they|he|she|it|that|who|which)(?:'re|'s| are| is| was| were)(?: \w+)? (?:right|true"
    r"|correct|accurate|spot on|one|the truth)|(?:i |we )?(?:agree|agreed)|accurate|nailed it"
    r"|deserv\w*|facts|so true|not wrong|well said|same|truth|lol|lmao|lmfao|rofl|haha\w*"
    r"|hilarious|based)\b"
    r"|说得对|说的对|说得没错|说的没错|没骂错|没说错|骂得好|骂的好|同意|确实|活该|该骂|赞同|本来就"
    r"|一点没错|一点都没错|没毛病|事实|支持|哈哈|笑死|真相|不冤"
    # modtune16: agreeing with unquoted reported speech ("he has a point", 果然如此, 我看也是)
    r"|\b(?:has|have|had|got) a point|\btrue\b|\bagree\b"
    r"|果然|我看也是|我也觉得|也这么觉得|没说错|说的是真的"
    # modtune17: 说得太对了, 骂得太好了
    r"|说得太?对|说的太?对|骂得太?好|说得太?好"
    # ... and so does claiming it ("是我写的", "that was me")
    r"|是我(?:写|说|发|骂|留)的(?!"
    + _MY_WORK
    + r")|我(?:写|说|发|骂|留)的(?!"
    + _MY_WORK
    + r")|\b(?:i|we) (?:wrote|said|posted|typed|sent"
    r"|left) (?:it|that|this)\b|\b(?:that|it) was (?:me|us)\b"
)
# A reader addressed only generically ("if anyone DMs you", "warn your parents" is no address):
# these phrases are left out before the frame's test for a reader addressed.
_GENERIC_YOU = re.compile(
    r"\b(?:if|when|whenever|once|in case)\s+(?:anyone|someone|somebody|they|people|a \w+|\w+)?"
    r"\s*(?:\w+\s+){0,2}?(?:you|your|u)\b"
    r"|\b(?:dms?|messages?|texts?|emails?|sends?|tells?|asks?|offers?|promises?|calls?|contacts?)"
    r"\s+you\b|\b(?:thank|thanks)\s+you\b|\bmods?\b[^.!?\n]*?\byou\b"
    r"|如果[^，。！？,.!?]{0,12}?(?:你|您)|要是[^，。！？,.!?]{0,12}?(?:你|您)"
    r"|(?:给|跟|问|向|对)(?:你|您)(?:发|说|要|借)"
    # modtune16: the abuser told only that they were reported ("I reported you", 已经举报你了)
    r"|\b(?:reported|blocked|flagged|banned|muted|report|block|told(?: \w+){0,2} about)\s+you\b"
    r"|\byou(?:'ve| have)? (?:been|got|were) (?:reported|blocked|banned|flagged)\b"
    r"|\byou (?:wrote|said|commented|posted|left|sent|dmed|called)\b"
    r"|(?:举报|拉黑|投诉|封|屏蔽|禁言)(?:了)?(?:你|您)|(?:你|您)(?:已经)?被(?:我)?(?:举报|拉黑|封|屏蔽"
    r"|投诉|禁言)|的(?:你|您)(?=[，,。.！!]|$)|你等着(?:被)?处理|你好自为之"
)
QUOTE_FRAME_HAN = 90  # the post outside its quotations: a longer text says things of its own
QUOTE_FRAME_WORDS = 50


def _reported_quotes(text: str) -> list[Innocent]:
    """Quotations of someone else's words in a post that reports, condemns or warns about them
    (see _REPORTED_QUOTE): each as an Innocent of sense "quoted" (folded-text positions)."""
    spans = []
    if not _QUOTE_MARKS.isdisjoint(text):
        spans = [m.span(m.lastindex or 0) for m in _REPORTED_QUOTE.finditer(text) if m.lastindex]
    marked = len(spans)
    spans += _unquoted_speech(text, spans)
    if not spans:
        return []
    outside, last = [], 0
    for start, end in sorted(spans):
        edge = 1 if (start, end) in spans[:marked] else 0  # a quotation's marks are outside
        outside += [text[last : max(last, start - edge)], " "]
        last = end + edge
    outside.append(text[last:])
    rest = "".join(outside)
    if (
        len(_HAN.findall(rest)) > QUOTE_FRAME_HAN
        or len(_LATIN_WORD.findall(rest)) > QUOTE_FRAME_WORDS
        or _ENDORSED.search(rest)
    ):
        return []
    if not _REPORTING.search(rest):
        if not _WORK_CUES.search(rest):
            return []
        spans = [
            (a, b) for a, b in spans if _short(text[a:b], WORK_LINE_WORDS, WORK_LINE_HAN)
        ]  # a line of a work: short
    if _addresses(rest):
        return []  # said to someone: "reported? go die", 你去举报啊
    found = []
    for number, (start, end) in enumerate(spans):
        if number >= marked:  # modtune16: a verb of saying introduces it (_unquoted_speech)
            found.append(Innocent(start, end, text[start:end], QUOTED))
            continue
        before = text[max(0, start - 1 - _QUOTE_SAID_WINDOW) : start - 1]
        if _SAID_BY_AUTHOR.search(before):
            continue  # the author's own words ("I said 'kys'", 我就说了“去死”)
        if _QUOTE_SAID_EN.search(before) or _QUOTE_SAID_ZH.search(before):
            found.append(Innocent(start, end, text[start:end], QUOTED))
    return found


# --- reported speech without quotation marks (modtune16, issue 17) ------------------------------
# "my coworker said all Muslims are terrorists, I reported it to HR", 有人在评论区骂我是废物，已经
# 举报了, 听到有人说河南人都是骗子，这种地域黑太恶心了: the clause after a verb of saying (said,
# called me, told me; 说, 骂…是, 叫) up to the next comma or full stop is someone else's words, read
# as a quotation by _reported_quotes (the post must still report or condemn, agree with nothing
# and address no one outside it). Never the author's own saying ("I told him so", 我说), and never
# a clause that itself addresses someone ("everyone says you're a loser"): without marks a "you"
# may be the post's own.
_SAYING_EN = (
    r"said|says|saying|told|tells|telling|called|calling|calls|wrote|writes|replied|replies"
    r"|commented|comments|shouted|yelled|screamed|typed|texting|texted|messaged|posted|wished"
)
_SAYING_ZH = "说|骂|叫|称|喷|写|留言|评论|私信|威胁|诅咒|喊"
_SPEECH_EN = re.compile(
    rf"\b(?:{_SAYING_EN})\b\s+([^,.;:!?\n]{{2,120}}?)(?=\s*(?:[,.;:!?\n]|\b(?:and|but|so)\b|$))"
)
_SPEECH_ZH = re.compile(
    # never 说得 / 说话 / 说不定 (how one speaks), nor 叫 but of a person (狗叫, 他叫王建国)
    r"(?:说(?!得|的|话|明|服|法|不|定|实|真|白|好)|骂|叫(?=了|过|着|我|他|她|人)|称|喷|写|留言"
    r"|评论|私信|威胁|诅咒|喊)(?:了|着|过|道)?([^，,。.!！?？；;：:\n]{2,40})"
)
# Any verb of saying at all: whether _SPEECH_EN or _SPEECH_ZH can match (read's first test).
_SPEECH_HINT = re.compile(rf"\b(?:{_SAYING_EN})\b|{_SAYING_ZH}")


_NO_WORDS = re.compile(r"(?:at|to|about|on|in|out|back|over|from|with|by|for|into|up)\b")


def _unquoted_speech(text: str, quoted: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Clauses of someone else's words introduced by a verb of saying, outside `quoted`."""
    found: list[tuple[int, int]] = []
    if not _SPEECH_HINT.search(text) or not _REPORTING.search(text):
        return found  # no verb of saying, or nothing reported or condemned (_reported_quotes)
    for pattern in (_SPEECH_EN, _SPEECH_ZH):
        for m in pattern.finditer(text):
            start, end = m.span(1)
            if any(a - 1 <= end and start <= b + 1 for a, b in quoted + found):
                continue
            before = text[max(0, m.start() - _QUOTE_SAID_WINDOW) : m.end(1) - len(m.group(1))]
            if _SAID_BY_AUTHOR.search(before) or _addresses(m.group(1)):
                continue  # the author's own ("I told him so") or said to someone ("says you're")
            if _NO_WORDS.match(m.group(1)):
                continue  # how or where it was said, not what ("shouted at me on the bus")
            found.append((start, end))
    return found


def _quote_frames(text: str, quoted: list[Innocent]) -> list[Innocent]:
    """The sentences that hold reported quotations or words of reporting and condemning
    ("Disgusting.", 太恶心了, "Reported for hate.", 截图在这), for the lexical layers' blanking:
    to a model they are n-grams of abuse, and what little is left of such a sentence gives it
    nothing to read (it scored "在这" 0.57). Only in a post with a reported quotation, which
    addresses no one outside its quotations (_reported_quotes)."""
    if not quoted:
        return []
    return [
        Innocent(m.start(), m.end(), m.group(), QUOTED)
        for m in _SENTENCES.finditer(text)
        if any(q.start < m.end() and m.start() < q.end for q in quoted)
        or (
            (_REPORTING.search(m.group()) or _WORK_CUES.search(m.group()))
            and not _addresses(m.group())
        )
    ]


def _addresses(sentence: str) -> bool:
    """Someone is addressed ("you", 你), other than generically ("if anyone DMs you")."""
    general = _GENERIC_YOU.sub(" ", sentence)
    return bool(set(_LATIN_WORD.findall(general)) & ADDRESS_EN) or any(
        a in general for a in ADDRESS_ZH
    )


def _complaint(text: str) -> bool:
    """A short text that tells of abuse its author received and asks for help with it."""
    return (
        len(_HAN.findall(text)) <= RECEIVED_HAN
        and len(_LATIN_WORD.findall(text)) <= RECEIVED_WORDS
        and _RECEIVED.search(text) is not None
        and _SEEKS_HELP.search(text) is not None
    )


def innocent_original_spans(text: str) -> list[tuple[int, int, str]]:
    """`read`'s findings as ranges of the ORIGINAL text, with their sense."""
    folded = normalise(text)
    return [(*folded.original_span(i.start, i.end), i.sense) for i in read(text, folded)]


def blank(text: str) -> str:
    """`text` for a lexical layer: folded, with words read in an innocent sense blanked; `text`
    as it is when there are none (a layer then folds it as it always does). A sentence holding
    a reported quotation is blanked whole, frame and all: "骂", "举报", "wrote … under my post"
    are themselves n-grams of abuse to a model (the term layer still reads the frame)."""
    folded = normalise(text)
    found = read(text, folded)
    if not found:
        return text
    found += _quote_frames(folded.text, [i for i in found if i.sense in (QUOTED, "asked")])
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


def _sentence(
    folded: Normalised,
    offset: int,
    sentence: str,
    places: bool,
    complaint: bool = False,
    before: str = "",
) -> list[Innocent]:
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

    about_words = any(_has_cue(c, latin_set, sentence) for c in MENTION_CONTEXT) or _why_say(
        sentence
    )
    quoted = [
        m.span(m.lastindex or 0)
        for m in _QUOTED.finditer(sentence)
        if about_words and _short(m.group(m.lastindex or 0))
    ]
    asked = [m.span() for m in _ASKED_ZH.finditer(sentence) if not _LANGUAGE_NAME.search(m.group())]
    if any(cue in sentence for cue in _ASKED_LATIN_CUES):  # Chinese asking about English
        asked += [
            m.span(m.lastindex or 0) for m in _ASKED_LATIN_ZH.finditer(sentence) if m.lastindex
        ]
    for start, end in quoted + asked:
        add(start, end, sentence[start:end], "mention")
    mentioned = quoted + asked

    def inside(start: int, end: int) -> bool:
        return any(first <= start and end <= last for first, last in mentioned)

    # Latin words
    for i, (start, end, word) in enumerate(words):
        if inside(start, end):
            continue
        sense = _latin_sense(folded, offset, sentence, words, i, latin_set, addressed, places)
        if not sense and before and not addressed and _owned(words, i):
            sense = _cued_before(word, before)
        if sense:
            add(start, end, word, sense)
            if sense in SENSE_CUES and i and words[i - 1][2] in DESCRIBING:
                # modtune11: "a black cock", "our show bitch": the animal with its description
                add(words[i - 1][0], end, sentence[words[i - 1][0] : end], sense)
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
    found.extend(
        Innocent(offset + m.start(1), offset + m.end(1), m.group(1), "self")
        for m in _FAN_OF.finditer(sentence)
    )
    frame, spans = _frame(sentence, words, latin_set, mentioned, polite, complaint)
    if frame == "discussed":
        # Only the words talked about: anything else in the sentence is read as it stands.
        found[:0] = [Innocent(offset + a, offset + b, sentence[a:b], frame) for a, b in spans]
    elif frame:
        lead = len(sentence) - len(sentence.lstrip())
        # First, so that it is the sense that covers the words inside it.
        found.insert(0, Innocent(offset + lead, offset + len(sentence.rstrip()), sentence, frame))
    found.extend(_titles(folded, offset, sentence, addressed))
    found.extend(_abbreviations(folded, offset, sentence))
    if _SCAM_WARNING.search(sentence) and not _addresses(_WARNING_YOU.sub(" ", sentence)):
        lead = len(sentence) - len(sentence.lstrip())
        found.append(Innocent(offset + lead, offset + len(sentence.rstrip()), sentence, WARNED))
    return found


def _frame(
    sentence: str, words, latin_set: set[str], mentioned, polite: int, complaint: bool = False
) -> tuple[str, list[tuple[int, int]]]:
    """ "asked" for a sentence asking about a word it mentions, "report" for one reporting
    abuse, "discussed" for a statement about words it quotes (with the quoted spans),
    "complained" for one telling of abuse its author received in a text asking for help; ""
    otherwise, and always for one that addresses someone outside its mentions."""
    if len(_HAN.findall(sentence)) > FRAME_HAN or len(words) > FRAME_WORDS:
        return "", []
    # modtune11: a phrase given as an example may be a whole short sentence (比如“你怎么还不去死”)
    example = any(_has_cue(c, latin_set, sentence) for c in EXAMPLE_CUES)
    latin, han = (EXAMPLE_WORDS, EXAMPLE_HAN) if example else (MENTION_WORDS, MENTION_HAN)
    quoted = [
        m.span(m.lastindex or 0)
        for m in _QUOTED.finditer(sentence)
        if _short(m.group(m.lastindex or 0), latin, han)
    ]
    spans = list(mentioned) + quoted
    named = [m.span(m.lastindex or 0) for m in _ASKED_EN.finditer(sentence) if m.lastindex]
    spans += named
    rest = sentence
    for start, end in sorted(set(spans), reverse=True):  # a span both quoted and asked: once
        rest = rest[:start] + " " + rest[end:]
    rest_words = set(_LATIN_WORD.findall(rest))
    if len(rest_words & ADDRESS_EN) > polite or any(a in rest for a in ADDRESS_ZH):
        return "", []
    # modtune11: a question mark or 怎么 inside the quotes asks nothing ("比如“你怎么不去死”")
    question = _QUESTION.search(rest if quoted else sentence) is not None
    if (
        spans
        and question
        and (any(_has_cue(c, rest_words, rest) for c in ASKING_CUES) or _why_say(rest))
    ):
        return "asked", spans
    if (
        spans
        and not question
        and rest_words.isdisjoint(OTHER_PEOPLE - {"it"})
        and any(_has_cue(c, rest_words, rest) for c in DISCUSSION_CUES)
    ):
        quoted_spans = [
            span for span in spans if span in quoted or span in mentioned or span in named
        ]
        if quoted_spans:
            return "discussed", quoted_spans
    if complaint and _RECEIVED.search(sentence):
        return "complained", []
    if question or latin_set & PERSONAL_EN or any(p in sentence for p in PERSONAL_ZH):
        return "", []
    told = any(_has_cue(c, latin_set, sentence) for c in ABUSE_TOLD)
    if told and (
        any(_has_cue(c, latin_set, sentence) for c in NEWS_CUES)
        or _HEADLINE.match(sentence.lstrip())
    ):
        return "reported", []
    return "", []


def _why_say(sentence: str) -> bool:
    """为什么…说 / 为什么…叫: a question about how something is said."""
    at = sentence.find("为什么")
    return at >= 0 and ("说" in sentence[at:] or "叫" in sentence[at:])


def _titles(folded: Normalised, offset: int, sentence: str, addressed: bool) -> list[Innocent]:
    """Titles in a sentence: 《…》, and Capitalised Runs in text written in lower case (positions
    of the folded text, which keeps the original's length where these are read)."""
    found = [
        Innocent(offset + m.start(), offset + m.end(), m.group(), "title")
        for m in _BOOK_TITLE.finditer(sentence)
        if not any(a in m.group() for a in ("你", "您"))
    ]
    if TITLE_CUES.isdisjoint(_LATIN_WORD.findall(sentence)):
        return found
    original = folded.original
    letters = [c for c in original if c.isalpha() and c.isascii()]
    if not letters or sum(c.islower() for c in letters) < 0.6 * len(letters):
        return found
    start = folded.index[offset] if offset < len(folded.index) else len(original)
    end = folded.index[offset + len(sentence) - 1] + 1 if sentence else start
    written = original[start:end]
    if len(written) != len(sentence):
        return found  # folding changed the length here: positions would not line up
    for m in _TITLE_RUN.finditer(written):
        written_words = re.findall(r"[\w']+", m.group())
        run = [w.lower() for w in written_words]
        if any(len(w) > 1 and w.isupper() for w in written_words):
            continue  # USER, BLM, CAPITALS: no title case
        capitals = sum(1 for w in written_words if w[:1].isupper())
        after = written[m.end() :].split()
        before = _LATIN_WORD.findall(written[: m.start()].lower())[-3:]
        near = set(_LATIN_WORD.findall(" ".join(after[:3]).lower()) + before)
        if capitals < 2 or any(w in NO_TITLE for w in run) or len(after) < 2:
            continue
        if near.isdisjoint(TITLE_CUES):
            continue  # the work must be named beside the run: "X by Y", "reading X"
        if addressed and not (before and before[-1] in CONSUMED):
            continue  # said to someone, unless it is what they read or saw ("have you read X")
        found.append(Innocent(offset + m.start(), offset + m.end(), m.group(), "title"))
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


def _latin_sense(folded, offset, sentence, words, i, latin_set, addressed, places=False) -> str:
    start, end, word = words[i]
    senses = WORD_SENSES.get(word, ())
    loaded = word in WORD_SENSES or word in MILD_INSULTS or word in REPORTED
    if loaded and _mentioned(sentence, start, end):
        return "mention"
    if word in NAME_WORDS and _named(folded, offset + start, offset, sentence):
        return "name"
    if places and _place(folded, offset, sentence, words, i, addressed):
        return "place"
    if word in IDIOM_BEFORE_FOR and i + 1 < len(words) and words[i + 1][2] == "for":
        return "praise"  # "I'd kill for a coffee", "a cake to die for"
    if word in PERFORMED and _performed(words, i):
        return "praise"  # "you killed it", "she murdered that solo": said of a performance
    if word in ACHED and i + 2 < len(words) and words[i + 1][2] == "my" and words[i + 2][2] in BODY:
        return "praise"  # modtune11: "the trail nearly killed my knees": an ache, no one harmed
    if word in INTERJECTIONS and i == 0 and sentence[end:].lstrip()[:1] in (",", "!", "—", "-"):
        return "praise"  # "Damn, you nailed it": an exclamation, not said to anyone
    if addressed and not (i and words[i - 1][2] in DETERMINERS - {"a", "an"}):
        return ""
    if senses and i and words[i - 1][2] in CURSED_BEFORE:
        return ""  # modtune11: "stupid bitch, leave my dog alone": a dog in the sentence, a curse
    if (
        senses
        and sentence[end:].lstrip()[:1] == ","
        and i + 1 < len(words)
        and words[i + 1][2] in ORDERS
    ):
        return ""  # modtune11: "bitch, leave my dog alone": a name called before an order
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
    if word in PLAY_PRAISE and latin_set.isdisjoint(PLAY_CUES):
        return ""  # "it's all disgusting" is disgust; "that goal was disgusting" is praise
    if word in MILD_NOUNS or (word in PRAISE and _praising(sentence, words, i)):
        return "praise"
    if word in REPORTED and any(_has_cue(c, latin_set, sentence) for c in REPORT_CUES):
        return "report"
    return ""


# modtune11: Latin capitals as a place's or a school's abbreviation, not pinyin initials: after a
# Chinese word of place (在NC读研, 来自SB) or spelled out (UCSB 的 SB 就是 Santa Barbara)
_PLACE_ABBREVIATION = re.compile(r"(?:在|去|到|来自|住在|回|飞|从)\s*([a-z]{2,4})(?![a-z])")
_SPELLED_OUT = re.compile(
    r"(?<![a-z])([a-z]{2,5})\s*(?:就是|是指|指的是|指|=|stands for|means)\s*([a-z]+(?: [a-z]+)+)"
)
_ABBREVIATION_HINT = re.compile(_PLACE_ABBREVIATION.pattern + "|" + _SPELLED_OUT.pattern)


def _abbreviations(folded: Normalised, offset: int, sentence: str) -> list[Innocent]:
    """Abbreviations written in capitals where a place is named (在NC读研) or spelled out in
    Capitalised words (SB 就是 Santa Barbara): a place's or a name's letters."""
    found = []
    for regex, sense in ((_PLACE_ABBREVIATION, "place"), (_SPELLED_OUT, "name")):
        for m in regex.finditer(sentence):
            a, b = m.span(1)
            written = _written(folded, offset + a, sentence[a:b])
            if not (written.isupper() and written.isascii()):
                continue  # 在nc读研 in lower case could be anything
            if m.lastindex == 2:
                c, d = m.span(2)
                if not all(
                    w[:1].isupper() for w in _written(folded, offset + c, sentence[c:d]).split()
                ):
                    continue
            found.append(Innocent(offset + a, offset + b, m.group(1), sense))
    return found


def _owned(words, i: int) -> bool:
    """The word after a possessive or "the" within two words ("our show bitch", "the black
    cock"): a thing someone has, not a name said to someone."""
    return any(w in DETERMINERS - {"a", "an"} for _, _, w in words[max(0, i - 2) : i])


def _cued_before(word: str, before: str) -> str:
    """An innocent sense of `word` cued by the sentence before ("Any tips for a first-time
    breeder? Our show bitch is due in March"), for a word someone owns."""
    latin = set(_LATIN_WORD.findall(before))
    if latin & ADDRESS_EN:
        return ""
    for sense in WORD_SENSES.get(word, ()):
        if _cued(sense, latin, before, exclude=word):
            return sense
    return ""


def _performed(words, i: int) -> bool:
    """A verb of doing something very well, said of a performance: "killed it", "murdered that
    solo", "nailed the presentation"; never of a person ("killed that guy", "killed him")."""
    after = [w for _, _, w in words[i + 1 : i + 3]]
    if not after:
        return False
    if after[0] == "it":
        return True
    return (
        after[0] in ("that", "this", "the", "your", "her", "his", "their")
        and len(after) > 1
        and after[1] not in PEOPLE_NOUNS
        and after[1] not in OTHER_PEOPLE
    )


def _place(folded, offset: int, sentence: str, words, i: int, addressed: bool) -> bool:
    """A place's name: the word written Capitalised in ordinary lower-case English, in a
    sentence that names it as a place ("Bastardo is a small village in Umbria", "we drove past
    Wetwang in East Yorkshire", "Fucking in Austria renamed itself"). As the first word of a
    sentence it counts only followed by a place's verb or preposition ("X is a town", "X in
    Austria"), since any sentence's first word is capitalised."""
    start, end, word = words[i]
    if not folded.original[folded.index[offset + start]].isupper():
        return False  # most words
    if not (profane_word(word) or word in WORD_SENSES):
        return False  # "in Umbria" is a place too, but only a place's rude name needs reading
    written = _written(folded, offset, sentence)
    if not ({w for _, _, w in words} & PLACE_NOUNS or _PLACE_PHRASE.search(written)):
        return False
    if addressed and not (i and words[i - 1][2] in PLACE_PREPOSITIONS):
        return False  # "you Bastard from Leeds" is said to someone; "been to Dildo?" is a trip
    following = words[i + 1][2] if i + 1 < len(words) else ""
    if not (
        (i and words[i - 1][2] in PLACE_PREPOSITIONS)
        or following in PLACE_VERBS
        or following in PLACE_NOUNS
    ):
        return False  # only the name itself: "in Umbria", "Bastardo is", "the X village"
    if not _named(folded, offset + start, offset, sentence):
        first = not sentence[:start].strip(" \t\"'“‘(")
        if not (first and _capitalised(folded, offset + start) and following in PLACE_VERBS):
            return False
    return True


def _written(folded, offset: int, sentence: str) -> str:
    """The sentence as the author wrote it (capitals kept), where folding kept its length."""
    if not sentence:
        return ""
    start = folded.index[offset]
    end = folded.index[offset + len(sentence) - 1] + 1
    return folded.original[start:end]


def _capitalised(folded, at: int) -> bool:
    """The word at folded position `at` is written Capitalised, not in capitals."""
    written = folded.original[folded.index[at] :].split(maxsplit=1)
    word = written[0] if written else ""
    letters = [c for c in folded.original if c.isalpha()]
    return (
        word[:1].isupper()
        and not word[1:2].isupper()
        and sum(c.islower() for c in letters) >= 0.7 * len(letters)
    )


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
    for word in _han_mild_words():
        if word not in sentence:
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


def _short(stretch: str, latin: int = MENTION_WORDS, han: int = MENTION_HAN) -> bool:
    return len(_LATIN_WORD.findall(stretch)) <= latin and len(_HAN.findall(stretch)) <= han


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
    window = words[max(0, i - SELF_WINDOW) : i]
    for at, (_, _, w) in reversed(list(enumerate(window))):
        if w in FIRST_PERSON:
            return True
        if w == "my" and _my_thing_is(window[at + 1 :]):
            return True  # "my brain is garbage", "my code is trash"; not "my boss is an idiot"
        if w in OTHER_PEOPLE or w in ADDRESS_EN:
            return False  # "I think she is an idiot": about her
    return False


def _my_thing_is(following) -> bool:
    """After "my": a thing (not a person) and then only a copula and intensifiers up to the
    insult ("my brain is garbage"; not "my response to that idiot", "my boss is an idiot")."""
    words = [w for _, _, w in following]
    return (
        len(words) >= 2
        and words[0] not in RELATIONS
        and words[0] not in PEOPLE_NOUNS
        and words[1] in _COPULAS
        and all(w in _COPULAS or w in _INTENSIFIERS for w in words[2:])
    )


_COPULAS = frozenset({"is", "was", "are", "were", "feels", "felt", "looks", "looked", "became"})
_INTENSIFIERS = frozenset(
    {"so", "such", "a", "an", "total", "complete", "absolute", "just", "pure", "utter", "literally",
     "absolutely", "totally", "completely", "kinda", "basically", "still", "always", "now"}
)  # fmt: skip


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
        + r"|\b(?:what|meaning|origin|the word|the term)\b"
        # modtune8: the idioms IDIOM_BEFORE_FOR reads ("a cake to die for", "i'd kill for a
        # nap"), so that a text with no other trigger reaches them; never "to die for this"
        + r"|\bto die for\b(?!\s+(?:this|that|what|it|your|ur|being|saying|posting|the|ur|you))"
        + r"|\b(?:would|['’]d|d) kill for (?:a|an|some|one)\b|\bdying for (?:a|an|some)\b"
        + "|"
        + "|".join(map(re.escape, sorted(ABUSE_TOLD, key=len, reverse=True)))
    )


@lru_cache(maxsize=1)
def _han_mild_words() -> tuple[str, ...]:
    """The Chinese mild words _han_mild looks for, longest first (worked out once)."""
    words = MILD_INSULTS | PRAISE | REPORTED
    return tuple(sorted((w for w in words if _HAN.search(w)), key=len, reverse=True))


@lru_cache(maxsize=1)
def _han_words() -> tuple[tuple[str, tuple[str, ...]], ...]:
    return tuple(
        (word, senses)
        for word, senses in sorted(WORD_SENSES.items(), key=lambda item: -len(item[0]))
        if _HAN.search(word)
    )


# --- modtune18: whole texts whose context a lexical model cannot read ------------------------
# The n-gram classifier acting alone (no term, pattern or other layer agreeing) labelled news of
# a crime (一男子…已被警方行政拘留), posts condemning abuse ("… has no place in our club",
# 请大家不要在评论区用「…」这种词), a newcomer's how-to question (请问怎么私信别人？) and affection
# around a teasing word ("… Love this man.", "Never change."): their words are abuse's n-grams,
# their frame is not. In such a text the classifier alone does not act (classifier._signal);
# beside another layer it still counts. Never where the text addresses someone in earnest
# (你就是, "you're such a"), denies it is abuse (这不是歧视) or calls a group worthy of nothing
# (也配, 凭什么).
_LONE_ADDRESS = re.compile(
    r"\b(?:you|u|ur|your|yours|yourself|ya|y'all|yall)\b|你|您|楼主|楼上", re.IGNORECASE
)
_LONE_NEWS = re.compile(
    r"\b(?:police|court|jailed|arrested|charged|convicted|sentenced|prosecutors?|judge|trial"
    r"|officials|authorities|fined)\b|警方|通报|法院|判决|被判|判了|拘留|刑拘|起诉|立案|被捕"
    r"|据报道|报道称|新闻",
    re.IGNORECASE,
)
_LONE_CONDEMNED = re.compile(
    r"\b(?:is|are|was|isn't|it's) (?:racist|sexist|homophobic|transphobic|bullying|not (?:ok|okay"
    r"|constructive|funny|a joke|acceptable))\b|\bhas no place\b|\bno place (?:in|for)\b"
    r"|\breport it\b|\bi reported\b|\binstead of joining\b"
    r"|不要(?:在|用|说|骂)|别(?:再)?(?:用|说|骂)|请勿|不能说|不该说|是侮辱|(?<!不是)歧视|刻板印象"
    r"|保存证据|都删了|理性讨论|互相尊重",
    re.IGNORECASE,
)
_LONE_EARNEST = re.compile(
    r"你(?:就是|这种|个|们)|\byou(?:'re| are) (?:a|an|such|so)\b|不是歧视|也配|还配|凭什么|滚",
    re.IGNORECASE,
)
_LONE_ASKED = re.compile(
    r"(?:请问|有没有人|有没有在|怎么|要不要|会不会|能不能|要注意|出自|合法)[^。！!.]*(?:[?？]|吗)"
)
_LONE_ASKED_MAX = 30  # characters: a newcomer's question, not a post that argues
_LONE_AFFECTION = re.compile(
    r"❤️|❤|🥰|😘|💕|\blove (?:you|this|him|her|u|ya)\b|\bnever change\b|happy birthday|生日快乐",
    re.IGNORECASE,
)


def lone_frame(text: str) -> str:
    """The frame in which a lexical model's reading of `text` is no evidence by itself: "news",
    "condemned", "asked" or "affection"; "" for none."""
    if _LONE_EARNEST.search(text):
        return ""
    addressed = _LONE_ADDRESS.search(text) is not None
    if not addressed and _LONE_NEWS.search(text):
        return "news"
    if _LONE_CONDEMNED.search(text):
        return "condemned"
    if not addressed and len(text) <= _LONE_ASKED_MAX and _LONE_ASKED.search(text):
        return "asked"
    if _LONE_AFFECTION.search(text):
        return "affection"
    return ""
