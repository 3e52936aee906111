"""The Celery application: settings from Django's (CELERY_*), tasks found in each app's tasks.py."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "crossnote.settings")

app = Celery("crossnote")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
