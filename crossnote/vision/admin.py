"""Operator screen for the text read in photos: what was read, how sure, how long it took."""

from django.contrib import admin

from crossnote.vision.models import PhotoText


@admin.register(PhotoText)
class PhotoTextAdmin(admin.ModelAdmin):
    list_display = ["image", "note", "status", "language", "confidence", "elapsed_ms", "read_at"]
    list_filter = ["status", "language", "engine"]
    search_fields = ["text"]
    raw_id_fields = ["image", "note"]
    readonly_fields = ["read_at", "elapsed_ms", "engine", "error"]
