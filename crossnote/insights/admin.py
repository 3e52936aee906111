"""Admin: the operator's insights settings, wave alerts, and the rolled-up figures (read-only)."""

from django import forms
from django.contrib import admin

from crossnote.core.errors import InvalidInput
from crossnote.insights import services
from crossnote.insights.models import DailyMetric, InsightsSettings, WaveAlert


class InsightsSettingsForm(forms.ModelForm):
    """The dashboard's checks (services.check_settings): the admin stored an alert margin of 5."""

    class Meta:
        model = InsightsSettings
        fields = ["public_summary", "alert_margin", "spike_factor", "baseline_days"]

    def clean(self):
        cleaned = super().clean()
        if any(name in self.errors for name in self.Meta.fields):
            return cleaned
        try:
            services.check_settings(
                alert_margin=cleaned["alert_margin"],
                spike_factor=cleaned["spike_factor"],
                baseline_days=cleaned["baseline_days"],
            )
        except InvalidInput as exc:
            self.add_error(exc.field if exc.field in self.fields else None, exc.message)
        return cleaned


@admin.register(InsightsSettings)
class InsightsSettingsAdmin(admin.ModelAdmin):
    form = InsightsSettingsForm
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
