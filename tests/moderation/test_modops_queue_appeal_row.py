"""An appeal's row in the review queue said "AI suggests: Show behind a content warning · highest
score 0.00": the item keeps the decision appealed in its suggestion, with no score, so the queue
passed the moderator's own decision off as the AI's. It now says what it is, in the reader's
language; other rows keep the AI's suggestion and its score."""

import pytest
from django.contrib.auth.models import Group

from crossnote.moderation.models import Decision, ReviewItem
from crossnote.moderation.services import appeal_decision, report_content
from crossnote.notes.models import Note
from tests.conftest import client_of, make_user, moderator_decides

pytestmark = pytest.mark.django_db


@pytest.fixture
def appealed(make_note, settings):
    settings.CROSSNOTE_TRANSLATION_BACKENDS = ["dictionary"]
    lin = make_user("lin_author", languages=["zh"])
    mia = make_user("mia_reader", languages=["en"])
    amy = make_user("amy_mod", languages=["en"])
    amy.groups.add(Group.objects.get(name="moderator"))
    joe = make_user("joe_senior", languages=["en"])
    joe.groups.add(Group.objects.get(name="senior moderator"))
    note = make_note(lin, title="My noisy neighbours", body="These clowns stomp all night.")
    Note.objects.filter(pk=note.pk).update(media_ready=True)
    report_content(reporter=mia, kind="note", object_id=note.pk, reason="harassment", text="")
    item = ReviewItem.objects.get(kind="note", object_id=note.pk)
    moderator_decides(amy, item, action="label", reason="Name-calling")
    decision = Decision.objects.get(kind="note", object_id=note.pk, automated=False)
    appeal_decision(author=lin, decision_id=decision.pk, text="只是抱怨噪音")
    return joe


@pytest.mark.parametrize(
    ("language", "says"), [("en", "Decision appealed: "), ("zh-hans", "被申诉的决定：")]
)
def test_an_appeal_row_shows_the_decision_appealed_not_an_ai_suggestion(appealed, language, says):
    browser = client_of(appealed)
    browser.cookies["django_language"] = language
    page = browser.get("/moderation/queue/").content.decode()
    row = page[page.index('data-testid="queue-appealed-decision"') :]
    row = row[: row.index("</td>")]
    assert says in row
    assert "0.00" not in row
