"""Server-rendered pages through the Django test client: feeds, notes, profiles, settings."""

import pytest
from django.test import Client

from crossnote.accounts.models import User
from crossnote.notes.models import Note, NoteImage, NoteLike
from crossnote.social.models import Notification
from crossnote.social.services import follow_user
from tests.conftest import PASSWORD, stored_files, upload


def html(response) -> str:
    return response.content.decode()


# --- feeds and notes -------------------------------------------------------------------------


def test_explore_shows_public_notes_only(make_note, mia):
    make_note(mia, title="Dumplings at dawn")
    make_note(mia, title="Secret diary", visibility="private")
    response = Client().get("/")
    assert response.status_code == 200
    page = html(response)
    assert "Dumplings at dawn" in page
    assert "Secret diary" not in page
    assert 'src="/media/notes/' in page


def test_explore_with_a_garbage_cursor_is_400(db):
    response = Client().get("/?cursor=garbage")
    assert response.status_code == 400


def test_note_detail_shows_the_note_and_its_comments(make_note, mia, lin):
    from crossnote.notes.services import add_comment

    note = make_note(mia, title="Cats of Kyoto", body="Look at #cats with @lin_sh")
    add_comment(author=lin, note=note, body="So cute!")
    response = Client().get(f"/notes/{note.pk}/")
    assert response.status_code == 200
    page = html(response)
    assert "Cats of Kyoto" in page
    assert "So cute!" in page
    assert 'href="/topics/cats/"' in page
    assert 'href="/u/lin_sh/"' in page


def test_someone_elses_private_note_is_a_404_page(client_for, make_note, mia, lin):
    note = make_note(mia, title="Only mine", visibility="private")
    for client in (Client(), client_for(lin)):
        response = client.get(f"/notes/{note.pk}/")
        assert response.status_code == 404
        assert "Only mine" not in html(response)
    assert client_for(mia).get(f"/notes/{note.pk}/").status_code == 200


def test_note_text_is_escaped(make_note, mia):
    note = make_note(mia, title="<b>bold</b>", body="<script>alert(1)</script> #tag")
    page = html(Client().get(f"/notes/{note.pk}/"))
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;" in page
    assert "<b>bold</b>" not in page


# --- compose ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_compose_requires_login():
    response = Client().get("/notes/new/")
    assert response.status_code == 302
    assert response["Location"].startswith("/login/?next=/notes/new/")


def test_compose_form_renders_for_a_logged_in_person(client_for, mia):
    response = client_for(mia).get("/notes/new/")
    assert response.status_code == 200
    assert 'name="images"' in html(response)


def test_compose_with_a_bad_image_shows_the_error_and_stores_nothing(client_for, mia, settings):
    response = client_for(mia).post(
        "/notes/new/",
        {
            "title": "Broken",
            "body": "",
            "topics": "",
            "visibility": "public",
            "images": [upload("bad.jpg", b"this is plain text, not a photo" * 5)],
        },
    )
    assert response.status_code == 400
    page = html(response)
    assert "not a JPEG, PNG, WebP or GIF image" in page
    assert 'class="field-error"' in page
    assert 'value="Broken"' in page  # the form keeps what was typed
    assert not Note.objects.exists()
    assert stored_files(settings.MEDIA_ROOT) == []


def test_compose_without_images_shows_the_error(client_for, mia):
    response = client_for(mia).post(
        "/notes/new/", {"title": "No pics", "topics": "", "visibility": "public"}
    )
    assert response.status_code == 400
    assert "Add at least one image." in html(response)
    assert not Note.objects.exists()


def test_compose_success_redirects_to_the_new_note(client_for, mia, settings):
    response = client_for(mia).post(
        "/notes/new/",
        {
            "title": "Sunset 日落",
            "body": "Golden #sunset",
            "topics": "travel, 旅行",
            "visibility": "public",
            "images": [upload("a.jpg"), upload("b.jpg")],
        },
    )
    note = Note.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/notes/{note.pk}/"
    assert note.title == "Sunset 日落"
    assert NoteImage.objects.filter(note=note).count() == 2
    assert set(note.topics.values_list("name", flat=True)) == {"travel", "旅行", "sunset"}
    assert len(stored_files(settings.MEDIA_ROOT)) == 4


# --- profiles --------------------------------------------------------------------------------


