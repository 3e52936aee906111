"""Insights: daily rollups, retention cohorts, newcomer waves, charts."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InsightsConfig(AppConfig):
    name = "crossnote.insights"
    verbose_name = _("Insights")  # the admin's heading
    label = "insights"

    def ready(self):
        from crossnote.insights import hooks

        hooks.connect()
