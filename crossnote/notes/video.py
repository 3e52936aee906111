"""Video intake for notes: probe, refuse, strip, sample, transcode (PyAV's bundled FFmpeg).

Two steps, like photos (crossnote.core.images). `verify_video` runs while the author waits and
does everything a refusal depends on: the file's first bytes name its container (an image or
anything else is refused before FFmpeg opens it, and FFmpeg is told which demuxer to use, so no
other demuxer ever reads the upload); the header is probed (codecs, duration, dimensions, frame
rate, frame count) against the operator's limits before any frame is decoded; every packet is
then copied, without decoding, into a fresh Matroska file that holds the streams only (GPS
`©xyz`, `udta` and every other metadata box stay behind) and whose end must match the declared
duration (a truncated file is refused); finally key frames only are decoded, about one a second,
for the poster and the moderation hashes.

`transcode` runs in the background on that clean file: H.264/AAC MP4 with fast start at 720p
and 360p, one frame a second kept for moderation, bounded by a frame count and a deadline.
"""

import io
import math
import os
import tempfile
import time
from dataclasses import dataclass, field
from fractions import Fraction

import av
from django.conf import settings
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from PIL import Image

from crossnote.core.errors import InvalidInput, PayloadTooLarge, UnsupportedMedia
from crossnote.core.images import ProcessedImage, verify_image

VIDEO_CODECS = {"h264", "hevc", "vp8", "vp9", "av1", "mpeg4"}
AUDIO_CODECS = {"aac", "mp3", "opus", "vorbis"}
# The FFmpeg demuxer for each container the first bytes may name; nothing else is opened.
DEMUXERS = {"isobmff": "mov", "matroska": "matroska"}
# ISO BMFF brands that are still images (HEIC, AVIF), not videos.
IMAGE_BRANDS = {b"heic", b"heix", b"heim", b"heis", b"mif1", b"msf1", b"avif", b"avis"}
RENDITIONS = {"large": 720, "small": 360}  # the short side, at most
MAX_OUTPUT_FPS = 30
MIN_SIDE = 16
MAX_ASPECT = 4  # longest side / shortest side
FIELD = "video"


class VideoRejected(InvalidInput):
    """The upload (or its transcode) breaks a rule; the message names the rule."""


@dataclass
class VerifiedVideo:
    """A probed, stripped video waiting for its transcode."""

    path: str  # the clean Matroska copy (a temporary file: the caller stores and removes it)
    duration: float
    width: int  # as shown (rotation applied)
    height: int
    fps: float
    video_codec: str
    audio_codec: str = ""
    frames: list[ProcessedImage] = field(default_factory=list)  # about one a second
    poster: ProcessedImage | None = None  # the first sampled frame that is not blank


@dataclass
class Transcoded:
    files: dict[str, str]  # rendition -> temporary MP4 path
    sizes: dict[str, tuple[int, int]]
    frames: list[ProcessedImage]  # one a second, for moderation


def sniff(head: bytes) -> str:
    """What the first bytes say the file is: "isobmff", "matroska", "image" or ""."""
    if head[:3] == b"\xff\xd8\xff" or head[:8] == b"\x89PNG\r\n\x1a\n" or head[:4] == b"GIF8":
        return "image"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image"
    if head[4:8] == b"ftyp":
        brands = {head[8:12]} | {head[i : i + 4] for i in range(16, min(len(head), 64), 4)}
        return "image" if head[8:12] in IMAGE_BRANDS or not brands - IMAGE_BRANDS else "isobmff"
    if head[:4] == b"\x1a\x45\xdf\xa3":
        return "matroska"
    return ""


def looks_like_video(upload) -> bool:
    """True when an upload's first bytes name a video container (a video sent as a photo)."""
    try:
        upload.seek(0)
        head = upload.read(64)
        upload.seek(0)
    except (OSError, ValueError):
        return False
    return sniff(head) in DEMUXERS


def limits() -> dict:
    return {
        "max_bytes": settings.CROSSNOTE_MAX_VIDEO_BYTES,
        "max_mb": settings.CROSSNOTE_MAX_VIDEO_BYTES // (1024 * 1024),
        "max_seconds": settings.CROSSNOTE_MAX_VIDEO_SECONDS,
        "max_pixels": settings.CROSSNOTE_MAX_VIDEO_PIXELS,
        "max_fps": settings.CROSSNOTE_MAX_VIDEO_FPS,
    }