@pytest.mark.parametrize("tab", ["notes", "boards", "followers", "following", "nonsense"])
def test_profile_tabs_render(client_for, make_note, mia, lin, tab):
    from crossnote.notes.services import collect_note, create_board

    make_note(mia, title="Mia's ramen")
    board = create_board(owner=mia, name="Ramen spots")
    collect_note(user=mia, note=Note.objects.get(), board=board)
    follow_user(follower=lin, followee=mia)
    response = client_for(lin).get(f"/u/mia_ms/?tab={tab}")
    assert response.status_code == 200
    page = html(response)
    assert "@mia_ms" in page
    expected = {
        "notes": "Mia&#x27;s ramen",
        "nonsense": "Mia&#x27;s ramen",
        "boards": "Ramen spots",
        "followers": "@lin_sh",
        "following": "Nobody yet.",
    }[tab]
    assert expected in page


def test_private_boards_are_hidden_on_someone_elses_profile(client_for, mia, lin):
    from crossnote.notes.services import create_board

    create_board(owner=mia, name="Public picks")
    create_board(owner=mia, name="Gift ideas", is_private=True)
    assert "Gift ideas" not in html(client_for(lin).get("/u/mia_ms/?tab=boards"))
    assert "Gift ideas" in html(client_for(mia).get("/u/mia_ms/?tab=boards"))


@pytest.mark.django_db
def test_unknown_profile_is_404():
    assert Client().get("/u/nobody_here/").status_code == 404


# --- notifications ---------------------------------------------------------------------------


def test_notifications_page_lists_items_and_marks_them_read(client_for, make_note, mia, lin):
    from crossnote.notes.services import add_comment, like_note

    note = make_note(mia, title="Tea house")
    like_note(user=lin, note=note)
    add_comment(author=lin, note=note, body="Which street?")
    client = client_for(mia)
    explore = html(client.get("/"))
    assert 'data-testid="unread-badge">2<' in explore

    response = client.get("/notifications/")
    assert response.status_code == 200
    page = html(response)
    assert page.count('data-testid="notification"') == 2
    assert "liked your note" in page and "commented on your note" in page
    assert "Which street?" in page
    assert not Notification.objects.filter(recipient=mia, read_at__isnull=True).exists()
    assert "unread-badge" not in html(client.get("/"))


@pytest.mark.django_db
def test_notifications_page_requires_login():
    assert Client().get("/notifications/").status_code == 302


# --- settings and sign-up --------------------------------------------------------------------


def test_settings_page_saves_the_profile(client_for, mia):
    client = client_for(mia)
    assert client.get("/settings/").status_code == 200
    response = client.post(
        "/settings/",
        {
            "display_name": "米娅",
            "bio": "Noodles.",
            "region": "JP",
            "languages": ["ja", "zh"],
        },
    )
    assert response.status_code == 302
    assert response["Location"] == "/settings/"
    mia.refresh_from_db()
    assert (mia.display_name, mia.bio, mia.region.code) == ("米娅", "Noodles.", "JP")
    assert mia.languages == ["ja", "zh"]
    assert "Profile saved." in html(client.get("/settings/"))


def test_signup_page_creates_an_account_and_logs_in(db):
    client = Client()
    response = client.post(
        "/signup/",
        {
            "username": "new_person",
            "email": "new@example.com",
            "password": PASSWORD,
            "region": "CN",
            "languages": ["zh"],
            "accept_guidelines": "on",
        },
    )
    assert response.status_code == 302
    user = User.objects.get(username="new_person")
    assert user.region.code == "CN"
    assert client.get("/notes/new/").status_code == 200  # logged in


def test_signup_page_shows_an_error_for_a_taken_username(mia):
    response = Client().post(
        "/signup/",
        {
            "username": "mia_ms",
            "email": "other@example.com",
            "password": PASSWORD,
            "accept_guidelines": "on",
        },
    )
    assert response.status_code == 200
    page = html(response)
    assert "That username is taken." in page
    assert 'class="field-error"' in page
    assert User.objects.count() == 1


def test_login_page_accepts_an_email(mia):
    client = Client()
    response = client.post("/login/", {"username": "mia_ms@example.com", "password": PASSWORD})
    assert response.status_code == 302
    assert client.get("/settings/").status_code == 200


# --- HTMX actions ----------------------------------------------------------------------------


