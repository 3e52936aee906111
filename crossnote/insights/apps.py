"""Insights: daily rollups, retention cohorts, newcomer waves, charts."""

from django.apps import AppConfig


class InsightsConfig(AppConfig):
    name = "crossnote.insights"
    label = "insights"

    def ready(self):
        from crossnote.insights import hooks

        hooks.connect()
