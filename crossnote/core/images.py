"""Safe image intake: verify, bound, strip metadata, orient, and re-encode into stored variants.

Two steps for notes (posting answers fast): `verify_image` does everything a refusal depends on
(decode, limits, metadata stripped, PDQ hash, blurhash) and keeps the clean pixels as one quick
JPEG or PNG (`source`); `make_variants` turns that source into the WebP variants later, in the
background (the two WebP encodes are most of an image's cost). `process_image` does both at once.

Uploads are never stored as sent. Each image is opened only by the allowed decoders, its pixel
count is checked from the header before any pixel is decoded, EXIF (GPS included) and all other
metadata are dropped, the EXIF orientation is applied to the pixels, and the result is written as
fresh WebP variants. The original bytes are discarded (DESIGN.md §6: originals never stored).
"""

import io
import warnings
from dataclasses import dataclass, field

import blurhash
from django.conf import settings
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from crossnote.core.errors import InvalidInput, PayloadTooLarge, UnsupportedMedia

ALLOWED_FORMATS = ("JPEG", "PNG", "WEBP", "GIF")
NOTE_VARIANTS = {"thumb": 540, "large": 1600}
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
    image = ImageOps.exif_transpose(image) or image
    has_alpha = image.mode in ("RGBA", "LA", "PA") or (
        image.mode == "P" and "transparency" in image.info
    )
    clean = image.convert("RGBA" if has_alpha else "RGB")
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


def verify_image(upload, *, variants: dict[str, int] = NOTE_VARIANTS) -> ProcessedImage:
    """Everything a refusal depends on, now: decode, limits, metadata stripped, PDQ hash and
    blurhash; the clean pixels come back as `source` (JPEG, or lossless PNG with transparency),
    from which `make_variants` makes the WebP variants in the background."""
    data = _read_upload(upload)
    box = max(variants.values())
    image = _bounded(_clean_pixels(_decode(data, target=box)), box)
    out = io.BytesIO()
    if image.mode == "RGBA":
        image.save(out, format="PNG", compress_level=1)
        extension = "png"
    else:
        image.save(out, format="JPEG", quality=92)
        extension = "jpg"
    small_box = min(variants.values())
    small = image.copy()
    small.thumbnail((small_box, small_box * 3), Image.Resampling.BILINEAR, reducing_gap=2.0)
    width, height = image.size
    scale = min(1.0, box / max(width, height))
    result = ProcessedImage(width=round(width * scale), height=round(height * scale))
    result.source = Variant(
        name="source",
        content=out.getvalue(),
        width=small.width,  # laid out as the thumbnail until the variants exist
        height=small.height,
        extension=extension,
    )
    result.pdq, result.pdq_quality = _pdq(small)
    tiny = small.convert("RGB")
    tiny.thumbnail((64, 64))
    result.blurhash = blurhash.encode(tiny, 4, 3)
    return result


def make_variants(source: bytes, *, variants: dict[str, int] = NOTE_VARIANTS) -> dict[str, Variant]:
    """The WebP variants of a source that verify_image made (our own clean file: JPEG or PNG)."""
    image: Image.Image = Image.open(io.BytesIO(source), formats=("JPEG", "PNG"))
    image.load()
    made = {}
    for name, box in sorted(variants.items(), key=lambda item: -item[1]):
        made[name], image = _encode(image, name, box)
    return made
