"""Posting answers fast (issue 19): a JPEG as phones send it is not re-encoded before the answer.
Its own stream is stored with every metadata segment dropped (strip_jpeg), after the whole
image was decoded; anything a re-encode would change (a rotated photo, CMYK, grey) is still
re-encoded, and a file the segment walk does not understand falls back to the re-encode. A note's
photo, whose hash is made later, is decoded whole at an eighth of its size (every coefficient
read, a truncated or corrupt file refused) and laid out exactly as the whole decode lays it out."""

import io
from unittest import mock

import numpy as np
import pytest
from django.core.files.storage import default_storage
from PIL import Image

from crossnote.core import images
from crossnote.core.errors import DomainError
from crossnote.core.images import make_variants, strip_jpeg, verify_image
from crossnote.notes import services
from crossnote.notes.models import NoteImage
from tests.conftest import gps_jpeg, upload
from tests.security.hostile_corpus import jpeg_with_html_tail, jpeg_with_huge_comment

PAYLOADS = [b"<script", b"<html", b"SecretCam", b"CCCCCCCC", b"XXXXXXXX"]


def _photo(**save) -> bytes:
    rng = np.random.default_rng(3)
    pixels = (np.linspace(0, 255, 300)[:, None, None] + rng.normal(0, 20, (300, 400, 3))).clip(
        0, 255
    )
    out = io.BytesIO()
    Image.fromarray(pixels.astype("uint8")).save(out, format="JPEG", quality=85, **save)
    return out.getvalue()


def _pixels(data: bytes) -> np.ndarray:
    with Image.open(io.BytesIO(data)) as image:
        return np.asarray(image.convert("RGB"))


@pytest.mark.parametrize(
    "data",
    [
        gps_jpeg(),
        jpeg_with_html_tail(),
        jpeg_with_huge_comment(),
        _photo(progressive=True),
        _photo(restart_marker_blocks=4),
        _photo(icc_profile=b"\0" * 500, comment=b"<script>"),
    ],
    ids=["gps", "html_tail", "huge_metadata", "progressive", "restart_markers", "icc"],
)
@pytest.mark.parametrize("pdq", [True, False], ids=["hashed-now", "hashed-later"])
def test_a_plain_jpeg_is_stored_as_its_own_stream_without_metadata(data, pdq):
    source = verify_image(upload(data=data), pdq=pdq).source
    assert source.extension == "jpg"
    for payload in PAYLOADS:
        assert payload not in source.content
    assert source.content.endswith(b"\xff\xd9"), "nothing after the image's end"
    with Image.open(io.BytesIO(source.content)) as stored:
        assert not stored.info.get("exif") and not stored.info.get("icc_profile")
        assert not stored.info.get("comment")
        assert stored.getexif() == {}
    # Byte for byte the same picture: no re-encode happened.
    assert np.array_equal(_pixels(source.content), _pixels(data))


def test_a_rotated_photo_is_re_encoded_upright():
    data = gps_jpeg(size=(400, 200), orientation=6)
    source = verify_image(upload(data=data)).source
    with Image.open(io.BytesIO(source.content)) as stored:
        assert stored.size == (200, 400)
        assert stored.getexif() == {}
    assert b"SecretCam" not in source.content


def test_grey_and_cmyk_jpegs_are_re_encoded_as_rgb():
    for mode, colour in (("L", 90), ("CMYK", (0, 80, 160, 10))):
        out = io.BytesIO()
        Image.new(mode, (120, 90), colour).save(out, format="JPEG")
        source = verify_image(upload(data=out.getvalue())).source
        with Image.open(io.BytesIO(source.content)) as stored:
            assert stored.mode == "RGB"


