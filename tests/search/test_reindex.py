"""Rebuilding the index: the service, the management command and the `crossnote` CLI."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.management import call_command

from crossnote.notes.models import Note, Topic
from crossnote.search.models import NoteEntry, TopicEntry, UserEntry
from crossnote.search.selectors import search_notes, search_users
from crossnote.search.services import rebuild_index

pytestmark = pytest.mark.django_db


def test_notes_written_in_bulk_are_found_after_reindex(mia, lin):
    Note.objects.bulk_create(
        [Note(author=mia, title=f"Bulk hotpot {n}", body="火锅", language="en") for n in range(7)]
    )
    assert search_notes(AnonymousUser(), "hotpot").items == []
    done = rebuild_index(kinds=["notes"], chunk=3)
    assert done == {"notes": 7}
    assert len(search_notes(AnonymousUser(), "hotpot", limit=20).items) == 7


def test_reindex_drops_rows_whose_object_is_gone_and_is_repeatable(mia, post):
    note = post(mia, "Keep me", "hotpot")
    post(mia, "Then gone", "x")
    rebuild_index()
    rebuild_index()
    assert NoteEntry.objects.count() == 2
    Note.objects.filter(title="Then gone").delete()
    rebuild_index()
    assert list(NoteEntry.objects.values_list("note_id", flat=True)) == [note.pk]
    assert [n.title for n in search_notes(AnonymousUser(), "hotpot").items] == ["Keep me"]


def test_management_command_shows_progress_and_indexes_people(mia, lin, capsys):
    assert not UserEntry.objects.exists()
    call_command("search", "reindex")
    out = capsys.readouterr().out
    assert "users      [##############################] 2/2" in out and "Indexed" in out
    assert [u.username for u in search_users(AnonymousUser(), "小林").items] == ["lin_sh"]


def test_management_command_only_one_kind(mia, capsys):
    Topic.objects.bulk_create([Topic(name="火锅")])
    call_command("search", "reindex", "--only", "topics")
    assert TopicEntry.objects.get().initials == "hg"
    assert not UserEntry.objects.exists()


def test_query_command_prints_ranked_results(mia, post, capsys):
    post(mia, "My cat loves hotpot", "")
    call_command("search", "query", "火锅")
    out = capsys.readouterr().out
    assert "also searched: hotpot" in out and "My cat loves hotpot (via translation)" in out


def test_cli_search_reindex(mia, capsys):
    from crossnote.cli import main

    main(["search", "reindex", "--only", "users"])
    assert "Indexed 1 users" in capsys.readouterr().out


def test_cli_search_help_lists_reindex(capsys):
    from crossnote.cli import main

    with pytest.raises(SystemExit) as exit_info:
        main(["search", "--help"])
    assert exit_info.value.code == 0 and "reindex" in capsys.readouterr().out
