"""One topic for its Chinese and English names: #猫 and #cats are one subject.

A new topic is linked to its name in the other language when the dictionary (CC-CEDICT) and the
sentence encoder agree, suggested when only the encoder does; browsing, search and explore then
serve every name's notes; operators link, unlink and review suggestions with `crossnote topics`.
"""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from crossnote.core.errors import InvalidInput
from crossnote.feeds import ranking
from crossnote.feeds.services import pick_topics
from crossnote.notes.models import Topic
from crossnote.notes.selectors import notes_with_topic, topic_cards, topic_group
from crossnote.notes.services import link_topics, unlink_topic
from crossnote.search import topic_links
from crossnote.search.selectors import search_notes, search_topics
from tests.conftest import make_user

pytestmark = pytest.mark.django_db


def topic(name):
    return Topic.objects.get(name=name)


def names(group):
    return [t.name for t in group]


def test_a_new_chinese_topic_joins_its_english_name_when_dictionary_and_encoder_agree(mia, post):
    post(mia, "Pepper", "asleep again #cats")
    post(mia, "窗台", "猫在睡觉 #猫")
    assert topic("猫").canonical == topic("cats")
    assert names(topic_group("猫")) == ["cats", "猫"]
    assert names(topic_group("cats")) == ["cats", "猫"]


def test_the_encoder_alone_only_suggests(mia, post):
    post(mia, "Night walk", "#citylife")
    post(mia, "夜景", "#城市生活")
    new = topic("城市生活")
    assert new.canonical is None
    assert new.suggested_link == topic("citylife")
    assert new.suggested_score >= topic_links.SUGGEST_MIN_SIMILARITY
    assert topic_links.suggestions() == [new]


def test_unrelated_names_stay_apart(mia, post):
    post(mia, "Night walk", "#citylife")
    post(mia, "火锅", "#火锅")
    assert topic("火锅").canonical is None and topic("火锅").suggested_link is None


def test_a_subject_keeps_one_name_per_language_unless_an_operator_links_more(mia, post):
    post(mia, "Pepper", "#cats")
    post(mia, "猫", "#猫")
    post(mia, "猫咪", "#猫咪")  # the encoder finds #cats close, but it already has a Chinese name
    assert topic("猫咪").canonical is None


def test_browsing_either_name_shows_the_same_notes(mia, post):
    english = post(mia, "Pepper", "#cats")
    chinese = post(mia, "窗台", "#猫")
    both = {english.pk, chinese.pk}
    assert {n.pk for n in notes_with_topic("cats", None)} == both
    assert {n.pk for n in notes_with_topic("猫", None)} == both


