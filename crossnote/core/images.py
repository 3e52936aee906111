"""Safe image intake: verify, bound, strip metadata, orient, and re-encode into stored variants.

Two steps for notes (posting answers fast): `verify_image` does everything a refusal depends on
(decode, limits, metadata stripped, blurhash) and keeps the clean pixels as one quick JPEG or PNG
(`source`): a plain upright RGB JPEG, what phones send, keeps its own image stream with every
metadata segment dropped (strip_jpeg: no re-encode, a third of the work before the answer),
anything else is re-encoded. `finish_source` turns that source into the WebP variants and the PDQ
hash later, in the background (the two WebP encodes are most of an image's cost, and the hash's
resize and PDQ itself most of what was left before the answer); the hash is the one verify_image
computes when asked to (`pdq=True`: a video's poster, whose hash is screened at once). A JPEG
stored as its own stream decodes to the very pixels the upload did, so its hash is the same bit
for bit. `process_image` does everything at once.

Uploads are never stored as sent. Each image is opened only by the allowed decoders, its pixel
count is checked from the header before any pixel is decoded and the whole file is decoded (a
phone's plain JPEG at an eighth of its size) before anything is stored, EXIF (GPS included) and
all other metadata are dropped, the EXIF orientation is applied to the pixels, and readers get
fresh WebP variants. The uploaded file
itself is discarded, and the source once its variants exist (DESIGN.md §6: originals never
stored).
"""

import io
import math
import warnings
from dataclasses import dataclass, field

import blurhash
from django.conf import settings
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from crossnote.core.errors import InvalidInput, PayloadTooLarge, UnsupportedMedia

ALLOWED_FORMATS = ("JPEG", "PNG", "WEBP", "GIF")
SOURCE_MARK = "-source."  # a stored source's name: "<stem>-source.<ext>" (crossnote.notes.services)
NOTE_VARIANTS = {"thumb": 540, "large": 1600}
ORIENTATION = 0x0112  # the EXIF tag
AVATAR_VARIANTS = {"avatar": 256}


@dataclass
class Variant:
    """One re-encoded size of an image, ready to store."""

    name: str
    content: bytes
    width: int
    height: int
    extension: str = "webp"


@dataclass
class ProcessedImage:
    """Every stored variant of one upload plus its layout facts."""

    variants: dict[str, Variant] = field(default_factory=dict)
    blurhash: str = ""
    width: int = 0
    height: int = 0
    pdq: str = ""  # Meta's PDQ perceptual hash (64 hex digits), for hash lists and spam waves
    pdq_quality: int = 0
    source: Variant | None = None  # verify_image: the clean pixels, until make_variants runs


