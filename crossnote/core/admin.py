"""Admin for background work: dead letters (tasks that kept failing), with a "run again" action."""

from django.contrib import admin, messages
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
