"""Notes over /api/v1: posting with images, validation, editing, deleting, visibility, feeds."""

import datetime
import io

import pytest
from django.core.files.storage import default_storage
from django.test import Client
from django.utils import timezone
from PIL import Image

from crossnote.notes.models import Note, NoteImage, Topic
from crossnote.social.services import follow_user
from tests.conftest import gps_jpeg, huge_png_header, image_bytes, stored_files, upload

NOTES = "/api/v1/notes"
EXPLORE = "/api/v1/feeds/explore"


def post_note(client, images=None, **fields):
    data = {"title": "Hotpot night", "body": "", "visibility": "public"}
    data.update(fields)
    data["images"] = [upload()] if images is None else images
    return client.post(NOTES, data)


# --- posting ---------------------------------------------------------------------------------


def test_posting_a_note_with_two_images_stores_rows_files_and_topics(client_for, mia, settings):
    response = post_note(
        client_for(mia),
        images=[upload("a.jpg"), upload("b.png", image_bytes("PNG", size=(300, 900)), "image/png")],
        title="  Hotpot night  ",
        body="Best #火锅 in town, with #Cats watching. #火锅 again",
        topics=["Travel", "#cats"],
    )
    assert response.status_code == 201, response.content
    body = response.json()
    note = Note.objects.get(pk=body["id"])
    assert note.author == mia
    assert note.title == "Hotpot night"
    assert body["url"] == f"/notes/{note.pk}/"

    images = list(NoteImage.objects.filter(note=note).order_by("position"))
    assert [i.position for i in images] == [0, 1]
    assert len(body["images"]) == 2
    # The tall PNG kept its shape: 300×900 → thumb 300 wide (never upscaled).
    assert (images[1].thumb_width, images[1].thumb_height) == (300, 900)
    for image in images:
        for f in image.files:
            assert (settings.MEDIA_ROOT / f.name).is_file()
    assert len(stored_files(settings.MEDIA_ROOT)) == 4

    # Picked topics and #tags from the body, case-folded, unique, listed in name order.
    assert body["topics"] == ["cats", "travel", "火锅"]
    assert set(note.topics.values_list("name", flat=True)) == {"travel", "cats", "火锅"}
    assert Topic.objects.get(name="火锅").note_count == 1
    mia.refresh_from_db()
    assert mia.note_count == 1


def test_gps_exif_is_gone_from_every_stored_variant(client_for, mia, settings):
    data = gps_jpeg(size=(2000, 1500))
    assert Image.open(io.BytesIO(data)).getexif().get_ifd(0x8825)  # the input does carry GPS
    response = post_note(client_for(mia), images=[upload("gps.jpg", data)])
    assert response.status_code == 201, response.content

    files = stored_files(settings.MEDIA_ROOT)
    assert len(files) == 2
    for path in files:
        raw = path.read_bytes()
        assert b"SecretCam" not in raw
        assert b"Exif" not in raw
        stored = Image.open(io.BytesIO(raw))
        assert stored.format == "WEBP"
        assert not stored.getexif()
        assert "exif" not in stored.info and "xmp" not in stored.info
    # The same files are what the storage hands out.
    image = NoteImage.objects.get()
    with default_storage.open(image.large.name) as f:
        assert not Image.open(f).getexif()


def test_anonymous_cannot_post_a_note(db, settings):
    response = post_note(Client())
    assert response.status_code == 401
    assert not Note.objects.exists()
    assert stored_files(settings.MEDIA_ROOT) == []


BAD_INPUTS = {
    "empty_title": ({"title": "   "}, None, 400, "title"),
    "title_of_101_chars": ({"title": "x" * 101}, None, 400, "101"),
    "body_of_2001_chars": ({"body": "y" * 2001}, None, 400, "2001"),
    "zero_images": ({}, [], 400, "image"),
    "ten_images": ({}, "ten", 400, "at most 9"),
    "text_file_named_jpg": ({}, [b"hello, I am not a picture\n" * 20], 415, "not a JPEG"),
    "truncated_jpeg": ({}, ["truncated"], 400, "damaged or truncated"),
    "zero_byte_file": ({}, [b""], 400, "empty"),
    "png_header_of_100000_by_100000": ({}, ["huge"], 413, "too many pixels"),
    "bad_visibility": ({"visibility": "friends"}, None, 422, "visibility"),
}


