"""Batch translation through the REST API: card titles and a note's comments in one request."""

import pytest

from crossnote.language.models import Translation
from crossnote.language.services import MAX_BATCH
from crossnote.notes.services import add_comment, create_note
from tests.conftest import upload

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def offline_chain(settings):
    settings.CROSSNOTE_TRANSLATION_BACKENDS = ["dictionary"]


@pytest.fixture
def notes(lin, mia):
    return [
        create_note(author=lin, title="我的猫很可爱", images=[upload()]),
        create_note(author=mia, title="My cat loves hotpot", images=[upload()]),
    ]


def test_titles_in_one_request_in_the_order_asked(client, notes):
    zh, en = notes
    response = client.get(f"/api/v1/translation/titles?ids={en.pk}&ids={zh.pk}&target=en")
    assert response.status_code == 200
    body = response.json()
    assert body["target"] == "en"
    assert [item["note_id"] for item in body["items"]] == [en.pk, zh.pk]
    assert body["items"][0]["title"]["backend"] == "none"  # already English
    assert body["items"][1]["language"] == "zh" and "cat" in body["items"][1]["title"]["text"]
    assert Translation.objects.filter(source="zh", target="en").count() == 1
    again = client.get(f"/api/v1/translation/titles?ids={zh.pk}&target=en").json()
    assert again["items"][0]["title"]["cached"] is True


@pytest.mark.parametrize(
    ("query", "status"),
    [
        ("ids=999999&target=en", 404),
        ("ids={pk}&target=klingon", 400),
        ("&".join(f"ids={i}" for i in range(1, MAX_BATCH + 2)) + "&target=en", 400),
        ("target=en", 422),
        ("ids=abc&target=en", 422),
    ],
)
def test_bad_title_requests_are_4xx(client, notes, query, status):
    response = client.get(f"/api/v1/translation/titles?{query.format(pk=notes[0].pk)}")
    assert response.status_code == status


def test_a_private_title_is_404_to_others(client_for, lin, mia):
    hidden = create_note(author=lin, title="秘密日记", images=[upload()], visibility="private")
    url = f"/api/v1/translation/titles?ids={hidden.pk}&target=en"
    assert client_for(mia).get(url).status_code == 404
    assert client_for(lin).get(url).status_code == 200


def test_all_comments_in_another_language_in_one_request(client, notes, lin, mia):
    note = notes[1]
    first = add_comment(author=lin, note=note, body="我的猫也喜欢火锅")
    add_comment(author=mia, note=note, body="Of course it does")
    last = add_comment(author=lin, note=note, body="谢谢大家")
    response = client.get(f"/api/v1/notes/{note.pk}/comments/translation?target=en")
    assert response.status_code == 200
    body = response.json()
    assert [item["comment_id"] for item in body["items"]] == [first.pk, last.pk]
    assert "cat" in body["items"][0]["body"]["text"]
    only = client.get(f"/api/v1/notes/{note.pk}/comments/translation?target=en&ids={last.pk}")
    assert [item["comment_id"] for item in only.json()["items"]] == [last.pk]


def test_bad_comment_batches_are_4xx(client, notes, lin):
    zh, en = notes
    elsewhere = add_comment(author=lin, note=zh, body="别的笔记")
    url = f"/api/v1/notes/{en.pk}/comments/translation"
    assert client.get(f"{url}?target=en&ids={elsewhere.pk}").status_code == 404
    assert client.get("/api/v1/notes/999999/comments/translation?target=en").status_code == 404
    assert client.get(f"{url}?target=tlh").status_code == 400


def test_batch_operations_are_in_the_openapi_schema(client):
    paths = client.get("/api/openapi.json").json()["paths"]
    assert "/api/v1/translation/titles" in paths
    assert "/api/v1/notes/{note_id}/comments/translation" in paths
