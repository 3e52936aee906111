"""Text in video frames (crossnote.vision.video): a video note's frames are sampled about once a
second, near-identical frames are read once, the captions are stored per frame (time, boxes,
language), searchable ("text in video"), screened by moderation as typed text, kept privately
for the moderators' contact sheet, exported and erased with the person."""

import tempfile
from pathlib import Path

import av
import numpy as np
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageDraw

from crossnote.moderation.models import Decision
from crossnote.moderation.services import screen_text
from crossnote.notes.models import ModerationState, Note, NoteVideo
from crossnote.notes.services import create_note
from crossnote.vision import video as vision_video
from crossnote.vision.models import VideoFrame
from tests.conftest import client_of, make_moderator, stored_files
from tests.vision.vision_images import font

pytestmark = pytest.mark.django_db

SIZE = (640, 360)


def caption_frame(caption: str, shade: int = 0) -> Image.Image:
    """A still scene (a table, a window) with `caption` drawn in the lower third."""
    picture = Image.new("RGB", SIZE, (70 + shade, 110, 150))
    pen = ImageDraw.Draw(picture)
    pen.rectangle((60, 40, 300, 200), fill=(200, 170, 120))
    pen.ellipse((380, 60, 560, 200), fill=(240, 220, 90))
    if caption:
        pen.rectangle((0, 250, SIZE[0], 330), fill=(250, 250, 250))
        pen.text((30, 265), caption, font=font(40), fill=(20, 20, 20))
    return picture


def captioned_video(scenes, fps=10) -> bytes:
    """An MP4 of `scenes`, each (caption, seconds) held still on the same background."""
    handle = tempfile.NamedTemporaryFile(suffix=".mp4")
    out = av.open(handle.name, "w", format="mp4")
    stream = out.add_stream("libx264", rate=fps)
    stream.width, stream.height, stream.pix_fmt = *SIZE, "yuv420p"
    index = 0
    for caption, seconds in scenes:
        pixels = np.asarray(caption_frame(caption))
        for _ in range(int(seconds * fps)):
            frame = av.VideoFrame.from_ndarray(pixels, format="rgb24")
            frame.pts = index
            index += 1
            for packet in stream.encode(frame):
                out.mux(packet)
    for packet in stream.encode():
        out.mux(packet)
    out.close()
    with handle:
        return handle.read()


def post_video(author, scenes, capture, title="周末vlog") -> Note:
    data = captioned_video(scenes)
    with capture(execute=True):
        note = create_note(
            author=author,
            title=title,
            video=SimpleUploadedFile("clip.mp4", data, "video/mp4"),
        )
    return Note.objects.get(pk=note.pk)


def test_captions_are_read_once_per_picture_and_stored_with_times_and_boxes(
    mia, django_capture_on_commit_callbacks
):
    note = post_video(
        mia,
        [("今天的火锅真好吃", 3), ("Welcome TikTok refugees!", 3)],
        django_capture_on_commit_callbacks,
    )
    assert note.media_ready and note.video.state == "ready"
    frames = list(note.video_frames.order_by("at"))
    assert 5 <= len(frames) <= 7  # about one a second
    read = [f for f in frames if f.status == VideoFrame.Status.DONE]
    same = [f for f in frames if f.status == VideoFrame.Status.SAME]
    assert len(read) == 2 and len(same) == len(frames) - 2  # a held caption is read once
    first, second = read
    assert first.at < 1 and 2.5 < second.at < 4
    assert first.text == "今天的火锅真好吃" and first.language == "zh"
    assert second.text.replace(" ", "") == "WelcomeTikTokrefugees!"
    assert second.language == "en"
    x0, y0, x1, y1 = first.lines[0]["box"]
    assert 0 <= x0 < 0.15 and 0.65 < y0 < y1 < 0.95 and x1 > 0.4  # the caption's place
    assert all(f.same_as in (first.at, second.at) for f in same)
    assert vision_video.text_of(frames).splitlines()[0] == "今天的火锅真好吃"
    assert len(vision_video.text_of(frames).splitlines()) == 2


def test_a_caption_is_searchable_and_the_result_says_text_in_video(
    mia, lin, client_for, django_capture_on_commit_callbacks
):
    note = post_video(mia, [("麻婆豆腐 ¥28", 2)], django_capture_on_commit_callbacks)
    page = client_for(lin).get("/search", {"q": "麻婆豆腐"})
    assert page.status_code == 200
    html = page.content.decode()
    assert f"/notes/{note.pk}" in html
    assert 'data-testid="text-in-video"' in html and "text in video" in html
    assert 'data-testid="text-in-photo"' not in html
    api = client_for(lin).get("/api/v1/search", {"q": "麻婆豆腐"})
    assert api.status_code == 200
    hit = next(h for h in api.json()["notes"] if h["id"] == note.pk)
    assert hit["in_photo"] is True


