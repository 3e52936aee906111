"""A labelled note's photos stay covered until the reader asks: the note page reveals them (and
the text) through a checkbox the warning's Show labels, so without JavaScript too; the topics
page's chips, which have no warning to reveal through, never take a labelled note's photo."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from crossnote.moderation.services.enforcement import apply_state
from crossnote.notes.models import Note

pytestmark = pytest.mark.django_db


def test_the_note_page_reveals_a_labelled_note_through_a_labelled_checkbox(
    mia, lin, make_note, client_for
):
    note = make_note(mia, title="Rough day", body="#cats")
    apply_state(note, "note", "label")
    page = client_for(lin).get(note.get_absolute_url()).content.decode()
    assert 'class="note-detail cw"' in page
    toggle = re.search(r'<input class="cw-toggle" type="checkbox" id="([^"]+)"', page)
    assert toggle, "no checkbox to reveal the note with"
    # The warning's Show is the checkbox's label, and the checkbox comes before the photos and
    # the text it uncovers (the stylesheet reveals its following siblings' content).
    assert re.search(rf'<label class="link" for="{toggle.group(1)}"[^>]*>Show</label>', page)
    assert page.index(toggle.group(0)) < page.index('class="carousel"')
    assert page.index(toggle.group(0)) < page.index("data-original")
    # The author sees their own note plainly.
    own = client_for(mia).get(note.get_absolute_url()).content.decode()
    assert "cw-toggle" not in own and 'class="note-detail"' in own


def test_a_topic_chip_never_shows_a_labelled_notes_photo(mia, lin, make_note, client_for):
    older = make_note(mia, title="Sunny cat", body="#cats")
    newer = make_note(mia, title="Rough day", body="#cats")
    Note.objects.filter(pk=older.pk).update(created_at=timezone.now() - timedelta(days=1))
    apply_state(newer, "note", "label")
    page = client_for(lin).get(reverse("feeds:topics")).content.decode()
    covers = re.findall(r'<img class="topic-chip-cover" src="([^"]+)"', page)
    assert covers == [older.images.first().thumb.url]
    assert newer.images.first().thumb.url not in page
