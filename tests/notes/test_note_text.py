"""Reading #topics and @mentions out of text."""

import pytest

from crossnote.notes.text import MAX_TOPICS, extract_mentions, extract_topics, normalise_topic


def test_chinese_and_english_topics_are_found_and_case_folded():
    assert extract_topics("今晚吃 #火锅，和 #Cats 一起 #cats") == ["火锅", "cats"]


def test_topic_ends_at_chinese_and_english_punctuation():
    assert extract_topics("好吃 #火锅。然后 #奶茶！#Tea, (#coffee) done") == [
        "火锅",
        "奶茶",
        "tea",
        "coffee",
    ]


def test_picked_topics_come_first_and_duplicates_with_the_body_are_dropped():
    assert extract_topics("about #Travel and #food", ["#travel", "Photo", "PHOTO"]) == [
        "travel",
        "photo",
        "food",
    ]


def test_at_most_ten_topics_are_kept_in_order():
    body = " ".join(f"#t{i}" for i in range(15))
    topics = extract_topics(body)
    assert MAX_TOPICS == 10
    assert topics == [f"t{i}" for i in range(10)]


def test_hash_inside_a_word_or_url_is_not_a_topic():
    assert extract_topics("issue#12 and https://example.com/page#section and C#") == []


def test_picked_topics_with_spaces_or_symbols_are_ignored():
    assert extract_topics("", ["good", "two words", "bad!", "", "#", "＃全角"]) == ["good", "全角"]


def test_topic_names_are_cut_to_30_characters():
    assert normalise_topic("#" + "x" * 40) == "x" * 30
    assert extract_topics("#" + "y" * 30) == ["y" * 30]


@pytest.mark.parametrize("text", ["", None, "no tags here", "# not a tag"])
def test_text_without_topics_gives_none(text):
    assert extract_topics(text) == []


def test_mentions_are_found_unique_in_order():
    assert extract_mentions("@mia_ms hi @lin_sh and @MIA_MS again, cc @zoe_bj.") == [
        "mia_ms",
        "lin_sh",
        "zoe_bj",
    ]


def test_mentions_right_after_chinese_text_and_punctuation_are_found():
    assert extract_mentions("谢谢@lin_sh！（@mia_ms）") == ["lin_sh", "mia_ms"]


def test_emails_and_too_short_handles_are_not_mentions():
    assert extract_mentions("write to mia@example.com or @ab or @@lin_sh") == []


def test_mention_handles_stop_at_characters_a_username_cannot_have():
    assert extract_mentions("(@mia_ms) @lin_sh, @zoe_bj!") == ["mia_ms", "lin_sh", "zoe_bj"]
