"""Base model every domain model derives from."""

from django.db import models


class TimestampedModel(models.Model):
    """Rows that know when they were created and last changed."""

    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class LanguageTagged(models.Model):
    """Rows whose text has a detected language (set on write by the language bridge)."""

    language = models.CharField(max_length=8, blank=True, db_index=True)
    language_confidence = models.FloatField(default=0.0)
    language_parts = models.JSONField(default=list, blank=True)

    class Meta:
        abstract = True