@pytest.mark.parametrize("insult", ["你就是个傻逼", "shut up you moron"])
def test_an_insult_shown_as_a_caption_gets_what_the_same_text_gets(
    lin, insult, django_capture_on_commit_callbacks
):
    _signals, as_text = screen_text(insult, kind="note", author=lin)
    assert as_text.action != "allow"
    note = post_video(lin, [("", 1), (insult, 2)], django_capture_on_commit_callbacks)
    read = note.video_frames.filter(status=VideoFrame.Status.DONE).exclude(text="")
    assert [f.text.replace(" ", "") for f in read] == [insult.replace(" ", "")]
    states = {"label": "labelled", "limit": "limited", "hold": "held", "remove": "removed"}
    assert note.moderation == states[as_text.action]
    decision = Decision.objects.get(kind="note", object_id=note.pk)
    assert decision.action == as_text.action and decision.category == as_text.category


def test_a_harmless_caption_leaves_the_note_visible(mia, django_capture_on_commit_callbacks):
    note = post_video(mia, [("周末去成都吃火锅", 2)], django_capture_on_commit_callbacks)
    assert note.video_frames.filter(text="周末去成都吃火锅").exists()
    assert note.moderation == ModerationState.VISIBLE
    assert not Decision.objects.filter(kind="note", object_id=note.pk).exists()


def test_reading_is_capped_in_frames(mia, settings, django_capture_on_commit_callbacks):
    settings.CROSSNOTE_VIDEO_OCR_FRAMES = 1
    note = post_video(
        mia, [("第一句", 2), ("第二句", 2), ("第三句", 2)], django_capture_on_commit_callbacks
    )
    statuses = [f.status for f in note.video_frames.order_by("at")]
    assert statuses.count("done") == 1 and "skipped" in statuses
    assert len(statuses) >= 5  # every sampled frame is still kept for the contact sheet


def test_reading_is_bounded_in_time(mia, settings, django_capture_on_commit_callbacks):
    settings.CROSSNOTE_VIDEO_OCR_SECONDS = 0
    note = post_video(mia, [("第一句", 2), ("第二句", 2)], django_capture_on_commit_callbacks)
    assert note.media_ready
    assert not note.video_frames.filter(status="done").exists()


def test_a_damaged_rendition_reads_nothing_and_raises_nothing(
    mia, django_capture_on_commit_callbacks
):
    note = post_video(mia, [("第一句", 2)], django_capture_on_commit_callbacks)
    video = NoteVideo.objects.get(note=note)
    with video.mp4.open("wb") as damaged:
        damaged.write(b"\x00\x00\x00\x18ftypisom" + b"\x00" * 500)
    assert vision_video.read_video(note_id=note.pk) == []
    assert note.video_frames.count() >= 1  # the earlier reading stays


def test_frames_are_kept_outside_public_media(mia, settings, django_capture_on_commit_callbacks):
    note = post_video(mia, [("今天的火锅真好吃", 2)], django_capture_on_commit_callbacks)
    kept = stored_files(settings.CROSSNOTE_FRAMES_DIR)
    assert len(kept) == note.video_frames.count() >= 2
    media = [str(p) for p in stored_files(settings.MEDIA_ROOT)]
    assert not any(str(p).endswith(".jpg") and "frames" in str(p) for p in media)
    assert not str(settings.CROSSNOTE_FRAMES_DIR).startswith(str(settings.MEDIA_ROOT))


def test_reading_again_replaces_the_frames_and_their_files(
    mia, settings, django_capture_on_commit_callbacks
):
    note = post_video(mia, [("第一句", 2)], django_capture_on_commit_callbacks)
    before = set(stored_files(settings.CROSSNOTE_FRAMES_DIR))
    with django_capture_on_commit_callbacks(execute=True):
        rows = vision_video.read_video(note_id=note.pk)
    after = set(stored_files(settings.CROSSNOTE_FRAMES_DIR))
    assert rows and len(after) == len(rows) and not before & after