@pytest.mark.parametrize(
    "data",
    [
        b"\xff\xd8\xff\xe1\x00\x10Exif",  # a segment longer than the file
        b"\xff\xd8\x00\x00",  # no marker where one must be
        _photo()[:-200],  # the scan cut short
        b"\x89PNG\r\n\x1a\n",
    ],
    ids=["long_segment", "no_marker", "truncated_scan", "not_a_jpeg"],
)
def test_the_segment_walk_gives_up_rather_than_guess(data):
    assert strip_jpeg(data) is None


def _corrupt_scan(data: bytes) -> bytes:
    """Garbage in the middle of the entropy-coded data (no marker broken)."""
    middle = len(data) // 2
    return data[:middle] + bytes(range(1, 255)) * 4 + data[middle + 1016 :]


@pytest.mark.parametrize("pdq", [True, False], ids=["hashed-now", "hashed-later"])
@pytest.mark.parametrize(
    "data",
    [_photo()[:-200], _photo(progressive=True)[:-300], _photo()[:600]],
    ids=["truncated", "truncated_progressive", "header_only"],
)
def test_a_truncated_jpeg_is_still_refused(data, pdq):
    with pytest.raises(DomainError):
        verify_image(upload(data=data), pdq=pdq)


def test_a_jpeg_with_garbage_in_its_scan_is_refused_or_read_as_the_whole_decode_reads_it():
    """libjpeg reads on past some damage; whichever it does, the quick check does the same."""
    data = _corrupt_scan(_photo())
    outcomes = []
    for pdq in (True, False):
        try:
            outcomes.append(verify_image(upload(data=data), pdq=pdq).source.content)
        except DomainError:
            outcomes.append(None)
    assert outcomes[0] == outcomes[1]


def _noise_jpeg(size, **save) -> bytes:
    out = io.BytesIO()
    Image.effect_noise(size, 40).convert("RGB").save(out, format="JPEG", quality=80, **save)
    return out.getvalue()


@pytest.mark.parametrize(
    "size",
    [(1080, 1440), (4032, 3024), (3024, 4032), (1600, 1200), (800, 600), (6000, 500), (7, 5)],
)
def test_a_photo_hashed_later_is_laid_out_as_the_whole_decode_lays_it_out(size):
    data = _noise_jpeg(size)
    now = verify_image(upload(data=data))
    with mock.patch.object(images, "_decode", wraps=images._decode) as decode:
        later = verify_image(upload(data=data), pdq=False)
    # One decode, of the whole stream at an eighth of the photo's size.
    assert [c.kwargs["target"] for c in decode.call_args_list] == [max(1, max(size) // 8)]
    assert later.pdq == "" and later.blurhash and len(now.pdq) == 64
    assert (later.width, later.height) == (now.width, now.height)
    for field in ("content", "width", "height", "extension"):
        assert getattr(later.source, field) == getattr(now.source, field), field


def test_a_large_stored_stream_becomes_bounded_variants():
    out = io.BytesIO()
    Image.new("RGB", (4000, 3000), (20, 160, 90)).save(out, format="JPEG")
    processed = verify_image(upload(data=out.getvalue()))
    variants = make_variants(processed.source.content)
    assert (variants["large"].width, variants["large"].height) == (1600, 1200)
    assert (variants["thumb"].width, variants["thumb"].height) == (540, 405)
    assert (processed.source.width, processed.source.height) == (540, 405)


@pytest.mark.django_db
def test_a_posted_photo_keeps_no_gps_in_any_stored_file(settings, mia):
    settings.CROSSNOTE_TASKS_INLINE = False
    from unittest import mock

    with mock.patch("crossnote.notes.services.enqueue"):
        note = services.create_note(author=mia, title="Cat", images=[upload(data=gps_jpeg())])
    image = NoteImage.objects.get(note=note)
    with default_storage.open(image.pending, "rb") as stored:
        blob = stored.read()
    assert b"SecretCam" not in blob and b"Exif" not in blob
    services.finish_note_media(note_id=note.pk)
    image.refresh_from_db()
    for field in (image.thumb, image.large):
        with default_storage.open(field.name, "rb") as stored:
            assert b"SecretCam" not in stored.read()
