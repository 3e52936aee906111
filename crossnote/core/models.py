"""Base model every domain model derives from."""

from django.db import models


class TimestampedModel(models.Model):
    """Rows that know when they were created and last changed."""

    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True