def test_deleting_the_note_deletes_its_frames(mia, settings, django_capture_on_commit_callbacks):
    from crossnote.notes.services import delete_note

    note = post_video(mia, [("第一句", 2)], django_capture_on_commit_callbacks)
    assert stored_files(settings.CROSSNOTE_FRAMES_DIR)
    with django_capture_on_commit_callbacks(execute=True):
        delete_note(user=mia, note=note)
    assert stored_files(settings.CROSSNOTE_FRAMES_DIR) == []
    assert not VideoFrame.objects.exists()


# --- the moderators' contact sheet ---------------------------------------------------------------


def review_item_of(note):
    from crossnote.moderation.models import ReviewItem

    return ReviewItem.objects.filter(kind="note", object_id=note.pk).first()


def test_the_review_item_of_a_video_shows_its_frames_blurred_with_times(
    lin, django_capture_on_commit_callbacks
):
    note = post_video(lin, [("", 1), ("你就是个傻逼", 2)], django_capture_on_commit_callbacks)
    item = review_item_of(note)
    assert item is not None
    moderator = make_moderator("mod")
    page = client_of(moderator).get(f"/moderation/queue/{item.pk}/")
    assert page.status_code == 200
    html = page.content.decode()
    assert 'data-testid="contact-sheet"' in html
    frames = note.video_frames.count()
    assert html.count('data-testid="contact-frame"') == frames
    assert html.count('class="blurred" data-unblur') >= frames  # blurred until clicked
    assert "<time>0:00</time>" in html and "<time>0:01</time>" in html
    assert "你就是个傻逼" in html  # the text read, beside its frame
    assert "/media/" not in html.split('data-testid="contact-sheet"')[1].split("</section>")[0]


def test_a_frame_link_opens_only_for_the_moderator_it_was_made_for(
    lin, mia, django_capture_on_commit_callbacks
):
    from crossnote.vision.views import frame_link

    note = post_video(lin, [("第一句", 2)], django_capture_on_commit_callbacks)
    frame = note.video_frames.first()
    moderator = make_moderator("mod")
    link = frame_link(moderator, frame)
    answer = client_of(moderator).get(link)
    assert answer.status_code == 200 and answer["Content-Type"] == "image/jpeg"
    assert answer.content[:3] == b"\xff\xd8\xff"
    assert "private" in answer["Cache-Control"]
    assert client_of(mia).get(link).status_code == 404  # someone else holding the link
    assert client_of(lin).get(link).status_code == 404  # the author too
    from django.test import Client

    anonymous = Client().get(link)
    assert anonymous.status_code == 302 and "/login" in anonymous["Location"]
    assert client_of(moderator).get(link[:-3] + "abc").status_code == 404  # tampered
    assert client_of(moderator).get("/review/frames/not-a-token").status_code == 404


def test_an_expired_frame_link_is_refused(lin, django_capture_on_commit_callbacks, monkeypatch):
    from crossnote.vision import views

    note = post_video(lin, [("第一句", 2)], django_capture_on_commit_callbacks)
    moderator = make_moderator("mod")
    link = views.frame_link(moderator, note.video_frames.first())
    monkeypatch.setattr(views, "LINK_SECONDS", -1)
    assert client_of(moderator).get(link).status_code == 404


def test_the_review_item_of_a_photo_note_shows_the_text_read_in_each_photo(
    lin, django_capture_on_commit_callbacks
):
    from tests.conftest import upload
    from tests.vision.vision_images import text_image

    data, _boxes = text_image(["你就是个傻逼"], size=(520, 140))
    with django_capture_on_commit_callbacks(execute=True):
        note = create_note(
            author=lin,
            title="看看",
            images=[upload(), SimpleUploadedFile("m.png", data, "image/png")],
        )
    item = review_item_of(note)
    assert item is not None
    html = client_of(make_moderator("mod")).get(f"/moderation/queue/{item.pk}/").content.decode()
    assert 'data-testid="photo-text-review"' in html and "Photo 2" in html
    assert "你就是个傻逼" in html
    assert 'data-testid="contact-sheet"' not in html  # the photos themselves are shown above


# --- export and erasure ----------------------------------------------------------------------


