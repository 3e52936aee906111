"""Admin for privacy records. Log-in history shows IP addresses, so viewing it is logged too."""

from django.contrib import admin

from crossnote.privacy import services
from crossnote.privacy.models import (
    AccessLog,
    DeletionRequest,
    ExportRequest,
    LoginEvent,
    OperatorAction,
)


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(ExportRequest)
class ExportRequestAdmin(ReadOnlyAdmin):
    list_display = ["user", "status", "progress", "created_at", "finished_at", "expires_at"]
    list_filter = ["status"]
    exclude = ["file_name"]


@admin.register(DeletionRequest)
class DeletionRequestAdmin(ReadOnlyAdmin):
    list_display = ["subject_ref", "status", "via", "created_at", "erase_after", "completed_at"]
    list_filter = ["status", "via"]


@admin.register(LoginEvent)
class LoginEventAdmin(ReadOnlyAdmin):
    list_display = ["user", "at", "ip", "user_agent"]
    list_select_related = ["user"]
    search_fields = ["user__username"]

    def changelist_view(self, request, extra_context=None):
        response = super().changelist_view(request, extra_context)
        changelist = getattr(response, "context_data", {}).get("cl")
        if changelist is not None:
            people = {event.user for event in changelist.result_list}
            services.record_access(
                viewer=request.user, subjects=people, what="IP addresses", where=request.path
            )
        return response


@admin.register(AccessLog)
class AccessLogAdmin(ReadOnlyAdmin):
    list_display = ["at", "viewer_name", "subject", "what", "where"]
    search_fields = ["viewer_name", "subject__username"]


@admin.register(OperatorAction)
class OperatorActionAdmin(ReadOnlyAdmin):
    list_display = ["at", "operator", "action", "subject_ref", "detail"]
    list_filter = ["action"]
