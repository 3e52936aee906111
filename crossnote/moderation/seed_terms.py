"""The term lists a fresh install ships: profanity and slurs, scam and spam phrases, insults.

Profanity and slurs come from the English and Chinese dictionaries bundled with glin-profanity
4.1.0 (https://github.com/GLINCKER/glin-profanity, © GLINCKER, MIT licence per the package
metadata; the wheel carries no LICENSE file, so keep this notice with the derived lists). The
source does not tell slurs from other profanity: the slurs below were picked out by hand into
"hate", everything else is "profanity". Words that are innocent in everyday conversation
(medical and biological words, "escort", "hardcore", "私服", "靠背", "处女座"...) are filtered
out, and terms with common innocent containing words carry those words as exceptions. The scam,
spam and harassment phrases are our own.

Lists are language-neutral ("" language): on a bilingual platform an English curse in a Chinese
post is common, and a Chinese term cannot occur in English text anyway. Operators narrow or
extend the lists in admin; this module is only the seed.
"""

import json
from collections import Counter
from importlib.resources import files

from crossnote.moderation import categories
from crossnote.moderation.detectors.terms import TermEntry, fold_term

GLIN_DICTIONARIES = files("glin_profanity.data") / "dictionaries"

# glin-profanity entries dropped: innocent in normal conversation (body, health, biology, news,
# places, names, fashion, games) or too short to be safe ("bs", "mf", "xx").
EN_DROPPED = {
    "acrotomophilia", "alaskan pipeline", "anal", "anus", "auto erotic", "autoerotic", "babeland",
    "baby juice", "ball kicking", "ball licking", "bareback", "barely legal", "barenaked",
    "bastardized", "bastinado", "bestiality", "big black", "big breasts", "birdlock",
    "blonde action", "blue waffle", "bondage", "boner", "boob", "brunette action", "bs",
    "bung hole", "bunghole", "butt", "chocolate rosebuds", "clitoris", "cocks", "coon", "coons",
    "coprolagnia", "coprophilia", "cornhole", "cumming", "date rape", "daterape", "deep throat",
    "dendrophilia", "dick", "dog style", "domination", "ecchi", "ejaculation", "erotic", "erotism",
    "escort", "eunuch", "fecal", "fingering", "g-spot", "gay sex", "genitals", "girl on",
    "girl on top", "golden shower", "grope", "hard core", "hardcore", "hoe", "homoerotic", "hooker",
    "hot chick", "how to kill", "how to murder", "huge fat", "incest", "intercourse", "jelly donut",
    "kinbaku", "kinky", "lmfao", "lolita", "lovemaking", "make me come", "masturbate", "mf",
    "missionary position", "nawashi", "negro", "neonazi", "nimphomania", "nipple", "nipples",
    "nude", "nudity", "nymphomania", "octopussy", "omfg", "orgasm", "orgy", "paedophile", "panties",
    "panty", "pedophile", "pegging", "penis", "pissed", "pissing", "playboy", "pleasure chest",
    "poof", "porn", "pornography", "rape", "raping", "rapist", "rectum", "rimming", "sadism",
    "santorum", "scat", "scissoring", "semen", "sex", "sexo", "sexy", "shibari", "shota",
    "shrimping", "simp", "skeet", "smut", "snatch", "snowballing", "sodomy", "spread legs", "spunk",
    "strap on", "strappado", "strip club", "suck", "sucks", "suicide girls", "sultry women",
    "swastika", "swinger", "tainted love", "taste my", "testbad01", "threesome", "tied up",
    "tight white", "tit", "tongue in a", "topless", "tushy", "twink", "twinkie", "undressing",
    "urophilia", "vagina", "vibrator", "violet wand", "vorarephilia", "voyeur", "vulva",
    "wet dream", "wrapping men", "wtf", "xx", "xxx", "yaoi", "zoophilia",
}  # fmt: skip
ZH_DROPPED = {
    "13.", "13点", "三级片", "个老子的", "九游", "乳", "乳头", "乳房", "交配", "他奶奶", "他奶奶的", "他妈", "他妈的", "他娘",
    "你全家", "你奶奶的", "你妈", "你妈的", "你娘", "你是鸡", "你是鸭", "做爱", "军妓", "几八", "刚度", "包皮", "十三点", "卖比", "卖淫",
    "卵", "卵子", "口肯", "后庭", "吹箫", "处女", "外阴", "奶", "奸", "她妈的", "妈妈的", "妈比", "妈的", "妓", "妓女", "妓院",
    "娘的", "嫖娼", "嫖客", "密洞", "射你", "射精", "小乳头", "小卵子", "小肉粒", "小鸡鸡", "屁股", "干七八", "干你", "幹", "强奸",
    "性", "性交", "性器", "性无能", "性爱", "情色", "懒教", "成人", "扒光", "打飞机", "招妓", "插你", "撒尿", "操你", "操妳", "操比",
    "放荡", "日他娘", "日你", "日你妈", "日你老娘", "日你老母", "日批", "月经", "机八", "机巴", "淫", "激情", "爛", "狗日", "玉杵",
    "祖宗", "私服", "笨蛋", "精子", "老二", "老味", "老母", "肉壁", "肉棒", "肉缝", "肥西", "色情", "花柳", "賤", "贝肉", "轮奸",
    "迷药", "逼", "野鸡", "屌丝", "阳具", "阳萎", "阴唇", "阴户", "阴核", "阴毛", "阴茎", "阴道", "阴部", "靠北", "靠母", "靠爸", "靠背",
    "靠腰", "鬼公", "鸡8", "鸡八", "鸡吧", "鸡鸡", "龟头",
}  # fmt: skip
# Slurs among glin-profanity's English words: reported as hate, not mere profanity.
EN_SLURS = {
    "beaner", "beaners", "bulldyke", "carpet muncher", "carpetmuncher", "darkie", "faggot",
    "fudge packer", "fudgepacker", "honkey", "jigaboo", "jiggaboo", "jiggerboo", "kike", "nig nog",
    "nigga", "nigger", "paki", "raghead", "retard", "retarded", "shemale", "slanteye", "spic",
    "towelhead", "tranny", "wetback", "white power",
}  # fmt: skip
# "sb" is also dictionary shorthand for "somebody" in English-learning notes ("give sb sth").
_SOMEBODY = tuple(
    f"{word} sb" for word in (
        "to", "for", "with", "let", "make", "help", "tell", "ask", "give", "show", "get", "keep",
        "remind", "allow", "invite", "persuade", "cause", "sth",
    )
) + ("sb sth", "sb/sth", "sth/sb", "sb's", "sb to do", "sb doing", "sb do")  # fmt: skip
# "retard" the verb: slows something down.
_RETARD_VERB = (
    "retard the", "retard plant", "retard growth", "retard its", "retard their", "retard his",
    "retard her", "retard our", "retard your", "retard corrosion", "retard fire", "retard flames",
    "retard development", "retard progress", "to retard", "may retard", "can retard",
    "could retard", "will retard", "would retard", "might retard", "flame retard", "fire retard",
    "retard the spread", "retard spoilage", "retard ripening", "retard aging", "retard ageing",
    "retard germination", "retard rust", "retard decay", "retard evaporation",
)  # fmt: skip
# Innocent words that contain a term: a match they cover is not a match.
EXCEPTIONS = {
    "you virus": (
        "you virus-scan", "you virus scan", "you virus-check", "you virus check",
        "you virus protection",
    ),
    "cum": ("cum laude",),
    "pussy": ("pussy cat", "pussy willow", "pussy willows", "pussycat"),
    "cock": ("cock crowed", "the cock crows", "cock-a-doodle-doo", "weather cock"),
    "spic": ("spic and span",),
    "retard": _RETARD_VERB,
    "idiot": ("the idiot by", "dostoevsky's the idiot", "the idiot (novel)", "idiot box"),
    "tmd": ("有tmd", "tmd症", "tmd患者", "tmd治疗", "颞下颌关节tmd"),
    "nc": ("nc州", "nc大学", "北卡nc"),
    "nt": ("nt$", "nt币", "新台币nt"),
    "fw": ("fw更新", "fw版本"),
    "傻屌": ("沙雕",),
    "草泥马": ("草泥马是羊驼", "草泥马就是羊驼", "草泥马其实就是羊驼", "草泥马（羊驼）"),
    "脑瘫": (
        "脑瘫儿童", "脑瘫患者", "脑瘫儿", "小儿脑瘫", "脑瘫康复", "脑瘫孩子", "脑瘫人士",
    ),
    "死猪": ("死猪不怕开水烫",),
    "支那": ("印度支那",),
    "屌": ("屌丝",),
    "打死你": ("打死你也想不到", "打死你都不信", "打死你也不信"),
    "sb": _SOMEBODY,
    "叫床": ("叫床服务",),
    "杂种": ("杂种优势",),
    "去死": (
        "去死皮", "去死角", "去死茧", "去死细胞", "去死皮膏", "去死活", "去死磕", "去死守", "去死记",
        "去死亡", "去死海", "去死区",
    ),
    "智障": (
        "智障儿童", "智障人士", "智障者", "智障学生", "智障学校", "智障康复", "智障青年", "智障患者",
        "智障人", "智障家庭", "智障儿", "智障群体", "智障残疾",
    ),
    "废物": ("废物利用", "废物回收", "废物处理", "固体废物", "危险废物", "废物箱", "废物分类"),
    "脑残": ("脑残疾",),
    "贱人": ("贱人就是矫情",),  # a line from 甄嬛传, quoted as a meme
    "他马的": ("他马的尾巴", "他马的鬃毛", "他马的缰绳", "他马的蹄子", "他马的腿"),
    "他妈的": ("其他妈的",),
    "泥马": ("泥马路", "泥马车", "草泥马是羊驼", "草泥马就是羊驼", "草泥马其实就是羊驼", "草泥马（羊驼）"),
    "尼玛": ("尼玛县", "扎西尼玛", "尼玛次仁", "尼玛卓玛", "达瓦尼玛"),
    # 伞兵 is also a paratrooper (see senses.py for the sentences that say so).
    "伞兵": (
        "伞兵部队", "空降伞兵", "伞兵团", "伞兵师", "伞兵旅", "伞兵营", "伞兵连", "伞兵刀", "伞兵靴",
        "伞兵训练", "伞兵学校", "伞兵突击", "伞兵空降",
    ),
}  # fmt: skip
# Terms with innocent readings: a lone hit labels at most, and in Chinese it must agree with
# jieba's segmentation (engine.py, detectors/terms.py). Spam phrases a newcomer uses in
# earnest ("可以加微信吗？想练习中文", "新人报到，求互关～") are here too: contact-sharing alone
# is not spam; with a lure or another spam signal it is.
AMBIGUOUS = {
    # English
    "retard", "retarded", "cock", "cum", "pussy", "idiot", "moron", "bastard", "jackass",
    "tosser", "sb", "cnm", "tmd", "nmb", "mmp", "nc", "zz", "nt", "fw", "lj", "rnm",
    # Chinese
    "去死", "智障", "废物", "脑残", "脑瘫", "滚蛋", "蠢货", "他妈的", "尼玛", "泥马", "他马的",
    "你马的", "她马的", "你他马的", "你她马的", "你它马的", "你麻痹", "死猪", "滚出中国",
    "特么", "打死你", "妈逼", "傻嗨",
    # Issue 17, session 10: a paratrooper, and 日你先人 inside 今日你先人一步 (jieba tells them
    # apart).
    "伞兵", "日你先人",
    # Issue 17, helper "mod17": 支那 is also written in history ("the wartime press called the
    # Chinese 支那豬"): alone it labels; with a second signal it holds.
    "支那", "支那猪",
    # spam: contact-sharing and follow-backs
    "加微信", "加我微信", "加v", "加vx", "加qq", "求互关", "互粉互赞", "看我主页",
    "follow for follow", "whatsapp me", "contact me on telegram", "check my profile for",
}  # fmt: skip

