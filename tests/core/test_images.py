"""The image intake: formats, limits, metadata stripping, orientation, variants."""

import io

import pytest
from PIL import Image

from crossnote.core.errors import InvalidInput, PayloadTooLarge, UnsupportedMedia
from crossnote.core.images import process_image
from tests.conftest import image_bytes, upload


def gps_jpeg(size=(800, 600), orientation=None) -> bytes:
    image = Image.new("RGB", size, (10, 120, 200))
    exif = Image.Exif()
    exif[0x010F] = "SecretCam"  # Make
    gps = exif.get_ifd(0x8825)
    gps[1] = "N"
    gps[2] = (31.0, 13.0, 48.0)
    gps[3] = "E"
    gps[4] = (121.0, 28.0, 12.0)
    if orientation:
        exif[0x0112] = orientation
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif)
    return out.getvalue()


def test_gps_exif_is_present_in_the_test_input():
    assert Image.open(io.BytesIO(gps_jpeg())).getexif().get_ifd(0x8825)


def test_every_variant_of_a_gps_jpeg_has_no_exif():
    result = process_image(upload(data=gps_jpeg()))
    assert set(result.variants) == {"thumb", "large"}
    for variant in result.variants.values():
        stored = Image.open(io.BytesIO(variant.content))
        assert stored.format == "WEBP"
        assert not stored.getexif()
        assert "exif" not in stored.info and "xmp" not in stored.info
        assert b"SecretCam" not in variant.content


def test_exif_orientation_is_applied_to_the_pixels():
    # Orientation 6 means "rotate 90° clockwise to display": 800×600 shows as 600×800.
    result = process_image(upload(data=gps_jpeg((800, 600), orientation=6)))
    assert result.width == 600 and result.height == 800
    large = result.variants["large"]
    assert large.height > large.width


def test_variants_are_resized_with_their_sizes_and_a_blurhash():
    result = process_image(upload(data=image_bytes(size=(3000, 2000))))
    assert result.variants["thumb"].width == 540
    assert result.variants["thumb"].height == 360
    assert max(result.variants["large"].width, result.variants["large"].height) == 1600
    assert len(result.blurhash) >= 6


@pytest.mark.parametrize("fmt", ["PNG", "WEBP", "GIF"])
def test_other_allowed_formats_are_accepted(fmt):
    result = process_image(upload(name=f"x.{fmt.lower()}", data=image_bytes(fmt)))
    assert result.variants["thumb"].width == 540


def test_text_file_renamed_jpg_is_refused():
    with pytest.raises(UnsupportedMedia):
        process_image(upload(data=b"hello, I am not a picture\n" * 20))


def test_empty_file_is_refused():
    with pytest.raises(InvalidInput, match="empty"):
        process_image(upload(data=b""))


def test_truncated_jpeg_is_refused():
    data = image_bytes(size=(800, 600))
    with pytest.raises(InvalidInput, match="damaged or truncated"):
        process_image(upload(data=data[: len(data) // 2]))


def test_huge_dimensions_are_refused_before_decoding():
    # A 100,000 × 100,000 PNG header: refused from the header alone, never decoded.
    import struct
    import zlib

    def chunk(kind, body):
        return (
            struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
        )

    header = struct.pack(">IIBBBBB", 100_000, 100_000, 8, 2, 0, 0, 0)
    png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", b"") + chunk(b"IEND", b"")
    with pytest.raises(PayloadTooLarge, match="too many pixels"):
        process_image(upload(name="big.png", data=png))


def test_oversize_file_is_refused(settings):
    settings.CROSSNOTE_MAX_UPLOAD_BYTES = 1000
    with pytest.raises(PayloadTooLarge):
        process_image(upload(data=image_bytes(size=(400, 400))))


def test_dimensions_over_the_limit_are_refused_with_their_size(settings):
    settings.CROSSNOTE_MAX_IMAGE_PIXELS = 100_000
    with pytest.raises(PayloadTooLarge, match="1000 × 1000"):
        process_image(upload(data=image_bytes(size=(1000, 1000))))
