"""One topic for its Chinese and English names: #猫 and #cats are one subject.

When a topic is created, its name is matched against the topics of the other script through two
independent witnesses: the CC-CEDICT dictionary (crossnote.search.expansion: 猫 → cat, cats → 猫)
and the multilingual sentence encoder (crossnote.search.embeddings: the two names' vectors are
close). Both agreeing links the new topic to the other one's group at once; the encoder alone
(#citylife and #城市生活, which no dictionary entry joins) only suggests the link, for an operator
to confirm with `crossnote topics link` (or reject by leaving it). A group holds at most one name
per script unless an operator links more.
"""

import logging
from dataclasses import dataclass
from functools import lru_cache

from crossnote.language.backends import dictionary
from crossnote.notes import services as note_services
from crossnote.notes.models import Topic
from crossnote.search import embeddings
from crossnote.search.expansion import chinese_for, english_for
from crossnote.search.text import is_chinese

log = logging.getLogger(__name__)

# Cosine the two names' vectors must reach when the dictionary already joins them (火锅/hotpot
# scores 0.67, 猫/cats 0.92; a word the dictionary gives for a different sense, 穿搭/"mix" →
# #mix, stays well under it).
LINK_MIN_SIMILARITY = 0.55
# Without the dictionary, the encoder alone must be this sure, and clearly prefer one candidate
# (旅行攻略 is 0.69 to #traveltips and 0.58 to #travel): a suggestion, never a link.
SUGGEST_MIN_SIMILARITY = 0.68
SUGGEST_MIN_MARGIN = 0.05
# The encoder compares a new name with this many of the other script's most used topics.
CANDIDATES = 500


@dataclass
class Match:
    topic: Topic
    similarity: float
    dictionary: bool

    @property
    def links(self) -> bool:
        return self.dictionary and self.similarity >= LINK_MIN_SIMILARITY


def script(name: str) -> str:
    return "zh" if is_chinese(name) else "latin"


def english_names(chinese: str) -> set[str]:
    """Topic names an English speaker might use for a Chinese one: its glosses, run together
    (#homecooking), with the usual endings (cat → cats)."""
    names = set()
    for gloss in english_for(chinese):
        word = "".join(gloss)
        names |= {word, f"{word}s", f"{word}es", f"{word}ing", f"{word.removesuffix('e')}ing"}
    return names


def dictionary_agrees(a: str, b: str) -> bool:
    """Does CC-CEDICT give one name for the other (either way round)?"""
    chinese, other = (a, b) if is_chinese(a) else (b, a)
    if not is_chinese(chinese) or is_chinese(other):
        return False
    if chinese in chinese_for(other):
        return True
    return bool(english_names(chinese) & {other, *dictionary._lemmas(other)})


@lru_cache(maxsize=8192)
def _vector(name: str):
    """A topic name's vector, kept: each new topic is compared with hundreds of the same names."""
    return embeddings.embed([name])[0]


def _similarities(name: str, others: list[Topic]) -> list[float]:
    if not others:
        return []
    if not embeddings.available():
        return [0.0] * len(others)
    target = _vector(name)
    return [float(_vector(t.name) @ target) for t in others]


def _scripts_in_groups(topics: list[Topic]) -> dict[int, set[str]]:
    """{canonical id: scripts its names are in} for the groups of `topics`."""
    roots = {t.root_id for t in topics}
    found: dict[int, set[str]] = {root: set() for root in roots}
    for topic in Topic.objects.filter(pk__in=roots) | Topic.objects.filter(canonical__in=roots):
        found[topic.root_id].add(script(topic.name))
    return found


def find_counterpart(topic: Topic) -> Match | None:
    """The best other-script topic for `topic`'s name, or None. Groups that already have a name
    in `topic`'s script, and `topic`'s own group, are not candidates."""
    own = script(topic.name)
    others = Topic.objects.exclude(pk=topic.pk).exclude(canonical=topic)
    if own == "zh":
        by_dictionary = list(others.filter(name__in=english_names(topic.name)))
    else:
        by_dictionary = list(others.filter(name__in=chinese_for(topic.name)))
    popular = list(others.order_by("-note_count", "pk")[: CANDIDATES * 2])
    pool = {t.pk: t for t in [*by_dictionary, *popular] if script(t.name) != own}
    groups = _scripts_in_groups(list(pool.values()))
    pool = {
        pk: t
        for pk, t in pool.items()
        if own not in groups[t.root_id] and t.root_id != topic.root_id
    }
    candidates = list(pool.values())[: CANDIDATES + len(by_dictionary)]
    if not candidates:
        return None
    scores = _similarities(topic.name, candidates)
    matches = [
        Match(t, score, dictionary_agrees(topic.name, t.name))
        for t, score in zip(candidates, scores, strict=True)
    ]
    vouched = [m for m in matches if m.dictionary]
    if vouched:
        return max(vouched, key=lambda m: m.similarity)
    ranked = sorted(matches, key=lambda m: -m.similarity)
    best = ranked[0]
    runner_up = ranked[1].similarity if len(ranked) > 1 else 0.0
    if best.similarity >= SUGGEST_MIN_SIMILARITY and best.similarity - runner_up >= (
        SUGGEST_MIN_MARGIN
    ):
        return best
    return None


def link_new_topic(*, topic_id: int) -> Match | None:
    """Link a new topic to its other-language name when dictionary and encoder agree; remember
    a weaker match as a suggestion. Returns the match acted on (None: nothing found)."""
    topic = Topic.objects.filter(pk=topic_id).first()
    if topic is None or topic.canonical_id or Topic.objects.filter(canonical=topic).exists():
        return None
    match = find_counterpart(topic)
    if match is None or (not match.links and match.topic.suggested_link_id == topic.pk):
        return None  # nothing, or the same pair already waits the other way round
    if match.links:
        note_services.link_topics(topic=topic, to=match.topic)
        log.info("topic #%s linked to #%s (%.2f)", topic.name, match.topic.name, match.similarity)
    else:
        note_services.suggest_topic_link(topic=topic, to=match.topic, score=match.similarity)
    return match


def suggestions() -> list[Topic]:
    """Topics with a link waiting for an operator, the most likely first."""
    return list(
        Topic.objects.filter(suggested_link__isnull=False, canonical__isnull=True)
        .select_related("suggested_link")
        .order_by("-suggested_score", "name")
    )


@lru_cache(maxsize=2048)
def gloss(name: str, target: str) -> str:
    """A short meaning of a topic name in the reader's language: "cat" for 猫 to an English
    reader (the dictionary's learner gloss); 周末 for weekend to a Chinese one, when the encoder
    agrees with the dictionary (#pets is not 抚摸 "to pet, to stroke"); "" when there is none or
    the name is already in the reader's script."""
    language = target.split("-")[0].lower()
    if language == "en" and is_chinese(name):
        found = dictionary._word_gloss(name)
        return found[0] if found else ""
    if language == "zh" and name.isascii() and name.isalpha():
        for chinese in chinese_for(name)[:1]:
            if not english_names(chinese) & {name, *dictionary._lemmas(name)}:
                continue
            if embeddings.available():
                vectors = embeddings.embed([name, chinese])
                if float(vectors[0] @ vectors[1]) < LINK_MIN_SIMILARITY:
                    continue
            return chinese
    return ""
