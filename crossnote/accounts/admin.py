"""Admin for people and their API tokens."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin

from crossnote.accounts.models import ApiToken, User
from crossnote.core import hooks


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    list_display = ["username", "display_name", "email", "region", "date_joined", "is_active"]
    list_filter = ["is_active", "is_staff", "region"]
    search_fields = ["username", "display_name", "email"]
    fieldsets = (
        *(DjangoUserAdmin.fieldsets or ()),
        (
            "Crossnote",
            {"fields": ["display_name", "bio", "avatar", "region", "languages", "auto_translate"]},
        ),
        (
            "Privacy",
            {"fields": ["data_region", "comment_permission", "discoverable", "hide_region"]},
        ),
    )

    # Every admin view of a person's private data (email, IP addresses) is logged for them
    # (crossnote.privacy records it and includes it in their export).
    def change_view(self, request, object_id, form_url="", extra_context=None):
        response = super().change_view(request, object_id, form_url, extra_context)
        person = User.objects.filter(pk=object_id).first() if str(object_id).isdigit() else None
        if person is not None and response.status_code == 200:
            hooks.collect(
                hooks.PERSONAL_DATA_VIEWED,
                viewer=request.user,
                subjects=[person],
                what="email",
                where=request.path,
            )
        return response

    def changelist_view(self, request, extra_context=None):
        response = super().changelist_view(request, extra_context)
        changelist = getattr(response, "context_data", {}).get("cl")
        if changelist is not None:
            hooks.collect(
                hooks.PERSONAL_DATA_VIEWED,
                viewer=request.user,
                subjects=list(changelist.result_list),
                what="email",
                where=request.path,
            )
        return response


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ["name", "user", "prefix", "created_at", "last_used_at"]
    readonly_fields = ["prefix", "key_hash"]
