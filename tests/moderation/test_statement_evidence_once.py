"""An automated statement of reasons names each piece of evidence once: a spam note matched by
both halves of one commercial pattern read "依据：词表：广告推销；词表：广告推销" (seen in the
browser, session 24)."""

import pytest
from django.utils import translation

from crossnote.moderation.models import Decision
from crossnote.notes.services import create_note
from tests.conftest import make_user, upload

pytestmark = pytest.mark.django_db
SOLD = "出售老号，真人活粉不掉粉，私信秒回"  # what is sold, and where: two halves, one description


def test_each_piece_of_evidence_is_named_once():
    author = make_user("shop_author", languages=["zh-hans"], region="CN")
    with translation.override("zh-hans"):
        note = create_note(author=author, title="出售老号", body=SOLD, images=[upload()])
    statement = Decision.objects.get(kind="note", object_id=note.pk).statement
    assert statement.count("广告推销") == 1, statement
