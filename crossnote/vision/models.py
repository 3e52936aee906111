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