def _bad_images(spec):
    if spec is None:
        return None
    if spec == "ten":
        return [upload(f"{i}.jpg", image_bytes(size=(64, 64))) for i in range(10)]
    out = []
    for item in spec:
        if item == "truncated":
            data = image_bytes(size=(800, 600))
            out.append(upload("cut.jpg", data[: len(data) // 2]))
        elif item == "huge":
            out.append(upload("big.png", huge_png_header(), "image/png"))
        else:
            out.append(upload("bad.jpg", item))
    return out


@pytest.mark.parametrize("case", list(BAD_INPUTS), ids=list(BAD_INPUTS))
def test_bad_note_input_is_refused_with_a_message_and_nothing_is_stored(
    case, client_for, mia, settings
):
    fields, images, status, words = BAD_INPUTS[case]
    response = post_note(client_for(mia), images=_bad_images(images), **fields)
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith("application/json")
    detail = response.json()["detail"]
    assert words.lower() in detail.lower()
    assert not Note.objects.exists()
    assert not NoteImage.objects.exists()
    assert not Topic.objects.exists()
    assert stored_files(settings.MEDIA_ROOT) == []
    mia.refresh_from_db()
    assert mia.note_count == 0


def test_tenth_image_is_refused_and_nothing_is_stored(client_for, mia, settings):
    images = [upload(f"{i}.jpg", image_bytes(size=(64, 64))) for i in range(10)]
    response = post_note(client_for(mia), images=images)
    assert response.status_code == 400
    assert "10" in response.json()["detail"]
    assert response.json()["field"] == "images"
    assert not Note.objects.exists()
    assert stored_files(settings.MEDIA_ROOT) == []


def test_one_bad_image_among_good_ones_names_it_and_stores_nothing(client_for, mia, settings):
    images = [upload("ok.jpg"), upload("bad.jpg", b"\x00" * 500), upload("ok2.jpg")]
    response = post_note(client_for(mia), images=images)
    assert response.status_code == 415
    assert response.json()["detail"].startswith("Image 2:")
    assert not Note.objects.exists()
    assert stored_files(settings.MEDIA_ROOT) == []


def test_nine_images_are_accepted(client_for, mia):
    images = [upload(f"{i}.jpg", image_bytes(size=(64, 64))) for i in range(9)]
    response = post_note(client_for(mia), images=images)
    assert response.status_code == 201
    assert NoteImage.objects.filter(note_id=response.json()["id"]).count() == 9


# --- reading, editing, deleting --------------------------------------------------------------


def test_get_note_returns_it_with_viewer_state(client_for, make_note, mia, lin):
    note = make_note(mia, title="Cats", body="#cats")
    client = client_for(lin)
    client.post(f"{NOTES}/{note.pk}/like")
    body = client.get(f"{NOTES}/{note.pk}").json()
    assert body["title"] == "Cats"
    assert body["author"]["username"] == "mia_ms"
    assert body["topics"] == ["cats"]
    assert body["liked"] is True and body["like_count"] == 1
    assert body["collected"] is False
    assert len(body["images"]) == 1 and body["images"][0]["thumb_url"].startswith("/media/")
    anonymous = Client().get(f"{NOTES}/{note.pk}").json()
    assert anonymous["liked"] is False and anonymous["like_count"] == 1


def test_author_can_patch_their_note(client_for, make_note, mia):
    note = make_note(mia, title="Old", body="about #food", topics=["travel"])
    response = client_for(mia).patch(
        f"{NOTES}/{note.pk}",
        {"title": "New title", "body": "now about #cats", "visibility": "followers"},
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    assert response.json()["title"] == "New title"
    note.refresh_from_db()
    assert note.title == "New title"
    assert note.body == "now about #cats"
    assert note.visibility == "followers"
    # Picked topics stay; the body's tags are read again.
    assert set(note.topics.values_list("name", flat=True)) == {"travel", "cats"}
    assert Topic.objects.get(name="food").note_count == 0
    # Followers-only now: it counts on no topic (tests/notes/test_topic_counts.py).
    assert Topic.objects.get(name="cats").note_count == 0
    assert Topic.objects.get(name="travel").note_count == 0


def test_patch_with_a_too_long_title_changes_nothing(client_for, make_note, mia):
    note = make_note(mia, title="Keep")
    response = client_for(mia).patch(
        f"{NOTES}/{note.pk}", {"title": "z" * 101}, content_type="application/json"
    )
    assert response.status_code == 400
    note.refresh_from_db()
    assert note.title == "Keep"


def test_patching_someone_elses_note_is_403_and_changes_nothing(client_for, make_note, mia, lin):
    note = make_note(mia, title="Mine")
    response = client_for(lin).patch(
        f"{NOTES}/{note.pk}", {"title": "Hijacked"}, content_type="application/json"
    )
    assert response.status_code == 403
    assert response.json()["detail"]
    note.refresh_from_db()
    assert note.title == "Mine"


def test_deleting_own_note_removes_rows_and_files(
    client_for, make_note, mia, settings, django_capture_on_commit_callbacks
):
    note = make_note(mia, images=[upload(), upload()], body="#cats")
    files = stored_files(settings.MEDIA_ROOT)
    assert len(files) == 4
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client_for(mia).delete(f"{NOTES}/{note.pk}")
    assert response.status_code == 204
    assert callbacks  # the files go after commit (and, with Redis, the timelines forget it)
    assert not Note.objects.filter(pk=note.pk).exists()
    assert not NoteImage.objects.exists()
    assert stored_files(settings.MEDIA_ROOT) == []
    assert Topic.objects.get(name="cats").note_count == 0
    mia.refresh_from_db()
    assert mia.note_count == 0


def test_deleting_someone_elses_note_is_403_and_keeps_everything(
    client_for, make_note, mia, lin, settings, django_capture_on_commit_callbacks
):
    note = make_note(mia)
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(lin).delete(f"{NOTES}/{note.pk}")
    assert response.status_code == 403
    assert Note.objects.filter(pk=note.pk).exists()
    assert len(stored_files(settings.MEDIA_ROOT)) == 2


@pytest.mark.django_db
def test_unknown_note_is_404_json():
    response = Client().get(f"{NOTES}/999999")
    assert response.status_code == 404
    assert response.json()["detail"]


# --- visibility ------------------------------------------------------------------------------


@pytest.fixture
def stranger(db):
    from tests.conftest import make_user

    return make_user("stranger")


def test_followers_only_note_is_seen_by_followers_alone(client_for, make_note, mia, lin, stranger):
    note = make_note(mia, title="For friends", visibility="followers")
    follow_user(follower=lin, followee=mia)
    url = f"{NOTES}/{note.pk}"
    assert client_for(lin).get(url).status_code == 200
    assert client_for(mia).get(url).status_code == 200
    assert client_for(stranger).get(url).status_code == 404
    assert Client().get(url).status_code == 404
    # A 404, not a 403: the note's existence is not revealed.
    assert client_for(stranger).get(url).json()["detail"] == "Note not found."


def test_private_note_is_seen_by_its_author_alone(client_for, make_note, mia, lin):
    note = make_note(mia, visibility="private")
    follow_user(follower=lin, followee=mia)
    url = f"{NOTES}/{note.pk}"
    assert client_for(mia).get(url).status_code == 200
    assert client_for(lin).get(url).status_code == 404
    assert Client().get(url).status_code == 404


def test_hidden_notes_cannot_be_liked_commented_or_collected(client_for, make_note, mia, lin):
    note = make_note(mia, visibility="private")
    client = client_for(lin)
    assert client.post(f"{NOTES}/{note.pk}/like").status_code == 404
    assert (
        client.post(
            f"{NOTES}/{note.pk}/comments", {"body": "hi"}, content_type="application/json"
        ).status_code
        == 404
    )
    assert (
        client.post(f"{NOTES}/{note.pk}/collect", content_type="application/json").status_code
        == 404
    )
    note.refresh_from_db()
    assert (note.like_count, note.comment_count, note.collect_count) == (0, 0, 0)


def test_explore_lists_only_public_notes(client_for, make_note, mia, lin):
    public = make_note(mia, title="public")
    make_note(mia, title="followers", visibility="followers")
    make_note(mia, title="private", visibility="private")
    follow_user(follower=lin, followee=mia)
    for client in (Client(), client_for(lin), client_for(mia)):
        items = client.get(EXPLORE).json()["items"]
        assert [n["id"] for n in items] == [public.pk]


def test_following_feed_shows_followed_authors_notes_the_viewer_may_see(
    client_for, make_note, mia, lin, stranger
):
    mine = make_note(lin, title="lin's own")
    a = make_note(mia, title="mia public")
    b = make_note(mia, title="mia followers", visibility="followers")
    make_note(mia, title="mia private", visibility="private")
    make_note(stranger, title="stranger public")
    follow_user(follower=lin, followee=mia)
    response = client_for(lin).get("/api/v1/feeds/following")
    assert response.status_code == 200
    assert [n["id"] for n in response.json()["items"]] == [b.pk, a.pk]
    assert mine.pk not in [n["id"] for n in response.json()["items"]]
    assert Client().get("/api/v1/feeds/following").status_code == 401


def test_user_notes_list_respects_visibility(client_for, make_note, mia, lin):
    public = make_note(mia, title="public")
    private = make_note(mia, title="private", visibility="private")
    url = "/api/v1/users/mia_ms/notes"
    assert [n["id"] for n in Client().get(url).json()["items"]] == [public.pk]
    assert [n["id"] for n in client_for(mia).get(url).json()["items"]] == [private.pk, public.pk]
    assert [n["id"] for n in client_for(lin).get(url).json()["items"]] == [public.pk]


def test_topic_lists_notes_by_case_folded_name(client_for, make_note, mia):
    note = make_note(mia, body="Weekend #Cats")
    make_note(mia, body="no tags")
    items = Client().get("/api/v1/topics/CATS/notes").json()["items"]
    assert [n["id"] for n in items] == [note.pk]


# --- cursor pagination -----------------------------------------------------------------------


def _bare_notes(author, count):
    """Notes without images whose created_at order differs from their id order, with ties.

    Returns the notes newest first: later created_at first, the higher id first within a tie.
    """
    base = timezone.now() - datetime.timedelta(days=1)
    stamps = {}
    for i in range(count):
        note = Note.objects.create(author=author, title=f"n{i}")
        # (i * 7) % 13 scrambles the order and gives several notes the same timestamp.
        stamps[note.pk] = base + datetime.timedelta(minutes=(i * 7) % 13)
        Note.objects.filter(pk=note.pk).update(created_at=stamps[note.pk])
    newest_first = sorted(stamps, key=lambda pk: (stamps[pk], pk), reverse=True)
    return [Note.objects.get(pk=pk) for pk in newest_first]


def test_cursor_pages_through_every_note_exactly_once_newest_first(mia):
    expected = [n.pk for n in _bare_notes(mia, 25)]
    assert expected != sorted(expected, reverse=True)  # time order is not id order here

    client = Client()
    seen, cursor, pages = [], None, 0
    while True:
        url = f"{EXPLORE}?limit=10" + (f"&cursor={cursor}" if cursor else "")
        response = client.get(url)
        assert response.status_code == 200
        page = response.json()
        pages += 1
        seen += [n["id"] for n in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
        assert pages < 10
    assert pages == 3
    assert seen == expected
    assert len(set(seen)) == 25


def test_cursor_between_notes_with_the_same_timestamp_loses_none(mia):
    expected = [n.pk for n in _bare_notes(mia, 25)]
    seen, cursor = [], ""
    while cursor is not None:
        page = Client().get(f"{EXPLORE}?limit=1&cursor={cursor}").json()
        seen += [n["id"] for n in page["items"]]
        cursor = page["next_cursor"]
    assert seen == expected


def test_a_page_that_ends_exactly_at_the_last_note_has_no_next_cursor(mia):
    _bare_notes(mia, 10)
    page = Client().get(f"{EXPLORE}?limit=10").json()
    assert len(page["items"]) == 10
    assert page["next_cursor"] is None


def test_notes_posted_between_pages_do_not_shift_the_next_page(mia):
    notes = _bare_notes(mia, 6)
    first = Client().get(f"{EXPLORE}?limit=3").json()
    Note.objects.create(author=mia, title="brand new")
    second = Client().get(f"{EXPLORE}?limit=3&cursor={first['next_cursor']}").json()
    ids = [n["id"] for n in first["items"]] + [n["id"] for n in second["items"]]
    assert ids == [n.pk for n in notes]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "cursor",
    [
        "garbage",
        "!!!",
        "W10",  # []
        "eyJhIjogMX0",  # {"a": 1}
        "WyJ4IiwgMV0",  # ["x", 1]
        "WzEsIDJd",  # [1, 2]
        "WyIyMDI0LTAxLTAxVDAwOjAwOjAwIiwgNV0",  # a timestamp without a time zone
    ],
)
def test_garbage_cursor_is_400_json(cursor):
    response = Client().get(f"{EXPLORE}?cursor={cursor}")
    assert response.status_code == 400
    assert response.json()["detail"] == "The cursor is not valid."


@pytest.mark.django_db
@pytest.mark.parametrize("limit", ["0", "-1", "101", "1000"])
def test_limit_out_of_range_is_400_json(limit):
    response = Client().get(f"{EXPLORE}?limit={limit}")
    assert response.status_code == 400
    assert "limit" in response.json()["detail"]


@pytest.mark.django_db
def test_non_numeric_limit_is_422_json():
    response = Client().get(f"{EXPLORE}?limit=lots")
    assert response.status_code == 422
    assert "limit" in response.json()["detail"]
