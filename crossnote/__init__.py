"""Crossnote: a self-hostable, cross-cultural notes platform."""

from crossnote.celery import app as celery_app

__all__ = ["celery_app"]