SCAM = {
    "zh-scam": [
        "刷单", "刷单返利", "兼职日结", "日结兼职", "一单一结", "稳赚不赔", "保本保息", "高额回报",
        "月入过万", "日赚千元", "躺赚", "带你赚钱", "网赌", "资金盘", "恭喜您中奖", "安全账户",
        "代开发票", "裸贷", "无抵押贷款", "网贷秒批", "内部消息稳赚", "领取红包", "领红包",
        "加微信领取", "加我领取", "扫码领取", "返利红包", "日赚", "加微信送",
    ],
    "en-scam": [
        "dm me for crypto", "guaranteed returns", "guaranteed profit",
        "click the link in bio to claim", "link in bio to claim", "double your bitcoin",
        "double your money", "risk-free investment", "claim your prize", "you have won a",
        "send btc", "crypto signals", "forex signals", "cash app flip", "crypto returns",
        "dm me for investment", "guaranteed crypto", "bitcoin investment opportunity",
    ],
}  # fmt: skip
SPAM = {
    "zh-spam": [
        "加微信", "加我微信", "加v", "加vx", "加qq", "私信领取", "免费领取", "关注领取",
        "互粉互赞", "求互关", "主页有惊喜", "看我主页",
    ],
    "en-spam": [
        "free followers", "buy followers", "cheap followers", "check my profile for",
        "whatsapp me", "contact me on telegram", "follow for follow",
    ],
}  # fmt: skip
HARASSMENT = {
    "zh-harassment": [
        "傻逼", "傻b", "脑残", "去死", "去死吧", "死全家", "全家死光", "滚蛋", "废物", "蠢货",
        "智障", "狗东西", "贱人", "人渣",
        # Core abuse that was missing, and its common spellings (homophones and pinyin are
        # matched too; these are listed so they hold even where they are dictionary words).
        "你妈死了", "你全家死了", "操你妈", "我操你妈", "草泥马", "艹你妈", "你妈逼", "妈了个逼",
        "煞笔", "沙比", "沙币", "傻叉", "傻x", "傻屌", "傻缺", "傻哔", "尼玛", "泥马", "死妈", "你妈炸了",
        "你妈没了", "狗娘养的", "杂种", "王八蛋", "畜生", "贱货", "婊子", "碧池", "神经病吧你",
        "滚你妈的", "去你妈的", "你麻痹", "去屎吧", "脑瘫", "死胖子", "死猪", "打死你", "等着被打死",
        "滚出中国", "法克鱿", "法克你",
        # Initials used as words (whole words only: never inside "usb" or "sbux"; the short
        # ones count only where the text has Chinese in it).
        "sb", "cnm", "nmb", "nmsl", "mlgb", "wcnm", "rnm", "qnmd", "cnmb", "mmp", "nc", "zz",
        "nt", "fw", "lj",
        # Issue 17, session 8: a family called dogs (你全家都是🐶 folds to 狗).
        "全家都是狗",
        # Issue 17, session 9: 狗日的 (glin's 狗日 was dropped with 日, so 🐶日的 got through),
        # and the Cantonese 傻閪 with the 嗨 it is typed as.
        "狗日的", "傻閪", "傻嗨",
        # Issue 17, session 10: internet and dialect insults the lists lacked. 伞兵 (for 傻逼,
        # "sb" read as the paratroopers' 伞兵), 憨批 and 撒比 (Sichuan and Shaanxi 傻逼), 二逼, 狗逼,
        # 马勒戈壁 (泥马勒戈壁: the grass-mud-horse meme's 妈了个逼), 妈了个巴子, 日你先人 and
        # 日你仙人板板 (cursing one's ancestors), 滚犊子, and the 婊 compounds.
        "伞兵", "憨批", "撒比", "二逼", "狗逼", "马勒戈壁", "妈了个巴子", "日你先人", "日你仙人板板",
        "滚犊子", "绿茶婊", "心机婊", "圣母婊",
        # Issue 17, helper "mod17": the Cantonese 八婆, and 支那 (an ethnic slur; 印度支那 is
        # Indochina, and a sentence asking why it is a slur drops it: detectors/senses.py).
        "八婆", "死八婆", "支那", "支那猪",
    ],
    "en-harassment": [
        "kill yourself", "go kill yourself", "kys", "drink bleach", "idiot", "moron",
        "you stupid bastard", "stupid bitch", "worthless piece of",
        # Issue 17, session 8: calling a person, or the Chinese, a virus.
        "you virus", "chinese virus", "kung flu",
        # Issue 17, helper "mod17": a racial taunt, and "fuck off and die" as initials.
        "ching chong", "foad",
    ],
}  # fmt: skip
# Hand-made profanity the glin-profanity list lacks or that was dropped with its innocent
# neighbours (他妈的 went with 他妈: "其他妈妈"); segmentation now tells them apart.
PROFANITY = {
    "zh-profanity": [
        "他妈的", "tmd", "卧槽", "我靠你妈", "特么", "特么的", "你妈卖批", "妈卖批", "鸡掰", "干你老师",
        "操蛋",  # issue 17, helper "mod17"
    ],
    "en-profanity": ["whore", "wh0re"],
}  # fmt: skip


