"""Admin: the operator's insights settings, wave alerts, and the rolled-up figures (read-only)."""

from django.contrib import admin

from crossnote.insights.models import DailyMetric, InsightsSettings, WaveAlert


@admin.register(InsightsSettings)
class InsightsSettingsAdmin(admin.ModelAdmin):
    list_display = ["__str__", "public_summary", "alert_margin", "spike_factor", "baseline_days"]

    def has_add_permission(self, request):
        return not InsightsSettings.objects.exists()


@admin.register(WaveAlert)
class WaveAlertAdmin(admin.ModelAdmin):
    list_display = [
        "wave_start",
        "wave_end",
        "language",
        "wave_size",
        "wave_retention",
        "baseline_retention",
        "webhook_status",
        "dismissed",
    ]
    list_filter = ["dismissed", "language"]


@admin.register(DailyMetric)
class DailyMetricAdmin(admin.ModelAdmin):
    list_display = ["day", "metric", "key", "value"]
    list_filter = ["metric"]
    date_hierarchy = "day"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