def max_frames() -> int:
    """The most frames a video within the limits can hold (a frame bomb holds more)."""
    return math.ceil((settings.CROSSNOTE_MAX_VIDEO_SECONDS + 1) * settings.CROSSNOTE_MAX_VIDEO_FPS)


def _check_size(upload) -> None:
    size = getattr(upload, "size", None)
    if not size:
        raise VideoRejected(_("The video file is empty."), field=FIELD)
    limit = settings.CROSSNOTE_MAX_VIDEO_BYTES
    if size > limit:
        raise PayloadTooLarge(
            _("The video is %(size)d MB; the limit is %(limit)d MB.")
            % {"size": math.ceil(size / (1024 * 1024)), "limit": limit // (1024 * 1024)},
            field=FIELD,
        )


def _corrupt() -> VideoRejected:
    return VideoRejected(_("The video is damaged or truncated and cannot be read."), field=FIELD)


def _rate(stream) -> float:
    rate = stream.average_rate or stream.guessed_rate or stream.base_rate
    return float(rate) if rate else 0.0


def _duration(container, stream) -> float:
    if stream.duration and stream.time_base:
        return float(stream.duration * stream.time_base)
    if container.duration:
        return container.duration / av.time_base
    return 0.0


def _probe(container) -> tuple:
    """The header's facts against the limits, before any frame is decoded."""
    videos = container.streams.video
    if not videos:
        raise UnsupportedMedia(_("The file has no video track."), field=FIELD)
    stream = videos[0]
    codec = stream.codec_context.name
    if codec not in VIDEO_CODECS:
        raise UnsupportedMedia(
            _("The video codec %(codec)s is not supported; use H.264, HEVC, VP8, VP9 or AV1.")
            % {"codec": codec or "?"},
            field=FIELD,
        )
    audio = container.streams.audio[0] if container.streams.audio else None
    if audio is not None and audio.codec_context.name not in AUDIO_CODECS:
        raise UnsupportedMedia(
            _("The audio codec %(codec)s is not supported; use AAC, MP3, Opus or Vorbis.")
            % {"codec": audio.codec_context.name or "?"},
            field=FIELD,
        )
    width, height = stream.codec_context.width, stream.codec_context.height
    if not width or not height:
        raise _corrupt()
    max_pixels = settings.CROSSNOTE_MAX_VIDEO_PIXELS
    if width * height > max_pixels:
        raise PayloadTooLarge(
            _("The video is %(w)d × %(h)d pixels; the limit is %(max).1f million pixels.")
            % {"w": width, "h": height, "max": max_pixels / 1_000_000},
            field=FIELD,
        )
    if min(width, height) < MIN_SIDE or max(width, height) > MAX_ASPECT * min(width, height):
        raise VideoRejected(
            _(
                "The video is %(w)d × %(h)d pixels; each side needs at least %(min)d pixels "
                "and the longer side at most %(ratio)d times the shorter."
            )
            % {"w": width, "h": height, "min": MIN_SIDE, "ratio": MAX_ASPECT},
            field=FIELD,
        )
    fps = _rate(stream)
    max_fps = settings.CROSSNOTE_MAX_VIDEO_FPS
    if not fps or fps > max_fps:
        raise VideoRejected(
            _("The video's frame rate is %(fps).0f frames a second; the limit is %(max)d.")
            % {"fps": fps, "max": max_fps},
            field=FIELD,
        )
    duration = _duration(container, stream)
    max_seconds = settings.CROSSNOTE_MAX_VIDEO_SECONDS
    if duration <= 0:
        raise _corrupt()
    if duration > max_seconds + 0.5:
        raise VideoRejected(
            _("The video is %(n)d seconds long; the limit is %(max)d seconds.")
            % {"n": math.ceil(duration), "max": max_seconds},
            field=FIELD,
        )
    declared = stream.frames or 0
    if declared > max_frames() or declared > duration * fps * 1.5 + 10:
        raise VideoRejected(
            _("The video holds %(n)d frames, more than its length and frame rate allow.")
            % {"n": declared},
            field=FIELD,
        )
    return stream, audio, width, height, fps, duration


def _too_many_frames() -> VideoRejected:
    return VideoRejected(
        _("The video holds more frames than %(s)d seconds at %(fps)d frames a second.")
        % {"s": settings.CROSSNOTE_MAX_VIDEO_SECONDS, "fps": settings.CROSSNOTE_MAX_VIDEO_FPS},
        field=FIELD,
    )


def _strip(container, stream, audio, duration: float, out_path: str) -> None:
    """Copy the packets (no decoding) into a new Matroska file with the streams only; the last
    video packet must reach about the declared duration (else the file was cut short)."""
    out = av.open(out_path, "w", format="matroska", options={"fflags": "+bitexact"})
    try:
        copies = {stream.index: out.add_stream_from_template(stream)}
        if audio is not None:
            copies[audio.index] = out.add_stream_from_template(audio)
        for copy in copies.values():
            copy.metadata.clear()
        limit, count, end = max_frames(), 0, 0.0
        inputs = [stream] + ([audio] if audio is not None else [])
        for packet in container.demux(*inputs):
            if packet.dts is None or packet.size == 0:
                continue
            if packet.stream.index == stream.index:
                count += 1
                if count > limit:
                    raise _too_many_frames()
                if packet.pts is not None and packet.time_base:
                    finish = packet.pts + (packet.duration or 0)
                    end = max(end, float(finish * packet.time_base))
            packet.stream = copies[packet.stream.index]
            out.mux(packet)
    except av.error.FFmpegError as exc:
        raise _corrupt() from exc
    finally:
        out.close()
    start = float(stream.start_time * stream.time_base) if stream.start_time else 0.0
    # The pictures must run to the declared length (a quarter second or 5% of slack: the last
    # frame's duration, an audio track a little longer than the video).
    if count == 0 or end - start < duration - max(0.25, duration * 0.05):
        raise _corrupt()


def _rotated(image: Image.Image, rotation: int) -> Image.Image:
    # PyAV: degrees counterclockwise; PIL's rotate turns counterclockwise too.
    return image.rotate(rotation, expand=True) if rotation % 360 else image


def _as_processed(image: Image.Image) -> ProcessedImage:
    """A frame through the photo intake (crossnote.core.images): clean JPEG, PDQ and blurhash."""
    out = io.BytesIO()
    image.convert("RGB").save(out, format="JPEG", quality=90)
    return verify_image(ContentFile(out.getvalue(), name="frame.jpg"))


def _check_frame(frame, width: int, height: int) -> None:
    if (frame.width, frame.height) != (width, height):
        raise VideoRejected(
            _("The video's pictures are not the size its header declares."), field=FIELD
        )


def _blank(image: Image.Image) -> bool:
    """A black (fade-in) or flat frame: not a poster anyone would recognise."""
    from PIL import ImageStat

    stat = ImageStat.Stat(image.convert("L").resize((64, 64)))
    return stat.mean[0] < 24 or stat.stddev[0] < 6


def _sample_keyframes(path: str, width: int, height: int) -> tuple[list[ProcessedImage], int, int]:
    """Key frames only (cheap), about one a second and at most the operator's cap."""
    cap = settings.CROSSNOTE_VIDEO_SAMPLE_FRAMES
    frames: list[Image.Image] = []
    rotation, next_at = 0, 0.0
    try:
        with av.open(path, format="matroska") as container:
            stream = container.streams.video[0]
            stream.codec_context.skip_frame = "NONKEY"
            stream.thread_type = "AUTO"
            for frame in container.decode(stream):
                _check_frame(frame, width, height)
                if not frames:
                    rotation = frame.rotation or 0
                at = frame.time or 0.0
                if at + 1e-6 >= next_at or not frames:
                    frames.append(_rotated(frame.to_image(), rotation))
                    next_at = math.floor(at) + 1.0
                if len(frames) >= cap:
                    break
    except av.error.FFmpegError as exc:
        raise _corrupt() from exc
    if not frames:
        raise _corrupt()
    poster = next((i for i, image in enumerate(frames) if not _blank(image)), 0)
    return [_as_processed(image) for image in frames], rotation, poster


def verify_video(upload) -> VerifiedVideo:
    """Everything a refusal depends on (see the module's doc); raises a DomainError if unfit.
    The caller owns (stores, then deletes) the returned `path`."""
    _check_size(upload)
    upload.seek(0)
    kind = sniff(upload.read(64))
    upload.seek(0)
    if kind == "image":
        raise UnsupportedMedia(
            _("This file is a photo, not a video: add it as a photo instead."), field=FIELD
        )
    if kind not in DEMUXERS:
        raise UnsupportedMedia(
            _("This file is not a video Crossnote can read: use MP4, MOV, WebM or MKV."),
            field=FIELD,
        )
    clean = tempfile.NamedTemporaryFile(suffix=".mkv", delete=False)  # noqa: SIM115 - caller owns it
    clean.close()
    try:
        try:
            container = av.open(upload, "r", format=DEMUXERS[kind])
        except av.error.FFmpegError as exc:
            raise _corrupt() from exc
        with container:
            stream, audio, width, height, fps, duration = _probe(container)
            _strip(container, stream, audio, duration, clean.name)
            video_codec = stream.codec_context.name
            audio_codec = audio.codec_context.name if audio is not None else ""
        frames, rotation, poster = _sample_keyframes(clean.name, width, height)
        if rotation % 180:
            width, height = height, width
        return VerifiedVideo(
            path=clean.name,
            duration=round(duration, 3),
            width=width,
            height=height,
            fps=fps,
            video_codec=video_codec,
            audio_codec=audio_codec,
            frames=frames,
            poster=frames[poster],
        )
    except BaseException:
        _remove(clean.name)
        raise


def _remove(path: str) -> None:
    try:
        os.unlink(path)
    except FileNotFoundError:
        pass


def fit(width: int, height: int, short_side: int) -> tuple[int, int]:
    """Scale into `short_side` on the shorter side (never up), both sides even."""
    scale = min(1.0, short_side / min(width, height))
    return max(2, round(width * scale / 2) * 2), max(2, round(height * scale / 2) * 2)


def _graph(stream, rotation: int, width: int, height: int, fps: Fraction):
    """Decoded frames -> rotated, scaled, at most 30 a second, yuv420p."""
    graph = av.filter.Graph()
    chain = [graph.add_buffer(template=stream)]
    turns = {-90: ["transpose=clock"], 270: ["transpose=clock"], 90: ["transpose=cclock"]}
    steps = turns.get(rotation, ["hflip", "vflip"] if rotation % 360 else [])
    for step in steps + [f"fps={fps.numerator}/{fps.denominator}", f"scale={width}:{height}"]:
        name, _sep, args = step.partition("=")
        chain.append(graph.add(name, args or None))
    chain.append(graph.add("format", "yuv420p"))
    chain.append(graph.add("buffersink"))
    for a, b in zip(chain, chain[1:], strict=False):
        a.link_to(b)
    graph.configure()
    return graph


def _drain(graph):
    while True:
        try:
            yield graph.pull()
        except (av.error.BlockingIOError, av.error.EOFError):
            return


def transcode(path: str, *, progress=None, deadline: float | None = None) -> Transcoded:
    """The clean file -> H.264/AAC MP4 renditions with fast start and no metadata (temporary
    files the caller stores and removes), plus one frame a second for moderation.
    `progress(percent)` is called as it goes; past `deadline` (time.monotonic()) or
    past the frame limit it raises VideoRejected and leaves no file behind."""
    deadline = deadline or time.monotonic() + settings.CROSSNOTE_VIDEO_TRANSCODE_SECONDS
    files: dict[str, str] = {}
    outputs: dict[str, tuple] = {}
    cap = settings.CROSSNOTE_VIDEO_SAMPLE_FRAMES
    frames: list[Image.Image] = []
    try:
        with av.open(path, format="matroska") as source:
            stream = source.streams.video[0]
            stream.thread_type = "AUTO"
            audio = source.streams.audio[0] if source.streams.audio else None
            duration = _duration(source, stream) or 1.0
            rate = Fraction(min(_rate(stream), MAX_OUTPUT_FPS)).limit_denominator(1001)
            graph, sizes, next_sample, count, shown = None, {}, 0.0, 0, -1
            limit = max_frames()
            inputs = [stream] + ([audio] if audio is not None else [])
            for packet in source.demux(*inputs):
                if time.monotonic() > deadline:
                    raise VideoRejected(
                        _("Processing the video took longer than %(n)d seconds.")
                        % {"n": settings.CROSSNOTE_VIDEO_TRANSCODE_SECONDS},
                        field=FIELD,
                    )
                for frame in packet.decode():
                    if isinstance(frame, av.AudioFrame):
                        for _name, (out, _v, a) in outputs.items():
                            frame.pts = None
                            for p in a.encode(frame):
                                out.mux(p)
                        continue
                    if not isinstance(frame, av.VideoFrame):
                        continue  # only audio and video streams are demuxed
                    count += 1
                    if count > limit:
                        raise _too_many_frames()
                    if graph is None:
                        rotation = frame.rotation or 0
                        w, h = frame.width, frame.height
                        if rotation % 180:
                            w, h = h, w
                        sizes = {n: fit(w, h, side) for n, side in RENDITIONS.items()}
                        graph = _graph(stream, rotation, *sizes["large"], rate)
                        for name in RENDITIONS:
                            files[name] = _new_temp(".mp4")
                            outputs[name] = _open_output(files[name], sizes[name], rate, audio)
                    at = frame.time or 0.0
                    graph.push(frame)
                    for done in _drain(graph):
                        _encode_video(done, outputs, sizes, rate)
                    if at + 1e-6 >= next_sample and len(frames) < cap:
                        frames.append(_rotated(frame.to_image(), frame.rotation or 0))
                        next_sample = math.floor(at) + 1.0
                    percent = min(99, int(100 * at / duration))
                    if progress is not None and percent >= shown + 5:
                        shown = percent
                        progress(percent)
            if graph is None:
                raise _corrupt()
            graph.push(None)
            for done in _drain(graph):
                _encode_video(done, outputs, sizes, rate)
            for out, v, a in outputs.values():
                for p in v.encode(None):
                    out.mux(p)
                if a is not None:
                    for p in a.encode(None):
                        out.mux(p)
                out.close()
    except av.error.FFmpegError as exc:
        _close_all(outputs, files)
        raise _corrupt() from exc
    except BaseException:
        _close_all(outputs, files)
        raise
    return Transcoded(files=files, sizes=sizes, frames=[_as_processed(image) for image in frames])


def _new_temp(suffix: str) -> str:
    handle = tempfile.NamedTemporaryFile(suffix=suffix, delete=False)  # noqa: SIM115
    handle.close()
    return handle.name


def _open_output(path: str, size: tuple[int, int], rate: Fraction, audio):
    # bitexact: no encoder tag (no `udta` box at all); faststart: the moov before the media.
    out = av.open(path, "w", format="mp4", options={"movflags": "faststart", "fflags": "+bitexact"})
    video = out.add_stream("libx264", rate=rate)
    video.width, video.height = size
    video.pix_fmt = "yuv420p"
    video.options = {"preset": "veryfast", "crf": "23", "profile": "main"}
    audio_out = None
    if audio is not None:
        audio_out = out.add_stream("aac", rate=48000)
        audio_out.layout = "stereo"
        audio_out.bit_rate = 128_000 if size[1] > 400 or size[0] > 400 else 64_000
    return out, video, audio_out


def _encode_video(frame, outputs, sizes, rate) -> None:
    for name, (out, video, _a) in outputs.items():
        picture = frame if name == "large" else frame.reformat(*sizes[name], format="yuv420p")
        picture.pts = frame.pts
        picture.time_base = frame.time_base
        for packet in video.encode(picture):
            out.mux(packet)


def _close_all(outputs, files) -> None:
    for out, _v, _a in outputs.values():
        try:
            out.close()
        except Exception:  # noqa: S110 - already failing; the files go next
            pass
    for path in files.values():
        _remove(path)


def sample_frames(
    path: str, *, every: float = 1.0, cap: int = 60, deadline: float | None = None
) -> list[tuple[float, Image.Image]]:
    """(seconds, picture) of a transcoded MP4 (one this module made), one every `every` seconds
    and at most `cap`, upright: what vision reads for the text in a video and shows moderators
    as a contact sheet. Past `deadline` (time.monotonic()) it stops with what it has."""
    frames: list[tuple[float, Image.Image]] = []
    next_at = 0.0
    try:
        with av.open(path, format="mp4") as container:
            stream = container.streams.video[0]
            stream.thread_type = "AUTO"
            for frame in container.decode(stream):
                at = frame.time or 0.0
                if at + 1e-6 >= next_at:
                    frames.append((round(at, 2), _rotated(frame.to_image(), frame.rotation or 0)))
                    next_at = math.floor(at / every) * every + every
                if len(frames) >= cap or (deadline is not None and time.monotonic() > deadline):
                    break
    except av.error.FFmpegError as exc:
        raise _corrupt() from exc
    return frames
