"""Reading #topics and @mentions out of note and comment text."""

import re

# \w is Unicode-aware, so #火锅 and #cats both count. A tag may follow Chinese text directly
# (今天吃#火锅) but not an ASCII word or an HTML entity (page#top, &#39;); RedNote's closing '#'
# (#火锅#真好吃) ends the tag and is consumed.
TOPIC_RE = re.compile(r"(?<![A-Za-z0-9_&#/])#(\w{1,30})#?")
# A mention may follow Chinese text directly (谢谢@lin_sh) but not an ASCII word (mia@example.com).
MENTION_RE = re.compile(r"(?<![A-Za-z0-9_@])@([A-Za-z0-9_]{3,30})")
MAX_TOPICS = 10


def normalise_topic(raw: str) -> str:
    """'#Cats ' → 'cats'; empty when nothing usable is left."""
    return raw.strip().lstrip("#＃").strip().casefold()[:30]


def extract_topics(body: str, picked=()) -> list[str]:
    """Topics picked by the author first, then #tags found in the body; unique, at most 10."""
    names: list[str] = []
    for raw in list(picked) + TOPIC_RE.findall(body or ""):
        name = normalise_topic(str(raw))
        if name and re.fullmatch(r"\w+", name) and name not in names:
            names.append(name)
    return names[:MAX_TOPICS]


def extract_mentions(text: str) -> list[str]:
    """@handles in the text, unique, in order."""
    seen: list[str] = []
    for handle in MENTION_RE.findall(text or ""):
        if handle.lower() not in (h.lower() for h in seen):
            seen.append(handle)
    return seen
