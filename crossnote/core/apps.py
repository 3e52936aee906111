"""The core app: pieces every domain app shares."""

from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "crossnote.core"
    label = "core"
