"""A refused appeal comes back on the notices page, beside its decision, with the text kept: one
of spaces only, or a second appeal of the same decision, landed on a bare "Sorry" page whose only
link went to Explore, and what the author had written was lost."""

import pytest

from crossnote.moderation.models import Appeal, Decision
from crossnote.notes.services import add_comment, create_note
from tests.conftest import client_of, upload

pytestmark = pytest.mark.django_db
HELD = "你这个傻逼"  # the harassment term list holds it


@pytest.fixture
def held(lin, mia):
    note = create_note(author=mia, title="Sunday dumplings", body="Pork", images=[upload()])
    comment = add_comment(note=note, author=lin, body=HELD)
    return Decision.objects.get(kind="comment", object_id=comment.pk)


def appeal(user, decision, text):
    return client_of(user).post(
        f"/moderation/decisions/{decision.pk}/appeal/",
        {"text": text},
        HTTP_ACCEPT_LANGUAGE="zh-hans",
    )


def test_an_empty_appeal_comes_back_beside_its_decision(lin, held):
    response = appeal(lin, held, "   ")
    assert response.status_code == 400
    page = response.content.decode()
    assert "审核通知" in page  # the notices page, not an error page
    assert 'data-testid="appeal-error"' in page and "请用 1–2000 个字符说明你的申诉理由" in page
    assert '<details open><summary class="link">对这项决定提出申诉' in page
    assert not Appeal.objects.exists()


def test_a_second_appeal_is_refused_on_the_page_with_its_text(lin, held):
    assert appeal(lin, held, "我只是在开玩笑").status_code == 302
    response = appeal(lin, held, "再说一次")
    assert response.status_code == 409
    page = response.content.decode()
    assert "审核通知" in page and 'data-testid="appeal-error"' in page
    assert Appeal.objects.count() == 1


def test_a_long_appeal_keeps_its_text(lin, held):
    text = "长" * 2001
    response = appeal(lin, held, text)
    assert response.status_code == 400
    assert f">{text}</textarea>" in response.content.decode()
