"""Folding, segmentation, stemming, pinyin keys and snippets: the same rules for index and query."""

from crossnote.search.snippets import snippet
from crossnote.search.text import (
    fold,
    highlight_spans,
    index_tokens,
    pinyin_keys,
    query_token,
    query_words,
    stem,
)


def test_traditional_folds_to_simplified_and_case_and_width_fold():
    assert fold("貓咪 臺灣 ＣＡＴＳ") == "猫咪 台湾 cats"


def test_stemmer_joins_plural_and_verb_forms():
    for family in (
        ["cat", "cats"],
        ["hike", "hikes", "hiking", "hiked"],
        ["cook", "cooks", "cooking", "cooked"],
        ["story", "stories"],
        ["run", "running"],
        ["box", "boxes"],
        ["glass", "glasses"],
    ):
        assert len({stem(word) for word in family}) == 1, family
    assert stem("bus") == "bus" and stem("spring") == "spring" and stem("tree") == "tree"


def test_index_tokens_segment_chinese_and_keep_single_characters():
    tokens = index_tokens("我的貓咪很可愛！Cats love HOTPOT")
    assert {
        "猫咪",
        "猫",
        "咪",
        "可爱",
        "cat",
        "love" if stem("love") == "love" else stem("love"),
    } <= set(tokens)
    assert "hotpot" in tokens and "！" not in tokens


def test_query_words_use_precise_segmentation_and_drop_stop_words():
    assert query_words("周末去上海旅行") == ["周末", "上海", "旅行"]
    assert query_words("the cats") == ["cats"]
    assert query_words("the") == ["the"]  # nothing else left: keep it
    assert [query_token(w) for w in query_words("Cats 貓")] == ["cat", "猫"]


def test_every_precise_query_word_is_an_indexed_token():
    text = "中华人民共和国的火锅很好吃"
    assert set(query_words(text)) <= set(index_tokens(text))


def test_pinyin_keys_for_chinese_topics():
    assert pinyin_keys("火锅") == ("huoguo", "hg")
    assert pinyin_keys("火鍋") == ("huoguo", "hg")
    assert pinyin_keys("cats") == ("", "")


def test_snippet_escapes_text_and_marks_matches():
    html = str(snippet("<b>My</b> cats & 貓咪", {"cat", "猫"}))
    assert "&lt;b&gt;My&lt;/b&gt;" in html
    assert "<mark>cats</mark>" in html and "<mark>貓</mark>" in html
    assert "&amp;" in html


def test_snippet_centres_on_a_late_match():
    text = "word " * 80 + "hotpot at the end"
    html = str(snippet(text, {"hotpot"}, width=60))
    assert html.startswith("…") and "<mark>hotpot</mark>" in html


def test_highlight_spans_follow_the_original_offsets():
    text = "Hiking in 臺灣"
    spans = highlight_spans(text, {stem("hike"), "台湾"})
    assert [text[a:b] for a, b in spans] == ["Hiking", "臺灣"]
