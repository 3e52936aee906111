"""Demo data: a small bilingual community made on the spot, no downloads."""

from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "crossnote.demo"
    label = "demo"
