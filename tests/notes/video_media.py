"""Small videos made with PyAV for the video tests (1–2 s, 160×120 unless asked): normal ones
and hostile ones. GPS goes in as a QuickTime `©xyz` box (format "mov")."""

import io
import tempfile

import av
import numpy as np
from django.core.files.uploadedfile import SimpleUploadedFile

GPS = "+48.8584+002.2945/"


def video_bytes(
    fmt="mov",
    codec="libx264",
    seconds=1.5,
    size=(160, 120),
    fps=30,
    audio=True,
    gps=True,
    options=None,
    pix_fmt="yuv420p",
    rotation=0,
) -> bytes:
    width, height = size
    handle = tempfile.NamedTemporaryFile(suffix=f".{fmt}")  # fast start rereads the file
    out = av.open(handle.name, "w", format=fmt, options=options or {})
    if gps:
        out.metadata["location"] = GPS
    video = out.add_stream(codec, rate=fps)
    video.width, video.height, video.pix_fmt = width, height, pix_fmt
    if rotation:  # a phone held upright: the pictures are stored sideways, shown turned
        video.set_display_rotation(rotation)
    sound = None
    if audio:
        sound = out.add_stream("libopus" if fmt == "webm" else "aac", rate=48000)
    for i in range(round(seconds * fps)):
        pixels = np.zeros((height, width, 3), np.uint8)
        pixels[:, : (i * 7) % width] = (200, 50, 50)
        pixels[height // 2 :, :, 1] = (i * 3) % 255
        pixels[:, :12] = (20, 40, 230)  # a blue edge on the left, to tell which way is up
        frame = av.VideoFrame.from_ndarray(pixels, format="rgb24")
        frame.pts = i
        for packet in video.encode(frame):
            out.mux(packet)
    for packet in video.encode():
        out.mux(packet)
    if sound is not None:
        tone = (np.sin(np.arange(960) / 10) * 0.1).astype(np.float32)[None, :]
        for i in range(round(seconds * 48000 / 960)):
            frame = av.AudioFrame.from_ndarray(tone, format="fltp", layout="mono")
            frame.sample_rate, frame.pts = 48000, i * 960
            for packet in sound.encode(frame):
                out.mux(packet)
        for packet in sound.encode():
            out.mux(packet)
    out.close()
    with handle:
        return handle.read()


def packed_frames(count=400) -> bytes:
    """A frame bomb: `count` frames packed a millisecond apart in a Matroska file."""
    buf = io.BytesIO()
    out = av.open(buf, "w", format="matroska")
    video = out.add_stream("libx264", rate=1000)
    video.width, video.height, video.pix_fmt = 64, 48, "yuv420p"
    for i in range(count):
        frame = av.VideoFrame.from_ndarray(np.full((48, 64, 3), i % 255, np.uint8), format="rgb24")
        frame.pts = i
        for packet in video.encode(frame):
            out.mux(packet)
    for packet in video.encode():
        out.mux(packet)
    out.close()
    return buf.getvalue()


def clip(data=None, name="clip.mov", content_type="video/quicktime") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, video_bytes() if data is None else data, content_type)