def _read_upload(upload) -> bytes:
    size = getattr(upload, "size", None)
    if size == 0:
        raise InvalidInput(_("The file is empty."), field="images")
    limit = settings.CROSSNOTE_MAX_UPLOAD_BYTES
    if size is not None and size > limit:
        raise PayloadTooLarge(
            _("The file is %(size)d MB; the limit is %(limit)d MB.")
            % {"size": size // (1024 * 1024), "limit": limit // (1024 * 1024)},
            field="images",
        )
    upload.seek(0)
    data = upload.read(limit + 1)
    if not data:
        raise InvalidInput(_("The file is empty."), field="images")
    if len(data) > limit:
        raise PayloadTooLarge(_("The file is larger than the upload limit."), field="images")
    return data


def _open_checked(data: bytes) -> Image.Image:
    """Open with the allowed decoders only and refuse oversize images before decoding pixels."""
    max_pixels = settings.CROSSNOTE_MAX_IMAGE_PIXELS
    try:
        image = Image.open(io.BytesIO(data), formats=ALLOWED_FORMATS)
    except Image.DecompressionBombError as exc:
        raise PayloadTooLarge(
            _("The image has too many pixels; the limit is %(max)d million pixels.")
            % {"max": max_pixels // 1_000_000},
            field="images",
        ) from exc
    except (UnidentifiedImageError, OSError, ValueError) as exc:
        raise UnsupportedMedia(
            _("This file is not a JPEG, PNG, WebP or GIF image."), field="images"
        ) from exc
    width, height = image.size
    if width < 1 or height < 1:
        raise InvalidInput(_("The image has no pixels."), field="images")
    if width * height > max_pixels:
        raise PayloadTooLarge(
            _("The image is %(w)d × %(h)d pixels; the limit is %(max)d million pixels.")
            % {"w": width, "h": height, "max": max_pixels // 1_000_000},
            field="images",
        )
    # Frame bombs: Pillow counts GIF/WebP frames from their headers, without decoding any.
    max_frames = settings.CROSSNOTE_MAX_IMAGE_FRAMES
    if getattr(image, "n_frames", 1) > max_frames:
        raise PayloadTooLarge(
            _("The animation has more than %(max)d frames.") % {"max": max_frames},
            field="images",
        )
    return image


def _decode(data: bytes, target: int) -> Image.Image:
    """Fully decode the first frame; truncated or corrupt data is a clear error.

    JPEGs are decoded straight at the smallest DCT scale still at least `target` pixels on a
    side (Pillow's draft mode), which makes a 12-megapixel phone photo several times cheaper.
    """
    image = _open_checked(data)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image.verify()
            image = Image.open(io.BytesIO(data), formats=ALLOWED_FORMATS)
            image.seek(0)  # GIF and animated WebP: the first frame only.
            if image.format == "JPEG":
                # Both sides must stay >= the request, so ask for the box the photo will fill.
                longest = max(image.size)
                width, height = image.size
                image.draft("RGB", (-(-width * target // longest), -(-height * target // longest)))
            image.load()
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombWarning) as exc:
        raise InvalidInput(
            _("The image is damaged or truncated and cannot be read."), field="images"
        ) from exc
    return image


def _clean_pixels(image: Image.Image) -> Image.Image:
    """Apply EXIF orientation, then keep pixels only: no EXIF, XMP, ICC or comments survive."""
    # In place: the image is the one just decoded for this purpose, and a 12-megapixel copy
    # (what exif_transpose returns when there is nothing to turn) costs as much as the decode.
    ImageOps.exif_transpose(image, in_place=True)
    has_alpha = image.mode in ("RGBA", "LA", "PA") or (
        image.mode == "P" and "transparency" in image.info
    )
    mode = "RGBA" if has_alpha else "RGB"
    clean = image if image.mode == mode else image.convert(mode)
    clean.info = {}
    return clean


def _encode(image: Image.Image, name: str, box: int) -> tuple[Variant, Image.Image]:
    """Resize into the variant's box and encode as WebP; returns the variant and its pixels."""
    if name == "avatar":
        resized = ImageOps.fit(image, (box, box), Image.Resampling.LANCZOS)
    else:
        resized = image.copy()
        bounds = (box, box * 3) if name == "thumb" else (box, box)
        resized.thumbnail(bounds, Image.Resampling.LANCZOS)
    out = io.BytesIO()
    # method 2: about the size of method 4 at half the encoding time (bench/images.py).
    resized.save(out, format="WEBP", quality=82, method=2)
    variant = Variant(name=name, content=out.getvalue(), width=resized.width, height=resized.height)
    return variant, resized


def _pdq(image: Image.Image) -> tuple[str, int]:
    """PDQ over the re-encoded pixels, so a recompressed or resized repost still matches."""
    import numpy as np
    import pdqhash

    bits, quality = pdqhash.compute(np.asarray(image.convert("RGB")))
    value = int("".join("1" if b else "0" for b in bits), 2)
    return f"{value:064x}", int(quality)


def process_image(upload, *, variants: dict[str, int] = NOTE_VARIANTS) -> ProcessedImage:
    """Verify one uploaded file and return its re-encoded variants; raise a DomainError if unfit."""
    data = _read_upload(upload)
    image = _clean_pixels(_decode(data, target=max(variants.values())))
    result = ProcessedImage(width=image.width, height=image.height)
    source = image
    # Largest first, each smaller variant resized from the one before: cheaper, same quality.
    for name, box in sorted(variants.items(), key=lambda item: -item[1]):
        variant, source = _encode(source, name, box)
        result.variants[name] = variant
    result.pdq, result.pdq_quality = _pdq(source)
    small = source.convert("RGB")
    small.thumbnail((64, 64))
    result.blurhash = blurhash.encode(small, 4, 3)
    return result


def _bounded(image: Image.Image, box: int) -> Image.Image:
    """At most about twice `box` on the longest side, by a cheap integer box reduction (the
    variants are resized from it later with LANCZOS; a PNG or WebP upload gets no draft mode)."""
    factor = max(image.size) // box // 2 * 2 if max(image.size) >= 4 * box else 1
    return image.reduce(factor) if factor > 1 else image


def _fit(size: tuple[int, int], bounds: tuple[int, int]) -> tuple[int, int]:
    """The size Image.thumbnail(bounds) gives an image of `size` (aspect kept, rounded as Pillow
    rounds), computed without resizing anything."""
    width, height = size
    x, y = bounds
    if x >= width and y >= height:
        return size
    aspect = width / height

    def nearest(number: float, key) -> int:
        return max(min(math.floor(number), math.ceil(number), key=key), 1)

    if x / y >= aspect:
        return nearest(y * aspect, lambda n: abs(aspect - n / y)), y
    return x, nearest(x / aspect, lambda n: 0 if n == 0 else abs(aspect - x / n))


def strip_jpeg(data: bytes) -> bytes | None:
    """The JPEG's own image data with every metadata segment dropped, re-assembled byte for byte
    (no re-encode): EXIF, XMP, ICC, Photoshop and comment segments (APP1-APP15, COM) go; APP0
    stays only as a bare JFIF header (16 bytes: no embedded thumbnail, which can show what the
    photo looked like before an edit) and APP14 only as Adobe's 14-byte colour transform flag;
    anything after the image's end (a polyglot's tail) goes too. None when the file is not laid
    out as a plain JPEG's segments: the caller re-encodes it instead."""
    if data[:2] != b"\xff\xd8":
        return None
    out = [b"\xff\xd8"]
    i, size = 2, len(data)
    while i < size:
        if data[i] != 0xFF:
            return None
        while i < size and data[i] == 0xFF:  # fill bytes before a marker
            i += 1
        if i >= size:
            return None
        marker = data[i]
        i += 1
        if marker == 0xD9:  # the end of the image: nothing after it is kept
            out.append(b"\xff\xd9")
            return b"".join(out)
        if 0xD0 <= marker <= 0xD7 or marker == 0x01:  # markers without a length
            out.append(bytes((0xFF, marker)))
            continue
        if i + 2 > size:
            return None
        length = int.from_bytes(data[i : i + 2], "big")
        if length < 2 or i + length > size:
            return None
        segment = data[i : i + length]
        i += length
        if marker == 0xE0:
            keep = length == 16 and segment[2:7] == b"JFIF\x00"
        elif marker == 0xEE:
            keep = length == 14 and segment[2:7] == b"Adobe"
        else:
            keep = not (0xE1 <= marker <= 0xEF or marker == 0xFE)
        if keep:
            out.append(bytes((0xFF, marker)) + segment)
        if marker == 0xDA:  # a scan: entropy-coded data up to the next real marker
            end = i
            while True:
                end = data.find(b"\xff", end)
                if end < 0 or end + 1 >= size:
                    return None
                following = data[end + 1]
                if following == 0x00 or 0xD0 <= following <= 0xD7 or following == 0xFF:
                    end += 1 if following == 0xFF else 2
                    continue
                break
            out.append(data[i:end])
            i = end
    return None


def _lossless_source(data: bytes, decoded: Image.Image) -> bytes | None:
    """The upload's JPEG stream without its metadata (strip_jpeg) when storing it keeps exactly
    what a re-encode would: a JPEG read as RGB pixels whose EXIF orientation leaves them as they
    are (a rotated photo is re-encoded upright). The pixels were decoded whole already, so the
    stream is known to be readable to its end."""
    if decoded.format != "JPEG" or decoded.mode != "RGB":
        return None
    if decoded.getexif().get(ORIENTATION, 1) != 1:
        return None
    return strip_jpeg(data)


def verify_image(
    upload, *, variants: dict[str, int] = NOTE_VARIANTS, pdq: bool = True
) -> ProcessedImage:
    """Everything a refusal depends on, now: decode, limits, metadata stripped and blurhash; the
    clean pixels come back as `source` (JPEG, or lossless PNG with transparency), from which
    `finish_source` makes the WebP variants in the background. Only what a refusal or the
    author's first look needs runs here (issue 19: posting answers fast): no copy of the pixels,
    and the blurhash from a 32-pixel image. `pdq=False` leaves the PDQ hash to finish_source
    (a note's photos: moderation checks it before readers see the note); with `pdq=True` it is
    computed here, on the thumbnail-sized pixels it always used: a spam policy matches hashes
    exactly (min_score 1.0), and a box reduction moved them by up to 12 bits."""
    data = _read_upload(upload)
    box = max(variants.values())
    if not pdq:
        quick = _verify_stream(data, variants)
        if quick is not None:
            return quick
    decoded = _decode(data, target=box)
    lossless = _lossless_source(data, decoded)
    image = _bounded(_clean_pixels(decoded), box)
    out = io.BytesIO()
    extension = "jpg"
    if lossless is not None:  # a JPEG as phones send it: its own stream, metadata dropped
        out.write(lossless)
    elif image.mode == "RGBA":
        image.save(out, format="PNG", compress_level=1)
        extension = "png"
    else:
        image.save(out, format="JPEG", quality=92)
    small_box = min(variants.values())
    thumb_width, thumb_height = _fit(image.size, (small_box, small_box * 3))
    width, height = image.size
    scale = min(1.0, box / max(width, height))
    result = ProcessedImage(width=round(width * scale), height=round(height * scale))
    result.source = Variant(
        name="source",
        content=out.getvalue(),
        width=thumb_width,  # laid out as the thumbnail until the variants exist
        height=thumb_height,
        extension=extension,
    )
    if pdq:
        result.pdq, result.pdq_quality = _thumb_pdq(image, variants)
    # The placeholder from a 32-pixel image: an integer box reduction first (cheap), then a
    # bilinear resize of what is left.
    small = image.resize(_fit(image.size, (32, 32)), Image.Resampling.BILINEAR, reducing_gap=2.0)
    result.blurhash = blurhash.encode(small.convert("RGB"), 4, 3)
    return result


def _verify_stream(data: bytes, variants: dict[str, int]) -> ProcessedImage | None:
    """verify_image for a plain upright RGB JPEG (what phones send) whose hash is left for later:
    its own stream is the source (strip_jpeg), so no pixel of it is needed at full size. The
    whole stream is still decoded, at an eighth of the size (libjpeg reads every coefficient
    and skips most of the inverse DCT), so a truncated or corrupt file is refused as before;
    the layout comes from the size the background's decode will have, read from the header.
    None: not such a file (or too wide to tell cheaply); verify_image decodes it whole."""
    header = _open_checked(data)
    if header.format != "JPEG" or header.mode != "RGB":
        return None
    if header.getexif().get(ORIENTATION, 1) != 1:
        return None
    stream = strip_jpeg(data)
    if stream is None:
        return None
    box = max(variants.values())
    width, height = header.size
    longest = max(width, height)
    # The size a decode for the variants gives (Pillow's draft scale): nothing is decoded yet.
    header.draft("RGB", (-(-width * box // longest), -(-height * box // longest)))
    size = header.size
    if max(size) >= 4 * box:  # _bounded would reduce it further: take the whole-decode path
        return None
    pixels = _decode(data, target=max(1, longest // 8))
    if pixels.mode != "RGB":
        return None
    small_box = min(variants.values())
    scale = min(1.0, box / max(size))
    result = ProcessedImage(width=round(size[0] * scale), height=round(size[1] * scale))
    thumb_width, thumb_height = _fit(size, (small_box, small_box * 3))
    result.source = Variant(
        name="source", content=stream, width=thumb_width, height=thumb_height, extension="jpg"
    )
    small = pixels.resize(_fit(pixels.size, (32, 32)), Image.Resampling.BILINEAR, reducing_gap=2.0)
    result.blurhash = blurhash.encode(small, 4, 3)
    return result


def _thumb_pdq(image: Image.Image, variants: dict[str, int]) -> tuple[str, int]:
    """PDQ over the thumbnail-sized pixels of a clean, bounded image (verify_image's, or the
    same pixels decoded again from its source by finish_source)."""
    small_box = min(variants.values())
    size = _fit(image.size, (small_box, small_box * 3))
    return _pdq(image.resize(size, Image.Resampling.BILINEAR, reducing_gap=2.0))


def _open_source(source: bytes, box: int) -> Image.Image:
    """Decode a source verify_image made (our own clean file: JPEG or PNG) as verify_image
    decoded the upload: a phone's JPEG stream at the same draft scale, so the pixels are the
    same."""
    image: Image.Image = Image.open(io.BytesIO(source), formats=("JPEG", "PNG"))
    if image.format == "JPEG" and max(image.size) > box:  # a phone's stream: decode it smaller
        width, height = image.size
        longest = max(width, height)
        image.draft("RGB", (-(-width * box // longest), -(-height * box // longest)))
    image.load()
    return image


def finish_source(
    source: bytes, *, variants: dict[str, int] = NOTE_VARIANTS, pdq: bool = True
) -> ProcessedImage:
    """The background half of verify_image: the WebP variants of its source and (`pdq`) the PDQ
    hash it left for later, from one decode. The hash is verify_image's own (`_thumb_pdq` over
    the bounded pixels): the same bits for a JPEG stored as its stream or a PNG source, and for
    a re-encoded source the hash of what is stored (the same for the same upload every time)."""
    image = _open_source(source, max(variants.values()))
    result = ProcessedImage(width=image.width, height=image.height)
    if pdq:
        result.pdq, result.pdq_quality = _thumb_pdq(
            _bounded(image, max(variants.values())), variants
        )
    result.variants = _encode_variants(image, variants)
    return result


def _encode_variants(image: Image.Image, variants: dict[str, int]) -> dict[str, Variant]:
    made = {}
    for name, box in sorted(variants.items(), key=lambda item: -item[1]):
        made[name], image = _encode(image, name, box)
    return made


def make_variants(source: bytes, *, variants: dict[str, int] = NOTE_VARIANTS) -> dict[str, Variant]:
    """The WebP variants of a source that verify_image made (our own clean file: JPEG or PNG)."""
    return _encode_variants(_open_source(source, max(variants.values())), variants)


def variant_path(source_name: str, variant: str, extension: str = "webp") -> str:
    """Where a stored source's variant goes: beside it, "<stem>-source.jpg" becoming
    "<stem>-<variant>.<extension>" (the name serve_media finds it by once the source is gone)."""
    return f"{source_name.rsplit(SOURCE_MARK, 1)[0]}-{variant}.{extension}"
