"""Text folding for the term lists: evasions fold onto the plain word, innocent text survives,
and every folded character maps back to what the author wrote."""

import pytest

from crossnote.moderation.detectors.normalize import normalise


@pytest.mark.parametrize(
    ("written", "folded"),
    [
        ("ＦＵＣＫ", "fuck"),  # full-width
        ("FuCk", "fuck"),
        ("𝐟𝐮𝐜𝐤", "fuck"),  # mathematical bold
        ("fսck", "fuck"),  # Armenian ս
        ("fuсk", "fuck"),  # Cyrillic с
        ("аѕѕ", "ass"),  # all Cyrillic
        ("ΒΙΤϹΗ", "bitch"),  # Greek capitals, Ϲ a lunate sigma
        ("ѕһіt", "shit"),  # Cyrillic
        ("sh1t", "shit"),
        ("a$$", "ass"),
        ("4ss", "ass"),
        ("b!tch", "bitch"),
        ("f\u200buck", "fuck"),  # zero-width space
        ("f\u00adu\u200dc\ufeffk\u2060", "fuck"),  # soft hyphen, joiner, BOM, word joiner
        ("fúçk", "fuck"),  # precomposed diacritics
        ("fu\u0301ck\u0308", "fuck"),  # combining diacritics
        ("Café Résumé", "cafe resume"),
        ("頭髮", "头发"),  # traditional → simplified
        ("腦殘", "脑残"),
        ("妳好", "你好"),
        ("ß", "ss"),
    ],
)
def test_evasions_fold_onto_the_plain_spelling(written, folded):
    assert normalise(written).text == folded


@pytest.mark.parametrize(
    "innocent",
    [
        "2024",
        "$100",
        "10am",
        "the 4th of July",
        "5g phone with 3d camera",
        "Samsung Galaxy A55",
        "wow!",
        "hello! world",
    ],
)
def test_numbers_and_punctuation_are_not_leetspeak(innocent):
    assert normalise(innocent).text == innocent.lower()


def test_japanese_voiced_marks_are_kept():
    assert normalise("がぎぐ").text == "がぎぐ"


def test_index_maps_each_folded_character_to_the_original():
    written = "a\u200bＢ ß頭"
    normalised = normalise(written)
    assert normalised.text == "ab ss头"
    assert normalised.index == [0, 2, 3, 4, 4, 5]
    assert [written[i] for i in normalised.index] == ["a", "Ｂ", " ", "ß", "ß", "頭"]


def test_original_span_covers_what_the_author_wrote():
    written = "you are a ｆｕｃｋｉｎｇ idiot"
    normalised = normalise(written)
    start = normalised.text.index("fucking")
    first, last = normalised.original_span(start, start + len("fucking"))
    assert written[first:last] == "ｆｕｃｋｉｎｇ"


def test_original_span_includes_trailing_marks_and_invisible_characters():
    written = "fuck\u0301\u200b!"
    normalised = normalise(written)
    assert normalised.text == "fuck!"
    assert normalised.original_span(0, 4) == (0, 6)


@pytest.mark.parametrize(
    ("written", "squeezed", "index"),
    [
        ("f u c k", "fuck", [0, 2, 4, 6]),
        ("f.u.c.k", "fuck", [0, 2, 4, 6]),
        ("f_u-c*k", "fuck", [0, 2, 4, 6]),
        ("傻 逼", "傻逼", [0, 2]),
        ("傻-逼", "傻逼", [0, 2]),
        ("傻\u3000逼", "傻逼", [0, 2]),  # ideographic space
        ("ok 🖕", "ok🖕", [0, 1, 3]),  # emoji are not separators
    ],
)
def test_squeezed_view_drops_separators_and_keeps_the_map(written, squeezed, index):
    view = normalise(written).squeezed
    assert view.text == squeezed
    assert view.index == index
    assert [normalise(written).text[i] for i in view.folded] == list(squeezed)