def starter_entries() -> list[TermEntry]:
    """Every starter term as a TermEntry, hand-made lists first: a term appears once."""
    entries: list[TermEntry] = []
    seen: set[str] = set()
    counts: Counter[str] = Counter()

    def add(terms, category, list_name):
        for term in terms:
            folded = fold_term(term).text
            if folded in seen:
                continue
            seen.add(folded)
            counts[list_name] += 1
            entries.append(
                TermEntry(
                    term=term, category=category, list_name=list_name, term_id=counts[list_name],
                    exceptions=EXCEPTIONS.get(term, ()), ambiguous=term in AMBIGUOUS,
                )
            )  # fmt: skip

    for lists, category in (
        (HARASSMENT, categories.HARASSMENT),
        (SCAM, categories.SCAM),
        (SPAM, categories.SPAM),
        (PROFANITY, categories.PROFANITY),
    ):
        for list_name, terms in lists.items():
            add(terms, category, list_name)
    english = _glin_words("english.json", dropped=EN_DROPPED)
    add([word for word in english if word in EN_SLURS], categories.HATE, "en-hate")
    add([word for word in english if word not in EN_SLURS], categories.PROFANITY, "en-profanity")
    add(_glin_words("chinese.json", dropped=ZH_DROPPED), categories.PROFANITY, "zh-profanity")
    return entries


