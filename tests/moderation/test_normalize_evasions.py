"""One normalisation for every layer: pictographs inside words, pictographs that stand for a
Chinese character, and masked letters fold onto the plain spelling; innocent emoji, file names
and abbreviations stay as written; every folded character still maps back to the original."""

import pytest

from crossnote.moderation.detectors.normalize import normalise


@pytest.mark.parametrize(
    ("written", "folded"),
    [
        ("你就是个傻😂逼", "你就是个傻逼"),  # an emoji inside a Chinese word
        ("傻😂😂逼", "傻逼"),
        ("傻👍🏻逼", "傻逼"),  # with a skin-tone modifier
        ("fu🤬ck", "fuck"),  # inside a Latin word
        ("草泥🐴", "草泥马"),  # emoji-as-character beside Chinese
        ("🐶东西", "狗东西"),
        ("你妈💀了", "你妈死了"),
        ("你是🐷", "你是猪"),
        ("motherf*cker", "motherfucker"),  # masks
        ("f**k you", "fuck you"),
        ("f#ck", "fuck"),
        ("sh.t happens", "shit happens"),
        ("sh_t", "shit"),
        ("b*tch", "bitch"),
        ("a**hole", "asshole"),
        ("wh*re", "whore"),
        ("you wh0re", "you whore"),  # leetspeak
        ("idіot", "idiot"),  # Cyrillic і
        ("іdіоt", "idiot"),  # Cyrillic і and о
        ("ｓｂ", "sb"),  # full width
        ("傻Ｂ", "傻b"),
    ],
)
def test_evasions_fold_onto_the_plain_spelling(written, folded):
    assert normalise(written).text == folded


@pytest.mark.parametrize(
    "innocent",
    [
        "my 🐶 is cute",  # an emoji between words is an emoji
        "I ❤ you",
        "周末快乐🎉",
        "node.js e.g. snake_case a.m.",  # masks that fit no profane word
        "www.example.com",
        "version 2.0.1",
        "hello.world",
        "C# and F#",
    ],
)
def test_innocent_emoji_and_dotted_words_stay(innocent):
    assert normalise(innocent).text == innocent.lower()


def test_pictographs_dropped_inside_a_word_keep_the_map_to_the_original():
    written = "你就是个傻😂逼!"
    normalised = normalise(written)
    assert normalised.text == "你就是个傻逼!"
    assert len(normalised.index) == len(normalised.text)
    start = normalised.text.index("傻逼")
    first, last = normalised.original_span(start, start + 2)
    assert written[first:last] == "傻😂逼"


def test_an_emoji_read_as_a_character_maps_back_to_the_emoji():
    written = "草泥🐴!"
    normalised = normalise(written)
    start = normalised.text.index("草泥马")
    first, last = normalised.original_span(start, start + 3)
    assert written[first:last] == "草泥🐴"


def test_masked_letters_keep_the_map_to_the_original():
    written = "what a motherf*cker"
    normalised = normalise(written)
    start = normalised.text.index("motherfucker")
    assert written[slice(*normalised.original_span(start, start + 12))] == "motherf*cker"
