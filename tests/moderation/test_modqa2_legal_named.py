"""A withholding's category is named wherever moderators read it: the review queue and the appeal
item page showed the slug "legal" in both languages (the transparency page already said "Legal
requirements" / 法律要求; one name, kept in crossnote.moderation.categories)."""

import pytest
from django.utils import translation

from crossnote.moderation import services
from crossnote.moderation.categories import category_name
from crossnote.moderation.models import Decision, ReviewItem
from crossnote.notes.services import create_note
from tests.conftest import client_of, make_moderator, upload

pytestmark = pytest.mark.django_db


def test_legal_is_named_in_both_languages():
    with translation.override("en"):
        assert category_name("legal") == "Legal requirements"
    with translation.override("zh-hans"):
        assert category_name("legal") == "法律要求"


def test_an_appealed_withholding_is_named_on_the_queue_and_the_item_page(lin):
    note = create_note(author=lin, title="邻居", body="楼上又吵", images=[upload()])
    services.withhold_note(note=note, regions=["DE"], legal_basis="Court order 12/3")
    decision = Decision.objects.get(kind="note", object_id=note.pk)
    services.appeal_decision(author=lin, decision_id=decision.pk, text="这是误会")
    item = ReviewItem.objects.get(appeal__isnull=False)
    senior = make_moderator("mod_sen", group="senior moderator", region="CN", languages=["zh"])
    client = client_of(senior)
    for lang, name in (("zh-hans", "法律要求"), ("en", "Legal requirements")):
        queue = client.get("/moderation/queue/", HTTP_ACCEPT_LANGUAGE=lang).content.decode()
        assert f"· {name}</td>" in queue and "· legal<" not in queue
        page = client.get(f"/moderation/queue/{item.pk}/", HTTP_ACCEPT_LANGUAGE=lang)
        text = page.content.decode()
        assert page.status_code == 200
        assert f" · {name} · " in text and " · legal · " not in text
