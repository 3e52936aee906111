"""The offline learner's view: word by word, commonest short sense, names spelled, never a
sentence; stored with the cached translation, returned by the API, rendered by _gloss.html."""

import re

import pytest
from django.template.loader import render_to_string
from django.utils import translation

from crossnote.language.backends import dictionary
from crossnote.language.backends.dictionary import (
    MAX_GLOSS_WORDS,
    en_tokens,
    gloss_line,
    gloss_words,
    ranked_senses,
    zh_tokens,
)
from crossnote.language.backends.gloss_table import ZH_OVERRIDES
from crossnote.language.models import Translation
from crossnote.language.services import translate_text
from crossnote.notes.services import create_note
from tests.conftest import upload

JSON = "application/json"
# Everyday posts; no gloss of any word in them may be a classifier, surname, variant,
# abbreviation, place or encyclopedic note.
EVERYDAY = [
    "我想租车去老街逛逛",
    "滚回去吧",
    "九份的夜景太美了",
    "下周成都见！",
    "这家店的东西好吃又便宜",
    "我的猫每天都在睡觉",
    "今天天气真好，我们去公园散步吧",
    "昨天看了一部电影，还行",
    "老板说明天要下雨了",
    "我还是喜欢银行旁边那家咖啡店",
]
BAD_SENSE = re.compile(
    r"CL:|surname|variant|abbr\.|classifier|Vietnam|Burma|province|municipality|city", re.I
)


def words(tokens):
    return {t["surface"]: t for t in tokens if t["is_word"]}


def test_common_words_get_their_common_sense_not_cedicts_first():
    view = words(zh_tokens("我想租车去老街逛逛"))
    assert view["租车"]["gloss"] == "rent a car"
    assert view["老街"]["gloss"] == "old street" and not view["老街"]["is_name"]
    assert view["想"]["gloss"] == "want" and "think" in " ".join(view["想"]["senses"])
    assert view["租车"]["pinyin"] == "zū chē"


def test_slang_insult_reads_as_one_a_moderator_understands():
    view = words(zh_tokens("滚回去吧"))
    assert view["滚"]["gloss"] == "get lost"
    assert view["回去"]["gloss"] == "go back"
    assert view["吧"]["gloss"].startswith("(particle")  # a particle is described, not faked


def test_the_reading_in_context_picks_the_entry():
    """车 is chē ("car"), never jū ("war chariot"); 行 in 银行 is háng."""
    car = ranked_senses(dictionary._reading_entries("车", dictionary._entries_by_word()["车"]))
    assert car[0] == "car" and not any("chariot" in s for s in car)
    bank = words(zh_tokens("我去银行"))["银行"]
    assert bank["gloss"] == "bank" and bank["pinyin"] == "yín háng"


@pytest.mark.parametrize("sentence", EVERYDAY)
def test_no_gloss_is_a_classifier_surname_variant_place_or_encyclopedia(sentence):
    for item in zh_tokens(sentence):
        if not item["is_word"] or item["is_name"]:
            continue
        assert item["gloss"], item
        assert not BAD_SENSE.search(item["gloss"]), item
        assert len(item["gloss"].split()) <= MAX_GLOSS_WORDS, item
        assert not any(BAD_SENSE.search(sense) for sense in item["senses"]), item


def test_ranked_senses_drop_what_a_learner_should_not_see():
    entries = dictionary._entries_by_word()["猫"]
    assert ranked_senses(entries)[0] == "cat"
    assert not any(s.startswith("CL:") for s in ranked_senses(entries))
    old = ranked_senses(dictionary._entries_by_word()["老"])
    assert old[0] == "old"  # not "prefix used before the surname of a person…"
    cheap = ranked_senses(
        dictionary._reading_entries("便宜", dictionary._entries_by_word()["便宜"])
    )
    assert cheap[0] == "cheap"  # "a petty advantage" is rarer


def test_names_are_spelled_not_glossed():
    view = words(zh_tokens("王小明和汤姆一起去上海，下周成都见"))
    assert (view["王小明"]["gloss"], view["王小明"]["is_name"]) == ("Wang Xiaoming", True)
    assert (view["汤姆"]["gloss"], view["汤姆"]["is_name"]) == ("Tom", True)
    assert (view["上海"]["gloss"], view["上海"]["is_name"]) == ("Shanghai", True)
    assert view["成都"]["gloss"] == "Chengdu" and view["成都"]["is_name"]
    assert not words(zh_tokens("这家店的东西好吃"))["东西"]["is_name"]  # jieba tags it a place


def test_a_title_about_jiufen_gets_the_name_and_no_encyclopedia_note():
    tokens = zh_tokens("九份的夜景太美了")
    jiufen = words(tokens)["九份"]
    assert jiufen["gloss"] == "Jiufen" and jiufen["is_name"]
    assert "mining" not in gloss_line(tokens, "en")  # the note is one tap away, not pasted in
    assert any("mining" in sense for sense in jiufen["senses"])


def test_english_to_chinese_is_word_by_word_and_never_a_run_together_string():
    tokens = en_tokens("I understood Tom's point.")
    view = words(tokens)
    assert [t["surface"] for t in tokens if t["is_word"]] == [
        "I",
        "understood",
        "Tom",
        "'s",
        "point",
    ]
    assert view["Tom"]["is_name"] and view["Tom"]["gloss"] == "汤姆"
    assert view["understood"]["gloss"] in ("明白", "理解", "懂")
    assert view["point"]["pinyin"] and view["point"]["gloss"]
    line = gloss_line(tokens, "zh")
    assert "understoodTom" not in line and "我understood" not in line
    assert line.startswith("I（我） understood（")


