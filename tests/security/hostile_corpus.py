"""A corpus of hostile image uploads, built by the tests themselves (nothing binary is checked in).

Each entry is (name, filename, content_type, bytes, expectation): "refuse" means a 4xx, "clean"
means it may be accepted but only as re-encoded pixels (payloads and metadata gone).
`python -m tests.security.hostile_corpus DIR` writes the files out for manual poking.
"""

import io
import struct
import sys
import zlib
from pathlib import Path

from PIL import Image


def _chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def png_bomb(side: int = 30_000) -> bytes:
    """A real PNG of side × side 1-bit pixels: ~100 KB on disk, 900 megapixels when decoded."""
    row = b"\x00" + b"\x00" * ((side + 7) // 8)
    compressor = zlib.compressobj(9)
    data = b"".join(compressor.compress(row) for _ in range(side)) + compressor.flush()
    header = struct.pack(">IIBBBBB", side, side, 1, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", data)
        + _chunk(b"IEND", b"")
    )


def png_with_text(keyword: bytes, text: bytes, *, compressed: bool = False) -> bytes:
    """A small valid PNG carrying a tEXt (or zTXt) chunk right after IHDR."""
    out = io.BytesIO()
    Image.new("RGB", (32, 32), (20, 120, 40)).save(out, format="PNG")
    raw = out.getvalue()
    body = keyword + b"\x00" + (b"\x00" + zlib.compress(text, 9) if compressed else text)
    chunk = _chunk(b"zTXt" if compressed else b"tEXt", body)
    ihdr_end = 8 + 25
    return raw[:ihdr_end] + chunk + raw[ihdr_end:]


def imagemagick_cve_2022_44268() -> bytes:
    """The ImageMagick arbitrary-file-read PNG: a tEXt "profile" naming a local file."""
    return png_with_text(b"profile", b"/etc/passwd")


def ztxt_bomb() -> bytes:
    """A zTXt chunk that inflates to 64 MB of metadata."""
    return png_with_text(b"Comment", b"A" * (64 * 1024 * 1024), compressed=True)


def gif_frame_bomb(frames: int = 3000, side: int = 64) -> bytes:
    """An animated GIF with thousands of frames."""
    out = io.BytesIO()
    first = Image.new("P", (side, side), 1)
    rest = []
    for i in range(1, frames):  # each frame differs by one pixel, so none is merged away
        frame = Image.new("P", (side, side), 1)
        frame.putpixel((i % side, (i // side) % side), 2 + i % 200)
        rest.append(frame)
    first.save(out, format="GIF", save_all=True, append_images=rest, duration=10, loop=0)
    return out.getvalue()


def jpeg_with_html_tail() -> bytes:
    """A JPEG/HTML polyglot: a valid JPEG followed by a script (sniffers may call it HTML)."""
    out = io.BytesIO()
    Image.new("RGB", (64, 64), (200, 10, 10)).save(out, format="JPEG")
    return out.getvalue() + b"<html><script>alert(document.cookie)</script></html>"


def gif_with_script_comment() -> bytes:
    """A GIF whose comment extension carries an HTML payload."""
    out = io.BytesIO()
    Image.new("P", (16, 16), 3).save(out, format="GIF", comment=b"<script>alert(1)</script>")
    return out.getvalue()


def jpeg_with_huge_comment() -> bytes:
    """A JPEG with ~64 KB COM segments of text and a large EXIF block."""
    out = io.BytesIO()
    exif = Image.Exif()
    exif[0x010E] = "X" * 60_000  # ImageDescription
    Image.new("RGB", (64, 64), (1, 2, 3)).save(
        out, format="JPEG", exif=exif, comment=b"<script>" + b"C" * 60_000
    )
    return out.getvalue()


SVG_SCRIPT = (
    b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
    b"<script>alert(document.domain)</script><rect width='10' height='10'/></svg>"
)
HTML_AS_PNG = b"<!doctype html><html><body><script>alert(1)</script></body></html>"


def png_named_jpg() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (40, 30), (0, 0, 255)).save(out, format="PNG")
    return out.getvalue()


def tiff_bytes() -> bytes:
    """A format outside the allow-list (TIFF), with a .jpg name."""
    out = io.BytesIO()
    Image.new("RGB", (8, 8)).save(out, format="TIFF")
    return out.getvalue()


def corpus() -> list[tuple[str, str, str, bytes, str]]:
    return [
        ("png_bomb", "bomb.png", "image/png", png_bomb(), "refuse"),
        ("gif_frame_bomb", "frames.gif", "image/gif", gif_frame_bomb(), "refuse"),
        ("ztxt_bomb", "meta.png", "image/png", ztxt_bomb(), "refuse_or_clean"),
        ("cve_2022_44268", "magick.png", "image/png", imagemagick_cve_2022_44268(), "clean"),
        ("jpeg_html_polyglot", "poly.jpg", "image/jpeg", jpeg_with_html_tail(), "clean"),
        ("gif_script_comment", "comment.gif", "image/gif", gif_with_script_comment(), "clean"),
        ("jpeg_huge_metadata", "meta.jpg", "image/jpeg", jpeg_with_huge_comment(), "clean"),
        ("png_named_jpg", "really-a-png.jpg", "image/jpeg", png_named_jpg(), "clean"),
        ("svg_with_script", "vector.svg", "image/svg+xml", SVG_SCRIPT, "refuse"),
        ("svg_named_png", "vector.png", "image/png", SVG_SCRIPT, "refuse"),
        ("html_named_png", "page.png", "image/png", HTML_AS_PNG, "refuse"),
        ("tiff_named_jpg", "scan.jpg", "image/jpeg", tiff_bytes(), "refuse"),
    ]


if __name__ == "__main__":
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "hostile-corpus")
    target.mkdir(parents=True, exist_ok=True)
    for name, filename, _type, data, expect in corpus():
        (target / f"{name}--{filename}").write_bytes(data)
        print(f"{name:22} {len(data):>10} bytes  {expect}")
