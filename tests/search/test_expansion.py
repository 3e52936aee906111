"""Cross-language expansion through CC-CEDICT, both ways."""

import pytest

from crossnote.search.expansion import parse_query


@pytest.mark.parametrize(
    ("english", "chinese"), [("hotpot", "火锅"), ("cat", "猫"), ("Shanghai", "上海")]
)
def test_pairs_expand_both_ways(english, chinese):
    (term,) = parse_query(english).terms
    assert [chinese] in term.alternatives
    (term,) = parse_query(chinese).terms
    assert [english.lower()] in term.alternatives


def test_plural_english_word_expands_from_its_lemma():
    (term,) = parse_query("cats").terms
    assert term.token == "cat" and ["猫"] in term.alternatives


def test_traditional_query_expands_like_simplified():
    (term,) = parse_query("貓").terms
    assert term.token == "猫" and ["cat"] in term.alternatives


def test_unexpanded_query_has_no_alternatives():
    query = parse_query("hotpot", expand=False)
    assert not query.expanded and query.tokens == {"hotpot"}


def test_names_without_translation_stay_alone():
    (first, second) = parse_query("mia_ms").terms
    assert (first.token, second.token) == ("mia", "ms")
    assert not first.alternatives and not second.alternatives