def _glin_words(filename: str, *, dropped: set[str]) -> list[str]:
    """A glin-profanity dictionary ({"words": [...]}) without the dropped words, compared
    after folding so that variants (妳 / 你) go with the word they spell, and without spellings
    ("sh1t", "$h!t") that fold onto a word listed plainly: matching folds them anyway."""
    words = json.loads((GLIN_DICTIONARIES / filename).read_text(encoding="utf-8"))["words"]
    dropped_folded = {fold_term(word).text for word in dropped}
    plain = {word.lower() for word in words}
    kept = []
    for word in words:
        folded = fold_term(word).text
        if folded in dropped_folded or (folded != word.lower() and folded in plain):
            continue
        kept.append(word)
    return kept


STARTER_DESCRIPTION = "Starter list shipped with Crossnote"


def add_starter_terms(apps, schema_editor, *, terms: set[str]) -> None:
    """A data migration's step (0011 onwards): the starter lists catch up with starter_entries()
    for `terms`. Only a list that is still the shipped starter list of its name gets them; an
    operator's own list of that name, and their own terms, are left alone."""
    term_list_model = apps.get_model("moderation", "TermList")
    term_model = apps.get_model("moderation", "Term")
    for entry in starter_entries():
        if entry.term not in terms:
            continue
        term_list = term_list_model.objects.filter(
            name=entry.list_name, description=STARTER_DESCRIPTION
        ).first()
        if term_list is None:
            continue  # no starter list of that name here: the operator's lists are theirs
        term_model.objects.get_or_create(
            term_list=term_list,
            term=entry.term,
            defaults={"exceptions": list(entry.exceptions), "ambiguous": entry.ambiguous},
        )


def remove_starter_terms(apps, schema_editor, *, terms: set[str]) -> None:
    """add_starter_terms undone: `terms` leave the starter lists (never an operator's list)."""
    term_model = apps.get_model("moderation", "Term")
    term_model.objects.filter(term__in=terms, term_list__description=STARTER_DESCRIPTION).delete()
