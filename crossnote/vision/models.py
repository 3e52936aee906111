"""The text read in a note's photos: one row per photo, its lines with their boxes."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PhotoText(models.Model):
    """What OCR read in one photo (its stored large variant). `lines` is a list of
    {"text", "box": [x0, y0, x1, y1], "confidence"} with the box normalised to 0..1 of the
    image's width and height, so a page can place each line over the photo at any size."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting to be read")
        DONE = "done", _("Text read")
        FAILED = "failed", _("Could not be read")

    image = models.OneToOneField(
        "notes.NoteImage", on_delete=models.CASCADE, related_name="photo_text"
    )
    # Denormalised from the image, so a note's photo texts are one indexed query.
    note = models.ForeignKey("notes.Note", on_delete=models.CASCADE, related_name="photo_texts")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    lines = models.JSONField(default=list, blank=True)
    text = models.TextField(blank=True)
    language = models.CharField(max_length=8, blank=True)
    confidence = models.FloatField(default=0.0)
    engine = models.CharField(max_length=40, blank=True)
    elapsed_ms = models.PositiveIntegerField(default=0)
    error = models.CharField(max_length=300, blank=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["note", "status"])]
        verbose_name = _("text in a photo")
        verbose_name_plural = _("text in photos")

    def __str__(self):
        return f"{self.image_id}: {self.text[:40]}"

    @property
    def has_text(self) -> bool:
        return self.status == self.Status.DONE and bool(self.lines)


def frame_storage():
    """Where sampled video frames are kept: never under MEDIA_ROOT or the public media URL (a
    moderator's contact sheet links each frame through a signed, expiring link of vision's own
    view). On the local disk, CROSSNOTE_FRAMES_DIR; with MEDIA_STORAGE=s3, STORAGES["frames"]
    (a private folder of the bucket, which every machine shares)."""
    from django.conf import settings
    from django.core.files.storage import FileSystemStorage, storages

    if "frames" in settings.STORAGES:
        return storages["frames"]
    return FileSystemStorage(location=str(settings.CROSSNOTE_FRAMES_DIR), base_url=None)


class VideoFrame(models.Model):
    """One frame sampled from a video note (about one a second, crossnote.vision.video): its time,
    its PDQ hash, a small JPEG for the moderators' contact sheet, and the text read in it. A frame
    nearly the same as one already read (PDQ distance) is not read again: `same_as` names the time
    of the frame whose text stands for it. `lines` as PhotoText's (boxes in 0..1 of the frame)."""

    class Status(models.TextChoices):
        DONE = "done", _("Text read")
        SAME = "same", _("Same picture as an earlier frame")
        SKIPPED = "skipped", _("Not read (over the limit of frames or time)")
        FAILED = "failed", _("Could not be read")

    note = models.ForeignKey("notes.Note", on_delete=models.CASCADE, related_name="video_frames")
    at = models.FloatField()  # seconds from the start
    pdq = models.CharField(max_length=64, blank=True)
    picture = models.CharField(max_length=200, blank=True)  # a name in frame_storage()
    width = models.PositiveIntegerField(default=0)
    height = models.PositiveIntegerField(default=0)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DONE)
    same_as = models.FloatField(null=True, blank=True)
    lines = models.JSONField(default=list, blank=True)
    text = models.TextField(blank=True)
    language = models.CharField(max_length=8, blank=True)
    confidence = models.FloatField(default=0.0)
    engine = models.CharField(max_length=40, blank=True)
    elapsed_ms = models.PositiveIntegerField(default=0)
    error = models.CharField(max_length=300, blank=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["note", "at"]
        indexes = [models.Index(fields=["note", "at"])]
        verbose_name = _("video frame")
        verbose_name_plural = _("video frames")

    def __str__(self):
        return f"{self.note_id} @{self.at:.1f}s: {self.text[:40]}"

    @property
    def has_text(self) -> bool:
        return self.status == self.Status.DONE and bool(self.lines)
