"""A labelled note's photo: its author saw it blurred on their own feed card, though the note's
page and their notifications show it to them plainly. The author now sees their own photo on
the card too, with the label the others see; every other reader (and a visitor) still gets the
blurred card, whoever's card the fragment cache kept first."""

import re

import pytest

from crossnote.core.templatetags.fragments import forget_all
from crossnote.notes.models import ModerationState, Note
from tests.conftest import client_of

pytestmark = pytest.mark.django_db
WARNING = "May contain offensive language"


def card(html: str, note) -> str:
    found = re.search(
        r'<article class="note-card[^"]*" data-card>(?:(?!</article>).)*?/notes/'
        + str(note.pk)
        + "/",
        html,
        flags=re.S,
    )
    assert found, "the note's card is not on the page"
    start = found.start()
    return html[start : html.index("</article>", start)]


@pytest.fixture
def labelled(mia, make_note):
    forget_all()
    note = make_note(mia, title="Late-night noise", body="the clowns upstairs again")
    Note.objects.filter(pk=note.pk).update(
        moderation=ModerationState.LABELLED, content_warning=WARNING, media_ready=True
    )
    return note


def test_the_author_sees_their_own_photo_with_the_label_and_others_see_it_blurred(
    mia, lin, labelled, client
):
    profile = mia.get_absolute_url()
    own = card(client_of(mia).get(profile).content.decode(), labelled)
    assert 'class="note-card cw"' not in own
    assert f"Others see it behind a warning: {WARNING}" in own
    theirs = card(client_of(lin).get(profile).content.decode(), labelled)
    assert 'class="note-card cw"' in theirs and "card-cw-own" not in theirs
    visitor = card(client.get(profile).content.decode(), labelled)
    assert 'class="note-card cw"' in visitor
    # The other way round: a reader's card kept first is not what the author gets.
    forget_all()
    assert 'class="note-card cw"' in card(client_of(lin).get(profile).content.decode(), labelled)
    assert 'class="note-card cw"' not in card(
        client_of(mia).get(profile).content.decode(), labelled
    )


def test_the_authors_label_speaks_chinese(mia, labelled):
    browser = client_of(mia)
    browser.cookies["django_language"] = "zh-hans"
    own = card(browser.get(mia.get_absolute_url()).content.decode(), labelled)
    assert "其他人看到的是折叠后的提醒" in own
