"""A new note's topics are linked in one insert (issue 19: posting answers fast): three statements
for topics that exist (read them, count the note, link it) where `note.topics.add` made five
(it read the links first, and its m2m_changed made the feeds renew a card the note does not have
yet). What the links do is unchanged: the note is under its topics, counted there, found by its
topic in search, and a topic new to the site is made."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from crossnote.notes import services
from crossnote.notes.models import Note, Topic, Visibility
from crossnote.search.selectors import search_notes
from tests.conftest import upload

pytestmark = pytest.mark.django_db


def test_linking_a_new_notes_topics_that_exist_is_three_statements(mia):
    Topic.objects.create(name="hotpot", note_count=4)
    Topic.objects.create(name="chengdu", note_count=1)
    note = Note.objects.create(author=mia, title="Dinner", body="", media_ready=True)
    with CaptureQueriesContext(connection) as statements:
        services._link_topics(note, ["hotpot", "chengdu"])
    assert len(statements) == 3, [q["sql"] for q in statements]
    assert set(note.topics.values_list("name", flat=True)) == {"hotpot", "chengdu"}
    assert dict(Topic.objects.values_list("name", "note_count")) == {"hotpot": 5, "chengdu": 2}


def test_a_posted_note_is_under_its_topics_counted_and_found_by_them(
    mia, lin, django_capture_on_commit_callbacks
):
    Topic.objects.create(name="hotpot", note_count=0)
    with django_capture_on_commit_callbacks(execute=True):  # indexing runs on commit
        note = services.create_note(
            author=mia,
            title="Dinner",
            body="Spicy broth tonight #hotpot #火锅新店",
            images=[upload()],
            topics=["chengdu"],
        )
    assert set(note.topics.values_list("name", flat=True)) == {"hotpot", "火锅新店", "chengdu"}
    assert {t.name: t.note_count for t in Topic.objects.all()} == {
        "hotpot": 1,
        "火锅新店": 1,
        "chengdu": 1,
    }
    hidden = services.create_note(
        author=mia,
        title="Just me",
        body="#hotpot",
        images=[upload()],
        visibility=Visibility.PRIVATE,
    )
    assert hidden.topics.get().name == "hotpot" and Topic.objects.get(name="hotpot").note_count == 1
    found = search_notes(lin, "chengdu")  # the topic alone: not in the note's words
    assert [item.pk for item in found.items] == [note.pk]