def test_topic_page_lists_the_other_names_and_their_notes(client, mia, post):
    post(mia, "Pepper by the window", "#cats")
    post(mia, "我家的猫", "#猫")
    page = client.get("/topics/%E7%8C%AB/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Pepper by the window" in page and "我家的猫" in page
    assert 'href="/topics/cats/"' in page
    assert "· cat" in page  # the Chinese name glossed for an English reader


def test_searching_either_name_finds_notes_under_the_other(mia, post, reader):
    post(mia, "Night walk", "#citylife")
    post(mia, "夜景", "#城市生活")
    link_topics(topic=topic("城市生活"), to=topic("citylife"))
    # The link re-indexes the notes under both names (on commit, like any index write).
    from crossnote.search.services import rebuild_index

    rebuild_index()
    found = [n.title for n in search_notes(reader, "citylife").items]
    assert "夜景" in found and "Night walk" in found
    assert {t.name for t in search_topics(reader, "citylife").items} == {"citylife", "城市生活"}


def test_picking_one_name_brings_the_others_notes_into_explore(mia, post):
    post(mia, "Pepper", "#cats")
    post(mia, "窗台", "#猫")
    reader = make_user("reader2")
    pick_topics(user=reader, names=["cats"])
    assert set(ranking.picked_topics(reader).values()) == {"cats"}
    assert set(ranking.picked_topics(reader)) == {topic("cats").pk, topic("猫").pk}


def test_link_and_unlink(mia, post):
    for name in ("cats", "猫", "kitten"):
        Topic.objects.create(name=name)
    link_topics(topic=topic("猫"), to=topic("cats"))
    link_topics(topic=topic("kitten"), to=topic("猫"))  # joins the group's canonical topic
    assert names(topic_group("kitten")) == ["cats", "kitten", "猫"]
    unlink_topic(topic=topic("cats"))  # the oldest other name takes the group over
    assert names(topic_group("猫")) == ["猫", "kitten"]
    assert topic_group("cats") == [topic("cats")]
    with pytest.raises(InvalidInput):
        link_topics(topic=topic("猫"), to=topic("kitten"))


def test_chips_stand_for_a_subject_with_its_newest_cover(mia, post):
    older = post(mia, "Pepper", "#cats")
    newer = post(mia, "窗台", "#猫")
    cards = topic_cards([topic("cats"), topic("猫")], None)
    assert len(cards) == 1
    card = cards[0]
    assert card.names == ["cats", "猫"] and card.note_count == 2
    assert card.cover.note_id == newer.pk != older.pk
    assert card.name_for("zh-hans") == "猫" and card.other_names("zh-hans") == ["cats"]
    assert card.name_for("en") == "cats"


def test_glosses_in_the_readers_language():
    assert topic_links.gloss("猫", "en") == "cat"
    assert topic_links.gloss("weekend", "zh-hans") == "周末"
    assert topic_links.gloss("pets", "zh-hans") == ""  # 抚摸 "to stroke": the encoder disagrees
    assert topic_links.gloss("cats", "en") == ""


def test_operator_commands(mia, post, capsys):
    post(mia, "Night walk", "#citylife")
    post(mia, "夜景", "#城市生活")
    call_command("topics", "suggestions")
    assert "crossnote topics link 城市生活 citylife" in capsys.readouterr().out
    call_command("topics", "link", "#城市生活", "citylife")
    assert "linked: #citylife #城市生活" in capsys.readouterr().out
    call_command("topics", "suggestions")
    assert "no suggestions waiting" in capsys.readouterr().out
    call_command("topics", "unlink", "城市生活")
    assert topic("城市生活").canonical is None
    with pytest.raises(CommandError, match="no topic #nothing"):
        call_command("topics", "show", "nothing")


def test_suggest_links_existing_topics(mia):
    for name in ("cats", "猫", "citylife", "城市生活"):
        Topic.objects.create(name=name)
    call_command("topics", "suggest", "--dry-run")
    assert topic("猫").canonical is None
    call_command("topics", "suggest")
    assert names(topic_group("猫")) in (["cats", "猫"], ["猫", "cats"])
    assert topic_group("城市生活") == [topic("城市生活")]
    assert len(topic_links.suggestions()) == 1


def test_api_gives_a_topics_names_and_their_notes(client, mia, post):
    post(mia, "Pepper", "#cats")
    post(mia, "窗台", "#猫")
    body = client.get("/api/v1/topics/%E7%8C%AB").json()
    assert body == {"name": "猫", "canonical": "cats", "names": ["cats", "猫"], "note_count": 2}
    notes = client.get("/api/v1/topics/cats/notes").json()
    assert {n["title"] for n in notes["items"]} == {"Pepper", "窗台"}
    missing = client.get("/api/v1/topics/nothing")
    assert missing.status_code == 404


def test_a_pair_is_suggested_once_not_both_ways(db):
    citylife = Topic.objects.create(name="citylife")
    chengshi = Topic.objects.create(name="城市生活")
    assert topic_links.link_new_topic(topic_id=chengshi.pk) is not None
    assert topic_links.link_new_topic(topic_id=citylife.pk) is None
    assert topic_links.suggestions() == [topic("城市生活")]
