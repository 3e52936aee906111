"""Property tests (hypothesis) on text normalisation and the parsing of #topics and @mentions:
whatever people type, the parsers return well-formed, bounded, stable results."""

import re

from hypothesis import example, given, settings
from hypothesis import strategies as st

from crossnote.moderation.detectors.normalize import normalise
from crossnote.notes.text import MAX_TOPICS, extract_mentions, extract_topics, normalise_topic
from crossnote.search.text import fold

# Text people really type: Latin, CJK (traditional and simplified), full-width forms, emoji,
# zero-width characters, homoglyphs, markup, and the # and @ that start tags and mentions.
ALPHABET = st.sampled_from(
    list("abcXYZ019_ -.,!?#@＃＠&;'\"<>/\n\t")
    + list("猫火锅貓們说說ｆｕｃｋÉéßİıΑΗηабв")
    + ["\u200b", "\u200d", "\u00ad", "\ufe0f", "😂", "👍🏽", "e\u0301"]
)
texts = st.lists(ALPHABET, max_size=80).map("".join)
words = st.lists(st.sampled_from(list("ab猫火锅_9Zé")), min_size=1, max_size=12).map("".join)


@settings(max_examples=300, deadline=None)
@given(texts, st.lists(texts, max_size=5))
@example("今天吃#火锅#真好吃 #Cats #cats", [])
@example("page#top &#39; mia@example.com", [])
def test_topics_are_unique_bounded_and_well_formed(body, picked):
    topics = extract_topics(body, picked)
    assert len(topics) <= MAX_TOPICS
    assert len(set(topics)) == len(topics)
    for topic in topics:
        assert re.fullmatch(r"\w{1,30}", topic), topic
        assert topic == topic.casefold()
        assert normalise_topic(topic) == topic


@settings(max_examples=200, deadline=None)
@given(st.lists(words, min_size=1, max_size=12))
def test_topics_written_as_tags_are_found_again(names):
    body = " ".join(f"#{name}" for name in names)
    expected = []
    for name in names:
        folded = name.casefold()[:30]
        if folded not in expected:
            expected.append(folded)
    found = extract_topics(body)
    assert found == expected[:MAX_TOPICS]
    # Parsing what we produced is stable.
    assert extract_topics(" ".join(f"#{t}" for t in found)) == found


@settings(max_examples=300, deadline=None)
@given(texts)
@example("谢谢@lin_sh and @LIN_SH, mail mia@example.com @ab @" + "x" * 40)
def test_mentions_are_unique_handles_that_appear_after_an_at(text):
    mentions = extract_mentions(text)
    assert len({m.lower() for m in mentions}) == len(mentions)
    for handle in mentions:
        assert re.fullmatch(r"[A-Za-z0-9_]{3,30}", handle)
        assert f"@{handle}" in text


@settings(max_examples=100, deadline=None)
@given(
    st.from_regex(r"[a-z0-9_]{3,20}", fullmatch=True), st.from_regex(r"[a-z]{2,8}", fullmatch=True)
)
def test_email_addresses_are_never_mentions(user, domain):
    assert extract_mentions(f"write to {user}@{domain}.com") == []


@settings(max_examples=300, deadline=None)
@given(texts)
@example("ＦＵＣＫ 貓們 ß İstanbul e\u0301 \u200bx")
def test_search_folding_is_idempotent(text):
    once = fold(text)
    assert fold(once) == once


@settings(max_examples=300, deadline=None)
@given(texts)
@example("f\u200bu\u00adc\u200dk Ηello а$$ 貓")
def test_moderation_normalisation_keeps_a_valid_map_to_the_original(text):
    folded = normalise(text)
    assert len(folded.index) == len(folded.text)
    assert all(0 <= i < len(text) for i in folded.index)
    assert folded.index == sorted(folded.index)
    for start in range(len(folded.text)):
        first, last = folded.original_span(start, start + 1)
        assert 0 <= first < last <= len(text)
