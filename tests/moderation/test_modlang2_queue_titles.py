"""The review queue shows a reported comment's parent note title in the moderator's language (a
Chinese moderator read 'Sunday dumplings' in English on the queue, though the item page
translated it), without slowing the queue: the page translates nothing itself; a title in the
translation cache is shown at once, the others are fetched in batches once the page has loaded
(without JavaScript the original stays)."""

import re

import pytest

from crossnote.language.models import Translation
from crossnote.moderation.models import ReviewItem
from crossnote.notes.services import add_comment, create_note
from tests.conftest import client_of, make_moderator, make_user, upload

pytestmark = pytest.mark.django_db
JSON = "application/json"


@pytest.fixture(autouse=True)
def dictionary_only(settings):
    settings.CROSSNOTE_TRANSLATION_BACKENDS = ["dictionary"]


def has_han(text: str) -> bool:
    return any("\u4e00" <= c <= "\u9fff" for c in text)


def comment_item(author, commenter, reporter, title, comment_body) -> ReviewItem:
    note = create_note(author=author, title=title, body=title, images=[upload()])
    comment = add_comment(note=note, author=commenter, body=comment_body)
    client_of(reporter).post(
        "/api/v1/reports",
        {"kind": "comment", "object_id": comment.pk, "reason": "harassment"},
        content_type=JSON,
    )
    return ReviewItem.objects.get(kind="comment", object_id=comment.pk)


def row_title(html: str, item: ReviewItem) -> str:
    """The parent note's title as the queue row shows it (tags stripped)."""
    found = re.search(rf'<span id="queue-title-{item.pk}"[^>]*>(.*?)</span>\s*(?:</span>)?', html)
    assert found, html
    return re.sub(r"<[^>]+>", "", found.group(1))


def loaders(html: str) -> list[str]:
    return [u.replace("&amp;", "&") for u in re.findall(r'hx-get="([^"]*/titles/[^"]*)"', html)]


@pytest.fixture
def wang():
    return make_moderator("mod_wang", region="CN", languages=["zh"])


def test_a_chinese_moderator_gets_an_english_title_in_chinese_after_the_page_loads(mia, lin, wang):
    item = comment_item(mia, lin, mia, "Sunday dumplings", "你的饺子真难看")
    client = client_of(wang, HTTP_ACCEPT_LANGUAGE="zh-hans")
    before = Translation.objects.count()
    html = client.get("/moderation/queue/").content.decode()
    assert Translation.objects.count() == before  # the page itself translated nothing
    assert "Sunday dumplings" in row_title(html, item)  # the original, as without JavaScript
    [url] = loaders(html)
    assert f"ids={item.pk}" in url

    fragment = client.get(url).content.decode()
    assert f'id="queue-title-{item.pk}"' in fragment and 'hx-swap-oob="true"' in fragment
    shown = fragment.split('data-testid="queue-parent-title-translated">', 1)[1].split("</a>")[0]
    assert has_han(shown) and "(Sunday dumplings)" in fragment  # the original beside it

    # Next time the cache has it: in the page itself, nothing left to fetch.
    html = client.get("/moderation/queue/").content.decode()
    assert 'data-testid="queue-parent-title-translated"' in html and has_han(row_title(html, item))
    assert loaders(html) == []


def test_an_english_moderator_gets_a_chinese_title_in_english(mia, lin):
    comment_item(lin, mia, lin, "邻居又吵到半夜", "Your neighbours are right")
    amy = make_moderator("mod_amy", region="US", languages=["en"])
    client = client_of(amy, HTTP_ACCEPT_LANGUAGE="en")
    [url] = loaders(client.get("/moderation/queue/").content.decode())
    fragment = client.get(url).content.decode()
    shown = fragment.split('data-testid="queue-parent-title-translated">', 1)[1].split("</a>")[0]
    assert any(c.isascii() and c.isalpha() for c in shown)


def test_a_title_in_the_moderators_language_is_left_alone(mia, lin, wang):
    item = comment_item(lin, mia, lin, "邻居又吵到半夜", "Your neighbours are right")
    html = client_of(wang, HTTP_ACCEPT_LANGUAGE="zh-hans").get("/moderation/queue/")
    html = html.content.decode()
    assert row_title(html, item) == "邻居又吵到半夜" and loaders(html) == []


def test_the_titles_fragment_is_for_moderators_and_asks_for_a_few_ids(mia, lin, wang):
    item = comment_item(mia, lin, mia, "Sunday dumplings", "你的饺子真难看")
    url = f"/moderation/queue/titles/?ids={item.pk}"
    assert client_of(make_user("someone")).get(url).status_code == 403
    client = client_of(wang, HTTP_ACCEPT_LANGUAGE="zh-hans")
    for bad in ("", "?ids=abc", "?ids=" + ",".join(str(i) for i in range(1, 12))):
        assert client.get(f"/moderation/queue/titles/{bad}").status_code == 400
    # An item no longer in the queue (decided meanwhile) is left out: nothing to swap.
    ReviewItem.objects.filter(pk=item.pk).update(status="decided")
    response = client.get(url)
    assert response.status_code == 200 and "queue-title-" not in response.content.decode()
