"""Video notes: transcode speed (× real time on one core) and time from upload to playable.

.venv/bin/python bench/media.py [--seconds 10] [--size 1080x1920] [--fps 30] [--cores 1]

Makes a phone-like H.264/AAC source (moving gradients, a moving square, a band of grain), then
times the two steps a video note goes through (crossnote.notes.video): `verify_video` (probe,
strip to the streams, key frames hashed: while the author waits) and `transcode` (720p and 360p
H.264/AAC fast-start MP4s and one frame a second hashed: in the background), plus the poster's
WebP variants (crossnote.core.images.make_variants). Upload to playable = the three together (the
storage writes of the embedded default add milliseconds). Then the text in the frames, read in the
background after publishing (crossnote.vision.video: sample, keep, read the distinct pictures).
The process is pinned to --cores CPUs.
"""

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def make_source(path: str, width: int, height: int, fps: int, seconds: float) -> None:
    import av
    import numpy as np

    rng = np.random.default_rng(7)
    out = av.open(path, "w", format="mov")
    video = out.add_stream("libx264", rate=fps)
    video.width, video.height, video.pix_fmt = width, height, "yuv420p"
    video.options = {"preset": "veryfast", "crf": "20"}
    audio = out.add_stream("aac", rate=48000)
    ys, xs = np.mgrid[0:height, 0:width]
    for i in range(int(seconds * fps)):
        base = ((xs + i * 6) % 256).astype(np.uint8)
        pixels = np.stack([base, ((ys + i * 3) % 256).astype(np.uint8), 255 - base], axis=-1)
        # A moving square and some grain in one band: texture like a phone's, not pure noise.
        top = (i * 11) % (height - height // 4)
        pixels[top : top + height // 4, width // 4 : width // 2] = (230, 210, 40)
        band = slice(height // 2, height // 2 + height // 8)
        pixels[band] += rng.integers(0, 12, size=pixels[band].shape, dtype=np.uint8)
        frame = av.VideoFrame.from_ndarray(pixels, format="rgb24")
        frame.pts = i
        for packet in video.encode(frame):
            out.mux(packet)
    for packet in video.encode():
        out.mux(packet)
    tone = (np.sin(np.arange(1024) / 9) * 0.2).astype(np.float32)[None, :]
    for i in range(int(seconds * 48000 / 1024)):
        frame = av.AudioFrame.from_ndarray(tone, format="fltp", layout="mono")
        frame.sample_rate, frame.pts = 48000, i * 1024
        for packet in audio.encode(frame):
            out.mux(packet)
    for packet in audio.encode():
        out.mux(packet)
    out.close()


def read_frames(path: str) -> list:
    """What vision does once the note is published (crossnote.vision.video): sample the 720p
    rendition once a second, keep each frame, read those that are not the same picture as one
    read (at most CROSSNOTE_VIDEO_OCR_FRAMES). Rows are not saved; pictures go to a temp folder."""
    from django.conf import settings

    from crossnote.notes.models import Note
    from crossnote.notes.video import sample_frames
    from crossnote.vision.video import _frame_rows

    deadline = time.monotonic() + settings.CROSSNOTE_VIDEO_OCR_SECONDS
    sampled = sample_frames(path, cap=settings.CROSSNOTE_VIDEO_SAMPLE_FRAMES, deadline=deadline)
    return _frame_rows(Note(pk=0), sampled, deadline)[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--size", default="1080x1920", help="WxH of the source (a phone: portrait)")
    parser.add_argument("--fps", type=int, default=30)
    parser.add_argument("--cores", type=int, default=1, help="CPUs the process may use")
    args = parser.parse_args()
    width, height = (int(v) for v in args.size.split("x"))
    os.sched_setaffinity(0, set(sorted(os.sched_getaffinity(0))[: args.cores]))

    os.environ["CROSSNOTE_FRAMES_DIR"] = tempfile.mkdtemp(prefix="crossnote-bench-frames-")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "crossnote.settings")
    import django

    django.setup()
    from django.core.files.uploadedfile import SimpleUploadedFile

    from crossnote.core.images import make_variants
    from crossnote.notes import video

    with tempfile.TemporaryDirectory() as folder:
        source = os.path.join(folder, "phone.mov")
        made = time.perf_counter()
        make_source(source, width, height, args.fps, args.seconds)
        made = time.perf_counter() - made
        size = os.path.getsize(source)
        print(
            f"source: {width}x{height} {args.fps} fps {args.seconds:g} s H.264/AAC, "
            f"{size / 1e6:.1f} MB (made in {made:.1f} s); cores: {len(os.sched_getaffinity(0))}"
        )
        with open(source, "rb") as handle:
            upload = SimpleUploadedFile("phone.mov", handle.read(), "video/quicktime")

        started = time.perf_counter()
        checked = video.verify_video(upload)
        verified = time.perf_counter() - started
        try:
            started = time.perf_counter()
            result = video.transcode(checked.path)
            transcoded = time.perf_counter() - started
            started = time.perf_counter()
            make_variants(checked.frames[0].source.content)
            poster = time.perf_counter() - started
            started = time.perf_counter()
            frames = read_frames(result.files["large"])
            frames_read = time.perf_counter() - started
            sizes = {n: os.path.getsize(p) for n, p in result.files.items()}
            for path in result.files.values():
                os.unlink(path)
        finally:
            os.unlink(checked.path)

    print(
        f"verify (probe, strip, {len(checked.frames)} key frames hashed): {verified * 1000:.0f} ms"
    )
    print(
        f"transcode to {result.sizes['large'][0]}x{result.sizes['large'][1]} + "
        f"{result.sizes['small'][0]}x{result.sizes['small'][1]} "
        f"({sizes['large'] / 1e6:.2f} + {sizes['small'] / 1e6:.2f} MB, "
        f"{len(result.frames)} frames hashed): {transcoded:.2f} s = "
        f"{args.seconds / transcoded:.2f}x real time"
    )
    print(f"poster WebP variants: {poster * 1000:.0f} ms")
    total = verified + transcoded + poster
    print(f"upload to playable (server side, after the bytes arrive): {total:.2f} s")
    counts = {status: sum(f.status == status for f in frames) for status in ("done", "same")}
    print(
        f"text in the frames (after publishing, in the background): {len(frames)} sampled, "
        f"{counts['done']} read, {counts['same']} the same picture as one read, "
        f"{len(frames) - counts['done'] - counts['same']} over the cap: {frames_read:.2f} s"
    )


if __name__ == "__main__":
    main()
