"""The review page names the policies in the moderator's language: a Chinese moderator read
“Harassment terms” and “Likely offensive (classifier)” in English in the AI's reasons and the
thresholds table. A default policy's name is translated; an operator's own is shown as written."""

from pathlib import Path

import pytest
import yaml

from crossnote.moderation import presenters
from crossnote.moderation.models import Policy, ReviewItem
from crossnote.notes.services import create_note
from tests.conftest import client_of, make_moderator, upload

pytestmark = pytest.mark.django_db
LABELLED = "你真是个废物，滚"  # a harassment term and a pattern (`crossnote moderation check`)


def item_page(user, item, language) -> str:
    page = client_of(user).get(f"/moderation/queue/{item.pk}/", HTTP_ACCEPT_LANGUAGE=language)
    assert page.status_code == 200
    return page.content.decode()


def test_default_policy_names_in_the_moderators_language(lin):
    wang = make_moderator("mod_wang", region="CN", languages=["zh"])
    note = create_note(author=lin, title="邻居", body=LABELLED, images=[upload()])
    item = ReviewItem.objects.get(kind="note", object_id=note.pk)

    chinese = item_page(wang, item, "zh-hans")
    assert "“骚扰词语”" in chinese  # the why sentence and the table
    assert "“可能冒犯（分类模型）”" in chinese
    for name in presenters.DEFAULT_POLICY_NAMES:
        assert name not in chinese
    english = item_page(wang, item, "en")
    assert "“Harassment terms”" in english and "骚扰词语" not in english


def test_an_operators_own_policy_name_is_shown_as_written(lin):
    Policy.objects.filter(name="Harassment terms").update(name="Nachbarschaftsstreit")
    wang = make_moderator("mod_wang", region="CN", languages=["zh"])
    note = create_note(author=lin, title="邻居", body=LABELLED, images=[upload()])
    item = ReviewItem.objects.get(kind="note", object_id=note.pk)
    assert "“Nachbarschaftsstreit”" in item_page(wang, item, "zh-hans")


def test_the_translated_names_are_the_default_policies():
    path = Path(presenters.__file__).with_name("default_policies.yaml")
    names = [p["name"] for p in yaml.safe_load(path.read_text())]
    assert list(presenters.DEFAULT_POLICY_NAMES) == names
