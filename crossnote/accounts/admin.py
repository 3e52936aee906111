"""Admin for people and their API tokens."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin

from crossnote.accounts.models import ApiToken, User


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    list_display = ["username", "display_name", "email", "region", "date_joined", "is_active"]
    list_filter = ["is_active", "is_staff", "region"]
    search_fields = ["username", "display_name", "email"]
    fieldsets = DjangoUserAdmin.fieldsets + (
        (
            "Crossnote",
            {"fields": ["display_name", "bio", "avatar", "region", "languages", "auto_translate"]},
        ),
    )


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ["name", "user", "prefix", "created_at", "last_used_at"]
    readonly_fields = ["prefix", "key_hash"]
