"""Video intake: every upload is probed before any decoding, hostile files get a clear 4xx
naming the limit, nothing is stored on refusal, and what is stored carries no metadata."""

import av
import pytest

from crossnote.core.errors import InvalidInput, PayloadTooLarge, UnsupportedMedia
from crossnote.notes import services, video
from crossnote.notes.models import Note, NoteVideo
from tests.conftest import image_bytes, stored_files, upload
from tests.notes.video_media import GPS, clip, packed_frames, video_bytes


def refused(data, name="clip.mov"):
    with pytest.raises((InvalidInput, PayloadTooLarge, UnsupportedMedia)) as caught:
        path = video.verify_video(clip(data, name=name)).path
        video._remove(path)
    assert caught.value.field == "video"
    return caught.value


def test_a_phone_video_is_probed_stripped_and_sampled():
    data = video_bytes()
    assert b"\xa9xyz" in data  # the GPS box is really in the input
    checked = video.verify_video(clip(data))
    try:
        assert (checked.width, checked.height) == (160, 120)
        assert checked.duration == pytest.approx(1.5, abs=0.1)
        assert checked.fps == pytest.approx(30)
        assert (checked.video_codec, checked.audio_codec) == ("h264", "aac")
        assert checked.frames and len(checked.frames[0].pdq) == 64 and checked.frames[0].blurhash
        with open(checked.path, "rb") as handle:
            clean = handle.read()
        assert b"\xa9xyz" not in clean and GPS.encode() not in clean
        with av.open(checked.path) as container:
            assert "location" not in container.metadata
            assert [s.type for s in container.streams] == ["video", "audio"]
    finally:
        video._remove(checked.path)


def test_a_phone_held_upright_comes_out_upright():
    # Stored 160×120 with a blue left edge, shown turned a quarter clockwise (rotation -90):
    # the picture is 120×160 and the blue edge runs along the top.
    data = video_bytes(rotation=-90, audio=False)
    checked = video.verify_video(clip(data))
    try:
        assert (checked.width, checked.height) == (120, 160)
        poster = checked.frames[0].source
        assert poster.height > poster.width
        made = video.transcode(checked.path)
    finally:
        video._remove(checked.path)
    try:
        assert made.sizes["large"] == (120, 160)
        with av.open(made.files["large"]) as container:
            frame = next(container.decode(video=0))
            assert (frame.width, frame.height) == (120, 160) and not frame.rotation
            pixels = frame.to_ndarray(format="rgb24")
        assert pixels[4, 60, 2] > 150 and pixels[4, 60, 0] < 100  # blue along the top
        assert pixels[155, 60, 2] < 100  # not at the bottom
    finally:
        for path in made.files.values():
            video._remove(path)


def test_webm_vp9_opus_is_accepted():
    data = video_bytes(fmt="webm", codec="libvpx-vp9", gps=False)
    checked = video.verify_video(clip(data, name="clip.webm"))
    video._remove(checked.path)
    assert (checked.video_codec, checked.audio_codec) == ("vp9", "opus")


def test_not_a_video():
    error = refused(b"hello, this is a text file and not a video at all" * 10)
    assert error.status == 415 and "MP4, MOV, WebM or MKV" in error.message


def test_an_image_sent_as_a_video_is_named_a_photo():
    error = refused(image_bytes("PNG"), name="clip.mp4")
    assert error.status == 415 and "photo, not a video" in error.message


def test_truncated_files_are_refused():
    faststart = video_bytes(fmt="mp4", options={"movflags": "faststart"})
    error = refused(faststart[: len(faststart) * 2 // 3])
    assert "damaged or truncated" in error.message
    plain = video_bytes(fmt="mp4")  # the index (moov) at the end: cut off with the tail
    assert "damaged or truncated" in refused(plain[: len(plain) // 2]).message
    webm = video_bytes(fmt="webm", codec="libvpx-vp9", gps=False)  # no index needed to play
    assert "damaged or truncated" in refused(webm[: len(webm) // 2], name="clip.webm").message


def test_corrupt_bytes_after_a_video_header_are_refused():
    data = video_bytes()
    assert "damaged" in refused(data[:40] + b"\x00" * 2000).message


def test_an_unknown_codec_is_named():
    error = refused(video_bytes(codec="mjpeg", pix_fmt="yuvj420p", audio=False))
    assert error.status == 415 and "mjpeg" in error.message


def test_too_long(settings):
    settings.CROSSNOTE_MAX_VIDEO_SECONDS = 1
    error = refused(video_bytes(seconds=2, audio=False))
    assert "the limit is 1 seconds" in error.message


def test_too_large(settings):
    settings.CROSSNOTE_MAX_VIDEO_BYTES = 10 * 1024 * 1024
    data = video_bytes()
    upload_ = clip(data)
    upload_.size = 11 * 1024 * 1024  # as the upload handler reports it; nothing is read
    with pytest.raises(PayloadTooLarge) as caught:
        video.verify_video(upload_)
    assert caught.value.status == 413 and "the limit is 10 MB" in caught.value.message


def test_too_many_pixels_is_refused_from_the_header():
    error = refused(video_bytes(size=(4200, 2400), seconds=0.1, audio=False))
    assert error.status == 413 and "4200 × 2400" in error.message


def test_absurd_shapes_are_refused():
    error = refused(video_bytes(size=(320, 32), seconds=0.5, audio=False))
    assert "4 times the shorter" in error.message


def test_absurd_frame_rates_are_refused():
    error = refused(video_bytes(fps=240, seconds=1, audio=False))
    assert "frame rate is 240" in error.message and "limit is 120" in error.message


def test_a_frame_bomb_is_refused():
    error = refused(packed_frames(), name="clip.mkv")
    assert "frame" in error.message


@pytest.mark.django_db
def test_a_refused_video_stores_nothing(mia, settings):
    with pytest.raises(InvalidInput):
        services.create_note(
            author=mia, title="Too long", video=clip(video_bytes()[:5000], name="cut.mov")
        )
    assert not Note.objects.exists() and not NoteVideo.objects.exists()
    assert stored_files(settings.MEDIA_ROOT) == []


@pytest.mark.django_db
def test_a_video_sent_as_a_photo_is_named_a_video(mia, settings):
    with pytest.raises(UnsupportedMedia) as caught:
        services.create_note(
            author=mia, title="Hm", images=[upload("photo.jpg", data=video_bytes())]
        )
    assert "This file is a video" in caught.value.message
    assert stored_files(settings.MEDIA_ROOT) == []


@pytest.mark.django_db
def test_photos_and_a_video_together_are_refused(mia, settings):
    with pytest.raises(InvalidInput) as caught:
        services.create_note(author=mia, title="Both", images=[upload()], video=clip())
    assert caught.value.field == "video" and "not both" in caught.value.message
    assert stored_files(settings.MEDIA_ROOT) == []
