"""Searching notes: Chinese, traditional, English, mixed and cross-language queries; ranking;
indexing on write and on delete. Runs on SQLite (FTS5) and PostgreSQL (tsvector) alike."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from crossnote.notes.models import Note
from crossnote.notes.services import delete_note, update_note
from crossnote.search.models import NoteEntry
from crossnote.search.selectors import search_notes
from tests.search.conftest import titles

pytestmark = pytest.mark.django_db

ANON = AnonymousUser()


@pytest.fixture
def corpus(mia, lin, post):
    return {
        "hotpot_en": post(mia, "My cat loves hotpot", "She sleeps all day. #cats"),
        "hotpot_zh": post(lin, "周末去上海吃火锅", "我的猫咪也喜欢 #火锅"),
        "sunset_zh": post(lin, "上海的日落", "外滩很美"),
        "hiking_en": post(mia, "Hiking trails", "We hiked for hours and cooked dinner."),
        "trad_zh": post(lin, "臺灣的貓", "牠每天都在睡覺"),
    }


def test_chinese_query_finds_chinese_notes(corpus):
    assert titles(search_notes(ANON, "火锅"))[0] == "周末去上海吃火锅"
    assert set(titles(search_notes(ANON, "上海"))) == {"周末去上海吃火锅", "上海的日落"}


def test_traditional_and_simplified_find_each_other(corpus):
    assert "臺灣的貓" in titles(search_notes(ANON, "台湾"))
    assert "周末去上海吃火锅" in titles(search_notes(ANON, "貓"))  # 貓 finds 猫咪's 猫
    assert "臺灣的貓" in titles(search_notes(ANON, "睡觉"))


def test_english_query_is_stemmed(corpus):
    assert titles(search_notes(ANON, "cats"))[0] == "My cat loves hotpot"
    assert titles(search_notes(ANON, "hike"))[0] == "Hiking trails"
    assert titles(search_notes(ANON, "cooking"))[0] == "Hiking trails"


def test_mixed_query_needs_every_word_in_either_language(corpus):
    assert titles(search_notes(ANON, "cat 火锅"))[:2] == ["My cat loves hotpot", "周末去上海吃火锅"]
    assert titles(search_notes(ANON, "上海 hotpot")) == ["周末去上海吃火锅"]


@pytest.mark.parametrize(
    ("english", "chinese_title", "english_title"),
    [
        ("hotpot", "周末去上海吃火锅", "My cat loves hotpot"),
        ("cat", "周末去上海吃火锅", "My cat loves hotpot"),
        ("shanghai", "上海的日落", None),
    ],
)
def test_cross_language_pairs_are_found_both_ways(corpus, english, chinese_title, english_title):
    found = search_notes(ANON, english)
    assert chinese_title in titles(found)
    by_title = {n.title: n.search_hit for n in found.items}
    assert by_title[chinese_title].translated and by_title[chinese_title].language == "zh"
    if english_title:
        assert not by_title[english_title].translated
        assert by_title[english_title].language == "en"
        chinese = {"hotpot": "火锅", "cat": "猫"}[english]
        reverse = {n.title: n.search_hit for n in search_notes(ANON, chinese).items}
        assert reverse[english_title].translated and not reverse[chinese_title].translated


def test_original_words_outrank_translations(corpus):
    assert titles(search_notes(ANON, "hotpot")) == ["My cat loves hotpot", "周末去上海吃火锅"]
    assert titles(search_notes(ANON, "火锅")) == ["周末去上海吃火锅", "My cat loves hotpot"]


def test_only_translated_hits_are_flagged_as_not_exact(corpus):
    results = search_notes(ANON, "sunset")
    assert titles(results) == ["上海的日落"] and not results.exact
    assert "日落" in results.translations
    assert search_notes(ANON, "日落").exact


def test_newer_notes_rank_above_older_equally_relevant_ones(mia, post):
    old = post(mia, "Dumpling night", "dumplings")
    new = post(mia, "Dumpling party", "dumplings")
    Note.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=400))
    assert titles(search_notes(ANON, "dumplings")) == [new.title, old.title]


def test_snippet_marks_the_matched_words(corpus):
    hit = search_notes(ANON, "sleeping").items[0].search_hit
    assert "<mark>sleeps</mark>" in str(hit.snippet)


def test_note_text_with_html_is_escaped_in_snippets(mia, post):
    post(mia, "Script", "<script>alert(1)</script> hotpot")
    snippet = str(search_notes(ANON, "hotpot").items[0].search_hit.snippet)
    assert "<script>" not in snippet and "&lt;script&gt;" in snippet


def test_nothing_matches_nonsense(corpus):
    results = search_notes(ANON, "zzzqqq")
    assert results.items == [] and results.next_offset is None


def test_edit_reindexes_the_note(mia, post, django_capture_on_commit_callbacks):
    note = post(mia, "Ramen", "noodles")
    with django_capture_on_commit_callbacks(execute=True):
        update_note(user=mia, note=note, title="Pho", body="soup")
    assert titles(search_notes(ANON, "pho")) == ["Pho"]
    ramen = search_notes(ANON, "ramen")
    # The words are gone from the index; only the meaning-based recall may still bring it up.
    assert all(n.search_hit.similar for n in ramen.items)


def test_topic_only_edit_reindexes_the_note(mia, post, django_capture_on_commit_callbacks):
    note = post(mia, "Weekend", "fun")
    with django_capture_on_commit_callbacks(execute=True):
        update_note(user=mia, note=note, topics=["baking"])
    assert titles(search_notes(ANON, "baking")) == ["Weekend"]


def test_rolled_back_write_indexes_nothing(mia, django_capture_on_commit_callbacks):
    from django.db import transaction

    from crossnote.notes.services import create_note
    from tests.conftest import upload

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(RuntimeError), transaction.atomic():
            create_note(author=mia, title="Rolled back", images=[upload()])
            raise RuntimeError
    assert callbacks == [] and not NoteEntry.objects.exists()


def test_deleting_a_note_drops_it_from_the_index_at_once(mia, post):
    note = post(mia, "Temporary hotpot", "gone soon")
    assert titles(search_notes(ANON, "temporary")) == ["Temporary hotpot"]
    delete_note(user=mia, note=note)  # no commit hook needed: same transaction
    assert not NoteEntry.objects.filter(note_id=note.pk).exists()
    assert search_notes(ANON, "temporary").items == []


def test_deleted_note_leaves_no_engine_row(mia, post):
    from django.db import connection

    note = post(mia, "Temporary", "gone")
    delete_note(user=mia, note=note)
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                "SELECT count(*) FROM search_noteentry_fts WHERE search_noteentry_fts MATCH %s",
                ['"temporary"'],
            )
        else:
            cursor.execute(
                "SELECT count(*) FROM search_noteentry WHERE document @@ %s::tsquery",
                ["'temporary'"],
            )
        assert cursor.fetchone()[0] == 0


def test_paging_continues_where_the_last_page_stopped(mia, post):
    for n in range(5):
        post(mia, f"Latte {n}", "coffee")
    first = search_notes(ANON, "latte", limit=3)
    second = search_notes(ANON, "latte", offset=first.next_offset, limit=3)
    assert len(first.items) == 3 and len(second.items) == 2 and second.next_offset is None
    assert not {n.pk for n in first.items} & {n.pk for n in second.items}


def test_a_query_matching_more_than_the_window_ranks_only_the_newest(
    mia, lin, post, monkeypatch, django_capture_on_commit_callbacks
):
    """Over RANKED_WINDOW matches, only the newest that many are ranked (a common word in a
    million notes), translated matches included; a rarer query still reaches the oldest note."""
    from crossnote.search import engines

    monkeypatch.setattr(engines, "RANKED_WINDOW", 3)
    made = [
        post(mia if n % 2 else lin, f"Hotpot night {n}", "dumplings and broth") for n in range(5)
    ]
    oldest_rare = made[0]
    with django_capture_on_commit_callbacks(execute=True):
        update_note(user=oldest_rare.author, note=oldest_rare, body="dumplings, broth and a zither")
    zh = post(lin, "火锅之夜", "很好吃")

    found = titles(search_notes(ANON, "hotpot"))
    assert len(found) == 3
    # The three newest matches, whichever language they were written in: the Chinese note
    # (newest, found through the translation) and the two newest English ones.
    assert set(found) == {zh.title, made[4].title, made[3].title}
    assert titles(search_notes(ANON, "zither")) == [oldest_rare.title]


def test_the_window_is_counted_before_visibility(mia, lin, post, monkeypatch):
    """The floor comes from the index: a private note among the newest matches takes a place in
    the window without ever being shown (fewer results, never someone else's)."""
    from crossnote.search import engines

    monkeypatch.setattr(engines, "RANKED_WINDOW", 2)
    post(mia, "Latte art one", "")
    second = post(mia, "Latte art two", "")
    hidden = post(lin, "Latte art secret", "", visibility="private")
    assert titles(search_notes(ANON, "latte")) == [second.title]
    assert hidden.title not in titles(search_notes(ANON, "latte"))
