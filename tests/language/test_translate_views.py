"""Translation where readers look: card titles and a note's comments translated in one request
(pages: out-of-band HTMX fragments; API: JSON), the pages' controls, and the engine warm-up."""

import re

import pytest

from crossnote.language.models import Translation
from crossnote.language.services import MAX_BATCH
from crossnote.notes.models import Comment
from crossnote.notes.services import add_comment, create_note
from tests.conftest import make_user, upload

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture(autouse=True)
def offline_chain(settings):
    settings.CROSSNOTE_TRANSLATION_BACKENDS = ["dictionary"]


@pytest.fixture
def zh_note(lin):
    return create_note(author=lin, title="我的猫很可爱", body="每天都在睡觉", images=[upload()])


@pytest.fixture
def en_note(mia):
    return create_note(author=mia, title="My cat loves hotpot", images=[upload()])


def oob(html: str, element_id: str) -> str:
    """The out-of-band fragment with this id (its opening tag up to the next fragment)."""
    match = re.search(rf'<div[^>]*id="{element_id}"[^>]*hx-swap-oob="true".*?</div>', html, re.S)
    assert match, f"no out-of-band #{element_id} in:\n{html}"
    return match.group(0)


# --- card titles: page ------------------------------------------------------------------------


@pytest.fixture
def sentence_engine(settings, libretranslate_server):
    """A sentence translator (a local server speaking LibreTranslate's API) before the gloss."""
    settings.CROSSNOTE_TRANSLATION_BACKENDS = ["libretranslate", "dictionary"]
    settings.CROSSNOTE_TRANSLATION_OPTIONS = {
        **settings.CROSSNOTE_TRANSLATION_OPTIONS,
        "libretranslate": {"url": libretranslate_server.url, "local": True},
    }
    return libretranslate_server


def test_visitor_translates_card_titles_in_one_request(client, sentence_engine, zh_note, en_note):
    response = client.get(f"/notes/titles/translation/?ids={zh_note.pk},{en_note.pk}&to=en", **HTMX)
    assert response.status_code == 200
    html = response.content.decode()
    title = oob(html, f"card-title-{zh_note.pk}")
    assert 'data-testid="card-translated-title"' in title and "[en] 我的猫很可爱" in title
    assert "data-card-original hidden>我的猫很可爱" in title  # kept for "Show original"
    control = oob(html, f"card-translate-{zh_note.pk}")
    assert "Show original" in control and "data-done" in control
    # The English note is already in English: no translation, said so.
    assert "Already in your language" in oob(html, f"card-translate-{en_note.pk}")
    assert len(sentence_engine.requests) == 1  # one engine call for the one Chinese title
    assert Translation.objects.filter(target="en", source="zh").count() == 1


def test_offline_glosses_go_under_the_card_never_as_its_title(client, zh_note):
    html = client.get(f"/notes/titles/translation/?ids={zh_note.pk}&to=en", **HTMX)
    html = html.content.decode()
    title = oob(html, f"card-title-{zh_note.pk}")
    assert "card-translated-title" not in title and "我的猫很可爱" in title
    control = html[html.index(f'id="card-translate-{zh_note.pk}"') :]
    assert 'data-testid="card-gloss"' in control and "cat" in control
    assert "Hide glosses" in control


def test_card_titles_share_the_cache_with_the_note_page(client, zh_note):
    client.get(f"/notes/{zh_note.pk}/translation/?to=en", **HTMX)
    cached = Translation.objects.get(target="en", text=Translation.objects.first().text)
    client.get(f"/notes/titles/translation/?ids={zh_note.pk}&to=en", **HTMX)
    cached.refresh_from_db()
    assert cached.hits == 1  # the card was served from the row the note page wrote


def test_card_titles_follow_the_ui_language_when_no_target_is_given(
    client_for, sentence_engine, en_note
):
    client = client_for(make_user("wei", languages=["zh"]))
    client.cookies["django_language"] = "zh-hans"
    html = client.get(f"/notes/titles/translation/?ids={en_note.pk}", **HTMX).content.decode()
    assert "[zh] My cat loves hotpot" in oob(html, f"card-title-{en_note.pk}")
    assert "查看原文" in oob(html, f"card-translate-{en_note.pk}")


@pytest.mark.parametrize(
    ("query", "status", "says"),
    [
        ("ids=999999&to=en", 404, "999999"),
        ("ids=abc&to=en", 400, "abc"),
        ("to=en", 400, "ids"),
        ("ids={pk}&to=klingon", 400, "klingon"),
        ("ids=" + ",".join(str(i) for i in range(1, MAX_BATCH + 2)) + "&to=en", 400, "50"),
    ],
)
def test_bad_card_title_requests_are_4xx_with_a_message(client, zh_note, query, status, says):
    response = client.get(f"/notes/titles/translation/?{query.format(pk=zh_note.pk)}", **HTMX)
    assert response.status_code == status
    assert says in response.content.decode()


