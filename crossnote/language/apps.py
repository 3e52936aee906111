"""Language bridge: detection, translation with pluggable backends and a shared cache, pinyin."""

from django.apps import AppConfig


class LanguageConfig(AppConfig):
    name = "crossnote.language"
    label = "language"
