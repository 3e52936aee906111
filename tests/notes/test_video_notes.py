"""Video notes end to end on real SQLite and real files: posting (service, API, compose page),
the background transcode (fast-start H.264/AAC MP4 at two sizes, poster, no metadata), progress
and publication, the sweep after a crash, failure within bounds, range requests, cards, CLI."""

from datetime import timedelta
from unittest import mock

import av
import pytest
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.utils import timezone
from PIL import Image

from crossnote.notes import policies, services, tasks
from crossnote.notes.models import Note, NoteVideo, VideoState
from crossnote.notes.selectors import visible_notes
from tests.conftest import stored_files
from tests.notes.video_media import GPS, clip, video_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def in_background(settings):
    """As on a server: tasks are queued on commit, not run inline; the queue is watched."""
    settings.CROSSNOTE_TASKS_INLINE = False
    with mock.patch("crossnote.notes.services.enqueue") as queued:
        yield queued


def post(author, data=None, **kwargs):
    return services.create_note(
        author=author, title="Hotpot", body="#food", video=clip(data), **kwargs
    )


def read(name) -> bytes:
    with default_storage.open(name, "rb") as handle:
        return handle.read()


def test_a_video_note_is_transcoded_stripped_and_published(mia, lin):
    note = post(mia)
    video = NoteVideo.objects.get(note=note)
    assert note.media_ready and video.state == VideoState.READY and video.progress == 100
    assert note.video_duration == pytest.approx(1.5, abs=0.1)
    assert not video.pending  # the stripped copy is gone once the renditions exist
    for field, height in ((video.mp4, 120), (video.small, 120)):
        data = read(field.name)
        assert field.name.endswith(".mp4")
        assert data.find(b"moov") < data.find(b"mdat")  # fast start: the index first
        assert b"\xa9xyz" not in data and b"loci" not in data and GPS.encode() not in data
        with default_storage.open(field.name, "rb") as handle, av.open(handle) as container:
            assert "location" not in container.metadata and "encoder" not in container.metadata
            codecs = [s.codec_context.name for s in container.streams]
            assert codecs == ["h264", "aac"]
            assert container.streams.video[0].codec_context.height == height
    cover = note.cover  # the poster frame: a WebP with its blurhash, like a photo
    assert cover.large.name.endswith(".webp") and cover.blurhash and len(cover.pdq_hash) == 64
    assert len(video.frame_hashes.split(",")[0]) == 64
    assert policies.can_view_note(lin, note)


def test_the_poster_is_not_a_black_fade_in(mia):
    from tests.notes.test_video_moderation import plain, video_of

    black = Image.new("RGB", (320, 240))
    note = post(mia, video_of([black] * 10 + [plain(200)] * 10))  # a scene cut at 1 s
    with default_storage.open(note.cover.large.name, "rb") as handle, Image.open(handle) as poster:
        assert poster.convert("L").resize((8, 8)).getextrema()[1] > 100


def test_a_big_video_gets_720p_and_360p(mia):
    note = post(mia, video_bytes(size=(1280, 960), seconds=1, audio=False, gps=False))
    video = NoteVideo.objects.get(note=note)
    assert (video.width, video.height) == (960, 720)
    assert (video.small_width, video.small_height) == (480, 360)


def test_readers_never_see_a_video_being_made(in_background, mia, lin, client_for):
    note = post(mia)
    in_background.assert_called_once_with(tasks.make_note_variants, note.pk)
    video = NoteVideo.objects.get(note=note)
    assert video.state == VideoState.PROCESSING and video.pending and not video.mp4
    assert not policies.can_view_note(lin, note)
    assert not visible_notes(lin).filter(pk=note.pk).exists()
    # The author sees "processing" with progress, polled by the page.
    page = client_for(mia).get(note.get_absolute_url())
    assert b'data-testid="video-processing"' in page.content and b"0%" in page.content
    NoteVideo.objects.filter(pk=video.pk).update(progress=40)
    poll = client_for(mia).get(f"/notes/{note.pk}/video/")
    assert b"40%" in poll.content and b"<video" not in poll.content
    assert client_for(lin).get(f"/notes/{note.pk}/video/").status_code == 404

    assert tasks.make_note_variants(note.pk) is True
    note.refresh_from_db()
    assert note.media_ready and policies.can_view_note(lin, note)
    poll = client_for(lin).get(f"/notes/{note.pk}/video/")
    assert b"<video" in poll.content and b"playsinline" in poll.content and b"muted" in poll.content