def test_htmx_like_returns_the_button_partial_with_the_new_count(client_for, make_note, mia, lin):
    note = make_note(mia)
    client = client_for(lin)
    response = client.post(f"/notes/{note.pk}/like/", {"action": "like"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    page = html(response)
    assert "<html" not in page  # a fragment, not a page
    assert 'data-testid="like-count">1<' in page
    assert 'aria-pressed="true"' in page
    assert NoteLike.objects.filter(user=lin, note=note).exists()

    response = client.post(f"/notes/{note.pk}/like/", {"action": "unlike"}, HTTP_HX_REQUEST="true")
    assert 'data-testid="like-count">0<' in html(response)
    assert not NoteLike.objects.exists()


def test_like_without_htmx_redirects_to_the_note(client_for, make_note, mia, lin):
    note = make_note(mia)
    response = client_for(lin).post(f"/notes/{note.pk}/like/")
    assert response.status_code == 302
    assert response["Location"] == f"/notes/{note.pk}/"
    note.refresh_from_db()
    assert note.like_count == 1


def test_page_posts_need_the_csrf_token(client_for, make_note, mia, lin):
    note = make_note(mia)
    response = client_for(lin, enforce_csrf_checks=True).post(f"/notes/{note.pk}/like/")
    assert response.status_code == 403
    assert not NoteLike.objects.exists()


# --- language --------------------------------------------------------------------------------


@pytest.mark.django_db
def test_switching_the_language_to_chinese_sticks():
    client = Client()
    assert '<html lang="en">' in html(client.get("/"))
    response = client.post("/i18n/setlang/", {"language": "zh-hans", "next": "/"})
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert client.cookies["django_language"].value == "zh-hans"
    page = html(client.get("/"))
    assert '<html lang="zh-hans">' in page
    assert 'name="language" value="en"' in page  # the switch now offers English back


# --- refusals on pages -----------------------------------------------------------------------


def test_page_actions_on_a_hidden_note_are_404_pages(client_for, make_note, mia, lin):
    from crossnote.notes.services import create_board

    note = make_note(mia, title="Hidden", visibility="private")
    board = create_board(owner=mia, name="Secret board", is_private=True)
    client = client_for(lin)
    for method, url in [
        ("get", f"/notes/{note.pk}/edit/"),
        ("post", f"/notes/{note.pk}/like/"),
        ("post", f"/notes/{note.pk}/collect/"),
        ("post", f"/notes/{note.pk}/comments/"),
        ("post", f"/notes/{note.pk}/delete/"),
        ("get", f"/boards/{board.pk}/"),
        ("get", "/notes/999999/"),
    ]:
        response = getattr(client, method)(url)
        assert response.status_code == 404, (method, url, response.status_code)
        assert "Secret board" not in html(response) and "Hidden" not in html(response)
    note.refresh_from_db()
    assert (note.like_count, note.collect_count, note.comment_count) == (0, 0, 0)


@pytest.mark.parametrize("url", ["/topics/cats/?cursor=zz", "/notifications/?cursor=zz"])
def test_garbage_cursor_on_a_page_is_400(client_for, mia, url):
    assert client_for(mia).get(url).status_code == 400


def test_deleting_someone_elses_note_from_its_page_is_403(client_for, make_note, mia, lin):
    note = make_note(mia, title="Mine")
    response = client_for(lin).post(f"/notes/{note.pk}/delete/")
    assert response.status_code == 403
    assert Note.objects.filter(pk=note.pk).exists()


def test_editing_someone_elses_note_is_refused_and_changes_nothing(client_for, make_note, mia, lin):
    note = make_note(mia, title="Mine")
    client = client_for(lin)
    response = client.post(
        f"/notes/{note.pk}/edit/", {"title": "Hijacked", "visibility": "public", "topics": ""}
    )
    assert response.status_code in (400, 403)
    assert "Only the author can edit this note." in html(response)
    note.refresh_from_db()
    assert note.title == "Mine"
    # Nor is the edit form offered to them.
    assert client.get(f"/notes/{note.pk}/edit/").status_code == 403


def test_author_edits_their_note_from_its_page(client_for, make_note, mia):
    note = make_note(mia, title="Draft", body="#old")
    client = client_for(mia)
    assert 'value="Draft"' in html(client.get(f"/notes/{note.pk}/edit/"))
    response = client.post(
        f"/notes/{note.pk}/edit/",
        {
            "title": "Final",
            "body": "#new",
            "visibility": "followers",
            "topics": "",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == f"/notes/{note.pk}/"
    note.refresh_from_db()
    assert (note.title, note.body, note.visibility) == ("Final", "#new", "followers")
    assert list(note.topics.values_list("name", flat=True)) == ["new"]


def test_signup_requires_accepting_the_guidelines_and_records_the_version(db):
    from crossnote.moderation.models import GuidelinesAcknowledgement

    data = {"username": "new_person", "email": "new@example.com", "password": PASSWORD}
    refused = Client().post("/signup/", data)
    assert refused.status_code == 200 and not User.objects.exists()
    assert Client().post("/signup/", {**data, "accept_guidelines": "on"}).status_code == 302
    ack = GuidelinesAcknowledgement.objects.get()
    assert ack.user.username == "new_person" and ack.version
