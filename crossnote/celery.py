"""The Celery application: settings from Django's (CELERY_*), tasks found in each app's tasks.py,
and one retry / acks-late / dead-letter policy for every task (crossnote.core.tasks.CrossnoteTask).

`crossnote worker` and `crossnote beat` run it; without a broker nothing here connects anywhere:
crossnote.core.tasks runs the same tasks in-process and crossnote.core.scheduler the periodic ones.
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "crossnote.settings")

app = Celery("crossnote", task_cls="crossnote.core.tasks:CrossnoteTask")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
