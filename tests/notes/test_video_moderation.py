"""Frames of a video go through the same hash lists as photos (SCREEN_IMAGES): a banked picture
on the first key frame is refused at upload with nothing stored; one that appears only later is
caught by the background's one-frame-a-second screening, and the note is never published."""

import io
import tempfile

import av
import numpy as np
import pytest
from PIL import Image, ImageDraw

from crossnote.core.errors import ContentBlocked
from crossnote.core.images import process_image
from crossnote.moderation.models import HashEntry
from crossnote.moderation.pipeline import lists_changed
from crossnote.notes import policies, services
from crossnote.notes.models import Note, NoteVideo, VideoState
from tests.conftest import stored_files, upload
from tests.notes.video_media import clip

pytestmark = pytest.mark.django_db


def banned_picture(size=(320, 240)) -> Image.Image:
    picture = Image.new("RGB", size, (240, 240, 230))
    draw = ImageDraw.Draw(picture)
    for i in range(0, size[0], 19):
        top = (i * 7) % (size[1] - 50)
        draw.ellipse((i, top, i + 45, top + 45), fill=(i % 255, 60, 150))
    return picture


def bank(picture: Image.Image) -> None:
    out = io.BytesIO()
    picture.save(out, "JPEG", quality=92)
    banked = process_image(upload(data=out.getvalue()))
    HashEntry.objects.create(kind="pdq", value=banked.pdq, category="illegal_goods", source="test")
    lists_changed()


def video_of(frames: list[Image.Image], fps=10, scene_cuts=True) -> bytes:
    handle = tempfile.NamedTemporaryFile(suffix=".mp4")
    out = av.open(handle.name, "w", format="mp4")
    stream = out.add_stream("libx264", rate=fps)
    stream.width, stream.height, stream.pix_fmt = frames[0].width, frames[0].height, "yuv420p"
    if not scene_cuts:  # no key frame where the picture changes: only the first one
        stream.options = {"x264-params": "scenecut=0"}
    for i, image in enumerate(frames):
        frame = av.VideoFrame.from_ndarray(np.asarray(image), format="rgb24")
        frame.pts = i
        for packet in stream.encode(frame):
            out.mux(packet)
    for packet in stream.encode():
        out.mux(packet)
    out.close()
    with handle:
        return handle.read()


def plain(shade: int) -> Image.Image:
    image = Image.new("RGB", (320, 240), (shade, 120, 90))
    ImageDraw.Draw(image).rectangle((40, 40, 160, 200), fill=(20, 20, shade))
    return image


def test_a_banked_picture_in_a_video_is_refused_and_nothing_is_stored(mia, settings):
    picture = banned_picture()
    bank(picture)
    with pytest.raises(ContentBlocked) as caught:
        services.create_note(author=mia, title="x", video=clip(video_of([picture] * 15)))
    assert caught.value.status == 451
    assert not Note.objects.exists() and stored_files(settings.MEDIA_ROOT) == []


def test_a_scene_cut_to_a_banked_picture_is_refused_at_upload(mia):
    # x264 starts a key frame where the picture changes, and key frames are what is sampled.
    picture = banned_picture()
    bank(picture)
    frames = [plain(40 + i) for i in range(10)] + [picture] * 10
    with pytest.raises(ContentBlocked):
        services.create_note(author=mia, title="Cut", video=clip(video_of(frames)))
    assert not Note.objects.exists()


def test_a_banked_picture_later_in_a_video_is_caught_before_it_is_published(mia, lin):
    picture = banned_picture()
    bank(picture)
    # One key frame (x264's interval is 250 frames, scene cuts off): at upload only the first
    # second's innocent picture is decoded; the banked one shows from 1.0 s to 2.0 s.
    frames = [plain(40 + i) for i in range(10)] + [picture] * 10
    data = video_of(frames, scene_cuts=False)
    note = services.create_note(author=mia, title="Innocent?", video=clip(data))
    video = NoteVideo.objects.get(note=note)
    assert video.state == VideoState.FAILED and "may not be posted here" in video.error
    assert not video.mp4 and not video.pending
    note.refresh_from_db()
    assert not note.media_ready and not policies.can_view_note(lin, note)