def test_the_sweep_finishes_a_video_a_dead_process_left(in_background, mia):
    note = post(mia)
    Note.objects.filter(pk=note.pk).update(created_at=timezone.now() - timedelta(minutes=5))
    # A worker that claimed it a moment ago is still at it: the sweep leaves it alone.
    NoteVideo.objects.filter(note=note).update(claimed_at=timezone.now())
    assert services.finish_pending_media() == 1
    assert NoteVideo.objects.get(note=note).state == VideoState.PROCESSING
    # Its claim went stale (the worker died between acknowledging and transcoding): taken over.
    NoteVideo.objects.filter(note=note).update(claimed_at=timezone.now() - timedelta(minutes=10))
    services.finish_pending_media()
    assert NoteVideo.objects.get(note=note).state == VideoState.READY
    assert Note.objects.get(pk=note.pk).media_ready


def test_a_transcode_past_its_time_fails_cleanly(in_background, mia, lin, settings, client_for):
    note = post(mia)
    pending = NoteVideo.objects.get(note=note).pending
    settings.CROSSNOTE_VIDEO_TRANSCODE_SECONDS = 0
    assert tasks.make_note_variants(note.pk) is False
    video = NoteVideo.objects.get(note=note)
    assert video.state == VideoState.FAILED and "longer than 0 seconds" in video.error
    assert not video.pending and not default_storage.exists(pending)
    assert not video.mp4 and not Note.objects.get(pk=note.pk).media_ready
    assert not policies.can_view_note(lin, note)
    # The sweep does not pick a failed video up again, and the author is told on the page.
    Note.objects.filter(pk=note.pk).update(created_at=timezone.now() - timedelta(minutes=5))
    assert services.finish_pending_media() == 0
    page = client_for(mia).get(note.get_absolute_url())
    assert b'data-testid="video-failed"' in page.content


def test_the_note_page_plays_inline_with_a_poster(mia, lin, client_for):
    note = post(mia)
    page = client_for(lin).get(note.get_absolute_url()).content.decode()
    for attribute in ("playsinline", "muted", "autoplay", "loop", 'poster="/media/', "data-unmute"):
        assert attribute in page
    assert note.video.mp4.url in page and note.video.small.url in page
    assert "carousel" not in page


def test_explore_cards_show_a_play_badge_and_the_length(mia, lin, client_for):
    post(mia, video_bytes(seconds=2, audio=False))
    page = client_for(lin).get("/").content.decode()
    assert 'data-testid="play-badge"' in page and "0:02" in page


def test_range_requests_on_the_embedded_default(mia, client):
    note = post(mia)
    url = note.video.mp4.url
    size = len(read(note.video.mp4.name))
    whole = client.get(url)
    assert whole.status_code == 200 and whole["Accept-Ranges"] == "bytes"
    part = client.get(url, HTTP_RANGE="bytes=0-99")
    assert part.status_code == 206 and part["Content-Range"] == f"bytes 0-99/{size}"
    assert b"".join(part.streaming_content) == read(note.video.mp4.name)[:100]
    assert part["Content-Length"] == "100" and part["Content-Type"] == "video/mp4"
    tail = client.get(url, HTTP_RANGE="bytes=-10")
    assert tail["Content-Range"] == f"bytes {size - 10}-{size - 1}/{size}"
    assert b"".join(tail.streaming_content) == read(note.video.mp4.name)[-10:]
    rest = client.get(url, HTTP_RANGE=f"bytes={size - 5}-")
    assert rest.status_code == 206 and rest["Content-Length"] == "5"
    for bad in (f"bytes={size}-", "bytes=9-3", "bytes=abc", "items=0-1", "bytes=-0"):
        refused = client.get(url, HTTP_RANGE=bad)
        assert refused.status_code == 416, bad
        assert refused["Content-Range"] == f"bytes */{size}"
    assert client.get("/media/notes/nothing.mp4", HTTP_RANGE="bytes=0-1").status_code == 404