def test_contractions_split_and_its_reads_as_it_is():
    view = words(en_tokens("It's a surprise. I don't know."))
    assert view["'s"]["gloss"] == "是"
    assert view["n't"]["gloss"] == "不" and view["do"]["gloss"] == "做"
    assert view["surprise"]["gloss"] == "惊喜"


def test_gloss_line_marks_every_word_so_it_never_reads_as_a_sentence():
    line = gloss_line(zh_tokens("我想租车"), "en")
    assert line == "我 (I) 想 (want) 租车 (rent a car)"
    assert gloss_words(zh_tokens("我想租车"), "en") == "I want rent a car"


def test_every_override_fixes_what_the_ranking_alone_gets_wrong():
    """The hand-made table stays small: an entry the data already gets right is dead weight."""
    for word, (gloss, *_more) in ZH_OVERRIDES.items():
        entries = dictionary._entries_by_word().get(word, [])
        ranked = ranked_senses(dictionary._reading_entries(word, entries))
        plain = dictionary.ZH_COMMON.get(word) or (ranked[0] if ranked else None)
        assert plain != gloss, f"{word}: the ranking already says {gloss!r}"


# --- stored, cached, served and rendered like translations -----------------------------------


@pytest.fixture
def offline(settings):
    settings.CROSSNOTE_TRANSLATION_BACKENDS = ["dictionary"]


@pytest.mark.django_db
def test_the_learner_view_is_cached_with_the_translation(offline):
    first = translate_text("我想租车 #旅行 @mia_k https://x.example/a", "en")
    row = Translation.objects.get()
    assert first.is_gloss and row.tokens == first.tokens
    kept = [t["surface"] for t in first.tokens if not t["is_word"]]
    assert "#旅行" in kept and "@mia_k" in kept and "https://x.example/a" in kept
    again = translate_text("我想租车 #旅行 @mia_k https://x.example/a", "en")
    assert again.cached and again.tokens == first.tokens


@pytest.mark.django_db
def test_slang_from_the_glossary_is_one_word_with_its_meaning(offline):
    result = translate_text("这个真的yyds", "en")
    slang = words(result.tokens)["yyds"]
    assert slang["gloss"].startswith("GOAT")


@pytest.mark.django_db
def test_the_api_returns_the_tokens(client_for, lin, offline):
    response = client_for(lin).post(
        "/api/v1/translate", {"text": "滚回去吧", "target": "en"}, content_type=JSON
    )
    assert response.status_code == 200
    body = response.json()
    assert body["is_gloss"] is True
    first = body["tokens"][0]
    assert set(first) == {"surface", "pinyin", "gloss", "senses", "is_name", "is_word"}
    assert (first["surface"], first["gloss"]) == ("滚", "get lost")


@pytest.mark.django_db
def test_the_openapi_schema_documents_the_tokens(client):
    schema = client.get("/api/v1/openapi.json").json()
    assert "GlossTokenOut" in schema["components"]["schemas"]
    out = schema["components"]["schemas"]["TranslationOut"]["properties"]
    assert "tokens" in out


@pytest.mark.django_db
def test_the_note_page_renders_the_learner_view_labelled_and_escaped(client_for, mia, lin, offline):
    note = create_note(author=mia, title="九份<b>老街</b>", body="我想租车", images=[upload()])
    page = client_for(lin).get(f"/notes/{note.pk}/translation/?to=en")
    html = page.content.decode()
    assert page.status_code == 200
    assert "Word-by-word glosses, not a translation" in html
    assert "&lt;b&gt;" in html and "<b>" not in html and "</b>" not in html
    assert "rent a car" in html and "zū chē" in html and "gloss-name" in html


def test_the_partial_reads_in_chinese_for_a_chinese_reader():
    tokens = en_tokens("stupid bastard")
    result = {"tokens": tokens, "source": "en", "target": "zh"}
    with translation.override("zh-hans"):
        html = render_to_string("language/_gloss.html", {"t": result})
    assert "逐词释义，并非翻译" in html and "混蛋" in html and "Word-by-word" not in html


def test_an_insult_jieba_cuts_is_one_word_a_moderator_understands():
    view = words(zh_tokens("你他妈的是傻逼吗"))
    assert "vulgar" in view["傻逼"]["gloss"] and "傻" not in view
    assert "vulgar" in view["他妈的"]["gloss"]


def test_words_cc_cedict_cannot_gloss_are_shown_without_looping():
    """A rare character (no entry) and a word known only as a variant of another."""
    rare = zh_tokens("㐀")
    assert [(t["surface"], t["gloss"]) for t in rare] == [("㐀", "")]
    assert dictionary._word_gloss("傻屄")[0]  # the word 傻逼 is a variant of has senses
    variant = dictionary._variant_gloss(dictionary._entries_by_word()["傻逼"])
    assert variant is not None and "stupid" in variant[0]


def test_word_boxes_never_sit_inside_a_paragraph():
    """<details> closes an open <p> in every browser: the boxes would spill out of their row."""
    tokens = zh_tokens("我想租车去老街逛逛")
    html = render_to_string(
        "language/_gloss.html", {"t": {"tokens": tokens, "source": "zh", "target": "en"}}
    )
    assert "<details" in html
    for paragraph in re.findall(r"<p\b.*?</p>", html, re.DOTALL):
        assert "<details" not in paragraph and "gloss-word" not in paragraph