def test_export_holds_each_frames_text_and_erasure_removes_rows_and_files(
    mia, settings, django_capture_on_commit_callbacks
):
    from crossnote.vision import data_rights

    note = post_video(mia, [("今天的火锅真好吃", 2)], django_capture_on_commit_callbacks)
    exported = data_rights.export(mia, {})["video_texts"]
    assert len(exported) == note.video_frames.count()
    assert any(f["text"] == "今天的火锅真好吃" and f["lines"][0]["box"] for f in exported)
    assert all(f["note_id"] == note.pk and isinstance(f["at"], float) for f in exported)
    # Through the whole archive: data.json follows the schema, index.html shows the text.
    import json
    import zipfile

    import jsonschema

    from crossnote.privacy import archive

    path = archive.write_archive(mia)
    with zipfile.ZipFile(path) as made:
        data = json.loads(made.read("data.json"))
        index = made.read("index.html").decode()
    Path(path).unlink()
    jsonschema.Draft202012Validator(json.loads(archive.SCHEMA_PATH.read_text())).validate(data)
    assert data["video_texts"] == exported
    assert "Text read in your videos" in index and "今天的火锅真好吃" in index
    with django_capture_on_commit_callbacks(execute=True):
        data_rights.erase(mia)
    assert not VideoFrame.objects.filter(note__author=mia).exists()
    assert stored_files(settings.CROSSNOTE_FRAMES_DIR) == []


def test_the_command_prints_each_frames_text_with_its_time(mia, django_capture_on_commit_callbacks):
    import io
    import json

    from django.core.management import call_command

    note = post_video(mia, [("第一句", 2), ("第二句", 2)], django_capture_on_commit_callbacks)
    out = io.StringIO()
    call_command("vision", "read", str(note.pk), stdout=out)
    text = out.getvalue()
    assert "frame 0:00 (done, zh)" in text and "  第一句  [" in text
    assert "frame 0:01 (same, as 0:00)" in text and "  第二句  [" in text
    out = io.StringIO()
    call_command("vision", "read", str(note.pk), "--json", stdout=out)
    frames = json.loads(out.getvalue())["video_frames"]
    assert [f["lines"][0]["text"] for f in frames if f["status"] == "done"] == ["第一句", "第二句"]


def test_the_sweep_reads_a_video_a_dead_process_left_unread(
    mia, settings, django_capture_on_commit_callbacks
):
    from datetime import timedelta

    from django.utils import timezone

    from crossnote.vision.services import read_unread_photos

    settings.CROSSNOTE_OCR_ENABLED = False  # the process that should have read it died
    note = post_video(mia, [("第一句", 2)], django_capture_on_commit_callbacks)
    assert not note.video_frames.exists()
    Note.objects.filter(pk=note.pk).update(created_at=timezone.now() - timedelta(minutes=5))
    settings.CROSSNOTE_OCR_ENABLED = True
    with django_capture_on_commit_callbacks(execute=True):
        read_unread_photos()
    assert note.video_frames.filter(text="第一句").exists()


def test_the_api_gives_each_frames_text_with_its_time_and_boxes(
    mia, lin, client_for, django_capture_on_commit_callbacks
):
    note = post_video(
        mia,
        [("今天的火锅真好吃", 2), ("Welcome TikTok refugees!", 2)],
        django_capture_on_commit_callbacks,
    )
    from django.test import Client

    answer = Client().get(f"/api/v1/notes/{note.pk}/video/text")
    assert answer.status_code == 200
    body = answer.json()
    assert body["status"] == "done" and body["note_id"] == note.pk
    assert body["text"].splitlines()[0] == "今天的火锅真好吃"
    read = [f for f in body["frames"] if f["status"] == "done"]
    assert [f["lines"][0]["text"] for f in read][0] == "今天的火锅真好吃"
    assert read[0]["language"] == "zh" and len(read[0]["lines"][0]["box"]) == 4
    assert any(f["status"] == "same" and f["same_as"] == read[0]["at"] for f in body["frames"])
    translated = (
        client_for(lin).get(f"/api/v1/notes/{note.pk}/video/text", {"translate_to": "en"}).json()
    )
    assert translated["target"] == "en"
    first = next(f for f in translated["frames"] if f["status"] == "done")
    assert isinstance(first["lines"][0]["translation"], str)
    assert first["lines"][0]["translation"] != "今天的火锅真好吃"


def test_the_api_answers_404_for_a_photo_note_and_a_note_the_caller_may_not_see(
    mia, lin, client_for, make_note, django_capture_on_commit_callbacks
):
    photos = make_note(mia)
    answer = client_for(lin).get(f"/api/v1/notes/{photos.pk}/video/text")
    assert answer.status_code == 404 and answer.json()["detail"]
    private = post_video(mia, [("第一句", 2)], django_capture_on_commit_callbacks)
    Note.objects.filter(pk=private.pk).update(visibility="private")
    assert client_for(lin).get(f"/api/v1/notes/{private.pk}/video/text").status_code == 404
    assert client_for(mia).get(f"/api/v1/notes/{private.pk}/video/text").status_code == 200
    assert client_for(lin).get("/api/v1/notes/999999/video/text").status_code == 404