def test_the_api_posts_a_video_and_reports_its_state(mia, client_for):
    client = client_for(mia)
    answer = client.post(
        "/api/v1/notes", {"title": "Hotpot", "visibility": "public", "video": clip()}
    )
    assert answer.status_code == 201, answer.content
    body = answer.json()
    assert body["video"]["state"] == "ready" and body["video"]["url"].endswith(".mp4")
    assert body["video"]["duration"] == pytest.approx(1.5, abs=0.1)
    assert body["video"]["poster_url"] == body["images"][0]["large_url"]
    got = client.get(f"/api/v1/notes/{body['id']}").json()
    assert got["video"]["small_url"].endswith(".mp4")
    photo_note = client.post("/api/v1/notes", {"title": "Photo", "images": []})
    assert photo_note.status_code == 400


@pytest.mark.parametrize(
    ("data", "status", "words"),
    [
        (b"not a video at all, just words" * 20, 415, "MP4, MOV, WebM or MKV"),
        (None, 400, "damaged or truncated"),
    ],
)
def test_the_api_refuses_bad_videos_clearly_and_stores_nothing(
    mia, client_for, settings, data, status, words
):
    if data is None:
        whole = video_bytes(fmt="mp4")
        data = whole[: len(whole) // 2]
    answer = client_for(mia).post("/api/v1/notes", {"title": "Bad", "video": clip(data)})
    assert answer.status_code == status
    assert words in answer.json()["detail"] and answer.json()["field"] == "video"
    assert not Note.objects.exists() and stored_files(settings.MEDIA_ROOT) == []


def test_the_compose_page_posts_a_video_and_shows_refusals_on_the_field(mia, client_for, settings):
    client = client_for(mia)
    page = client.get("/notes/new/").content.decode()
    assert 'name="video"' in page and "data-video-picker" in page
    assert f'data-max-seconds="{settings.CROSSNOTE_MAX_VIDEO_SECONDS}"' in page
    settings.CROSSNOTE_MAX_VIDEO_SECONDS = 1
    refused = client.post(
        "/notes/new/",
        {"title": "Long", "visibility": "public", "video": clip(video_bytes(seconds=2))},
        HTTP_ACCEPT="application/json",
    )
    assert refused.status_code == 400
    assert "the limit is 1 seconds" in refused.json()["errors"]["video"][0]["message"]
    settings.CROSSNOTE_MAX_VIDEO_SECONDS = 60
    posted = client.post("/notes/new/", {"title": "Ok", "visibility": "public", "video": clip()})
    assert posted.status_code == 302
    assert Note.objects.get(title="Ok").video.state == VideoState.READY


def test_deleting_a_video_note_removes_its_files(mia, settings, django_capture_on_commit_callbacks):
    note = post(mia)
    assert stored_files(settings.MEDIA_ROOT)
    with django_capture_on_commit_callbacks(execute=True):
        services.delete_note(user=mia, note=note)
    assert stored_files(settings.MEDIA_ROOT) == []


def test_media_reprocess_remakes_renditions_and_poster(mia, settings):
    note = post(mia)
    old = {note.video.mp4.name, note.video.small.name, note.cover.large.name}
    call_command("media", "reprocess", "--note", str(note.pk))
    video = NoteVideo.objects.get(note=note)
    assert video.state == VideoState.READY
    new = {video.mp4.name, video.small.name, Note.objects.get(pk=note.pk).cover.large.name}
    assert not old & new
    assert all(default_storage.exists(name) for name in new)
    assert not any(default_storage.exists(name) for name in old)
    call_command("media", "reprocess", "--all")
    assert NoteVideo.objects.get(note=note).state == VideoState.READY
