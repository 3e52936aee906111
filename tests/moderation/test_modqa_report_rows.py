"""A review item's reports in the moderator's language: the reason was the stored slug
("harassment", in English on a Chinese page, and not the category's name on an English one), and
the reporter's own words came without the translation the appeal beside them had."""

import pytest

from crossnote.moderation.models import ReviewItem
from crossnote.notes.services import add_comment, create_note
from tests.conftest import client_of, make_moderator, upload

pytestmark = pytest.mark.django_db
JSON = "application/json"
WORDS = "他一直在骂人"


@pytest.fixture(autouse=True)
def dictionary_only(settings):
    settings.CROSSNOTE_TRANSLATION_BACKENDS = ["dictionary"]


def test_reports_name_the_category_and_translate_the_reporters_words(lin, mia):
    note = create_note(author=lin, title="邻居", body="楼上又吵", images=[upload()])
    comment = add_comment(note=note, author=mia, body="Your dumplings look terrible, like you")
    reported = client_of(lin).post(
        "/api/v1/reports",
        {"kind": "comment", "object_id": comment.pk, "reason": "harassment", "text": WORDS},
        content_type=JSON,
    )
    assert reported.status_code in (200, 201)
    item = ReviewItem.objects.get(kind="comment", object_id=comment.pk)
    amy = make_moderator("mod_amy", region="US", languages=["en"])
    wang = make_moderator("mod_wang", region="CN", languages=["zh"])

    english = client_of(amy).get(f"/moderation/queue/{item.pk}/", HTTP_ACCEPT_LANGUAGE="en")
    page = english.content.decode()
    assert '<span data-testid="report-reason">Harassment and bullying</span>' in page
    assert 'data-testid="report-text-translation"' in page  # translated for Amy
    assert f'data-testid="report-text-original">{WORDS}</p>' in page

    chinese = client_of(wang).get(f"/moderation/queue/{item.pk}/", HTTP_ACCEPT_LANGUAGE="zh-hans")
    page = chinese.content.decode()
    assert '<span data-testid="report-reason">骚扰与霸凌</span>' in page
    assert ">harassment<" not in page
    assert 'data-testid="report-text-translation"' not in page  # already Wang's language
    assert f'data-testid="report-text-original">{WORDS}</p>' in page
