"""Admin for background work: dead letters (tasks that kept failing), with a "run again" action;
and the admin-wide rule that an emptied JSON box saves the field's default."""

from django import forms
from django.contrib import admin, messages
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from crossnote.core import tasks
from crossnote.core.models import FailedTask


@admin.register(FailedTask)
class FailedTaskAdmin(admin.ModelAdmin):
    list_display = ["task_name", "args", "exception", "attempts", "last_failed_at"]
    list_filter = ["task_name"]
    search_fields = ["task_name", "exception"]
    readonly_fields = [f.name for f in FailedTask._meta.fields]
    actions = ["run_again"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.action(description=_("Run the selected tasks again"), permissions=["delete"])
    def run_again(self, request, queryset):
        count = sum(1 for failed in queryset if tasks.retry_failed(failed))
        self.message_user(
            request,
            ngettext("%(count)d task queued again.", "%(count)d tasks queued again.", count)
            % {"count": count},
            messages.SUCCESS,
        )


class BlankJSONField(forms.JSONField):
    """An optional JSON box left empty saves the model field's default ([] or {}): Django's
    JSONField form field turns an empty box into None, which a NOT NULL column refuses with a
    500 (a person's languages, a note's language parts, a photo's text lines)."""

    def to_python(self, value):
        blank = value.strip() if isinstance(value, str) else value
        if blank in self.empty_values and not self.required and callable(self.initial):
            return self.initial()
        return super().to_python(value)


def empty_json_boxes_as_defaults(site=admin.site) -> None:
    """Give every registered admin's JSON fields BlankJSONField (CoreConfig.ready runs this after
    the admin has imported every app's admin module); an admin's own choice is kept."""
    for model_admin in site._registry.values():
        model_admin.formfield_overrides.setdefault(models.JSONField, {}).setdefault(
            "form_class", BlankJSONField
        )
