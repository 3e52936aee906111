"""Admin for follows and notifications."""

from django.contrib import admin

from crossnote.social.models import Follow, Notification


@admin.register(Follow)
class FollowAdmin(admin.ModelAdmin):
    list_display = ["follower", "followee", "created_at"]
    raw_id_fields = ["follower", "followee"]


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["recipient", "actor", "verb", "created_at", "read_at"]
    list_filter = ["verb"]
    raw_id_fields = ["recipient", "actor", "note", "comment"]
