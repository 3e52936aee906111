"""Vision's part of a person's export and erasure (crossnote.core.data_rights): the text read in
the photos of their notes and in the frames of their videos, with each line's box and the
language detected.

Erasure runs before notes' part (order 25 < 30), while the rows can still be read: the cached
translations of every line and of each photo's whole text are dropped (the translation cache is
keyed by the text, so language's part, which cannot see vision's tables, would miss them), then the
rows themselves go (notes' deletion would take them too, by cascade); a frame row's kept picture
leaves the frame storage when its row is deleted (vision.hooks).
"""

from crossnote.core.data_rights import iso, register
from crossnote.language.models import Translation
from crossnote.language.services import _hash
from crossnote.vision.models import PhotoText, VideoFrame

COVERS = ("vision.PhotoText", "vision.VideoFrame")


def _rows(user):
    return PhotoText.objects.filter(note__author=user).select_related("image").order_by("pk")


def _frames(user):
    return VideoFrame.objects.filter(note__author=user).order_by("note_id", "at")


def export(user, media: dict[str, str]) -> dict:
    return {
        "photo_texts": [
            {
                "note_id": row.note_id,
                "position": row.image.position,
                "status": row.status,
                "language": row.language,
                "text": row.text,
                "lines": row.lines,
                "read_at": iso(row.read_at),
            }
            for row in _rows(user)
        ],
        "video_texts": [
            {
                "note_id": frame.note_id,
                "at": frame.at,
                "status": frame.status,
                "language": frame.language,
                "text": frame.text,
                "lines": frame.lines,
                "read_at": iso(frame.read_at),
            }
            for frame in _frames(user)
        ],
    }


def erase(user) -> None:
    texts = set()
    for row in _rows(user):
        texts.add(row.text)
        texts |= {line.get("text", "") for line in row.lines}
    frames = list(_frames(user))
    for frame in frames:
        texts.add(frame.text)
        texts |= {line.get("text", "") for line in frame.lines}
    texts = {text for text in texts if text and text.strip()}
    Translation.objects.filter(text_hash__in={_hash(text) for text in texts}).delete()
    PhotoText.objects.filter(note__author=user).delete()
    VideoFrame.objects.filter(note__author=user).delete()  # pictures go on commit (hooks)


register("vision", order=25, export=export, erase=erase, covers=COVERS)