def test_a_private_note_title_is_404_to_others(client_for, lin, mia):
    hidden = create_note(author=lin, title="秘密日记", images=[upload()], visibility="private")
    response = client_for(mia).get(f"/notes/titles/translation/?ids={hidden.pk}&to=en", **HTMX)
    assert response.status_code == 404
    assert (
        client_for(lin).get(f"/notes/titles/translation/?ids={hidden.pk}&to=en").status_code == 200
    )


# --- comments: page ---------------------------------------------------------------------------


@pytest.fixture
def thread(en_note, lin, mia):
    """An English note with two Chinese comments and one English one."""
    return [
        add_comment(author=lin, note=en_note, body="我的猫也喜欢火锅"),
        add_comment(author=mia, note=en_note, body="Haha, of course it does"),
        add_comment(author=lin, note=en_note, body="谢谢大家"),
    ]


def test_translate_all_comments_translates_every_other_language_comment(client_for, mia, thread):
    note = thread[0].note
    html = client_for(mia).get(f"/notes/{note.pk}/comments/translation/?to=en", **HTMX)
    assert html.status_code == 200
    html = html.content.decode()
    assert "cat" in oob(html, f"comment-translation-{thread[0].pk}")
    assert "data-translation" in oob(html, f"comment-translation-{thread[2].pk}")
    assert f"comment-translation-{thread[1].pk}" not in html  # English for an English reader
    assert Translation.objects.filter(target="en").count() == 2


def test_comments_named_by_id_are_translated_again_from_the_cache(client, thread):
    note = thread[0].note
    url = f"/notes/{note.pk}/comments/translation/?to=en&ids={thread[0].pk}"
    client.get(url, **HTMX)
    html = client.get(url, **HTMX).content.decode()
    assert "cat" in oob(html, f"comment-translation-{thread[0].pk}")
    assert Translation.objects.get(target="en").hits == 1


def test_comment_ids_of_another_note_are_404(client, thread, zh_note, lin):
    other = add_comment(author=lin, note=zh_note, body="别的笔记")
    note = thread[0].note
    response = client.get(f"/notes/{note.pk}/comments/translation/?to=en&ids={other.pk}", **HTMX)
    assert response.status_code == 404
    assert client.get("/notes/999999/comments/translation/?to=en").status_code == 404
    bad = client.get(f"/notes/{note.pk}/comments/translation/?to=xx&ids={thread[0].pk}")
    assert bad.status_code == 400


def test_a_held_comment_is_not_translated_for_others(client_for, thread, mia):
    held = thread[0]
    Comment.objects.filter(pk=held.pk).update(moderation="held")
    note = held.note
    response = client_for(mia).get(
        f"/notes/{note.pk}/comments/translation/?to=en&ids={held.pk}", **HTMX
    )
    assert response.status_code == 404


# --- the pages' controls ----------------------------------------------------------------------


def test_explore_cards_offer_translate_only_for_other_languages(client, zh_note, en_note):
    html = client.get("/").content.decode()
    assert f'id="card-translate-{zh_note.pk}"' in html
    assert f'id="card-translate-{en_note.pk}"' not in html
    assert f"ids={zh_note.pk}" in html and 'data-testid="translate-all-cards"' in html


def test_search_cards_offer_translate(client, lin, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):  # indexed on commit
        note = create_note(author=lin, title="周末吃火锅", body="#火锅", images=[upload()])
    html = client.get("/search", {"q": "火锅"}).content.decode()
    assert f'id="card-translate-{note.pk}"' in html
    assert 'data-testid="translate-all-cards"' in html


def test_note_page_keeps_pinyin_outside_the_translation_slot(client, zh_note):
    html = client.get(f"/notes/{zh_note.pk}/").content.decode()
    slot = re.search(r'<div id="note-translation"[^>]*></div>', html)
    assert slot, "the translation goes into an empty slot of its own"
    bar = html[html.index('class="translate-bar') :]
    assert 'data-testid="pinyin-note"' in bar[: bar.index("</div>")]
    assert 'data-testid="translate-note"' in bar[: bar.index("</div>")]
    assert 'hx-disabled-elt="this"' in bar[: bar.index("</div>")]


def test_note_page_offers_translate_all_comments(client, thread):
    html = client.get(f"/notes/{thread[0].note.pk}/").content.decode()
    assert 'data-testid="translate-all-comments"' in html
    assert f'id="comment-translation-{thread[0].pk}"' in html
    assert f'id="comment-translation-{thread[1].pk}"' not in html


def test_a_content_warned_comment_keeps_its_translation_behind_the_warning(client, thread):
    labelled = thread[0]
    Comment.objects.filter(pk=labelled.pk).update(moderation="labelled", content_warning="spoiler")
    html = client.get(f"/notes/{labelled.note.pk}/").content.decode()
    warning = html[html.index('<details class="content-warning') :]
    warning = warning[: warning.index("</details>")]
    assert f'id="comment-translation-{labelled.pk}"' in warning  # filled only inside the warning
