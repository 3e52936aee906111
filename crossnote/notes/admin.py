"""Admin for notes, comments, topics and boards."""

from django.contrib import admin

from crossnote.notes.models import Board, Comment, Note, NoteImage, NoteVideo, Topic


class NoteImageInline(admin.TabularInline):
    model = NoteImage
    extra = 0
    readonly_fields = ["thumb", "large", "thumb_width", "thumb_height", "blurhash"]


class NoteVideoInline(admin.StackedInline):
    model = NoteVideo
    extra = 0
    can_delete = False
    fields = (
        "state",
        "progress",
        "error",
        "duration",
        "width",
        "height",
        "mp4",
        "small",
    )
    readonly_fields = fields


@admin.register(Note)
class NoteAdmin(admin.ModelAdmin):
    list_display = ["title", "author", "visibility", "language", "like_count", "created_at"]
    list_filter = ["visibility", "language"]
    search_fields = ["title", "body", "author__username"]
    raw_id_fields = ["author"]
    inlines = [NoteImageInline, NoteVideoInline]


@admin.register(NoteVideo)
class NoteVideoAdmin(admin.ModelAdmin):
    """Videos, to find the ones that failed or are stuck (crossnote media reprocess)."""

    list_display = ["note", "state", "progress", "duration", "width", "height", "created_at"]
    list_filter = ["state"]
    search_fields = ["note__title", "note__author__username"]
    raw_id_fields = ["note"]
    readonly_fields = ["mp4", "small", "pending", "claimed_at", "attempts", "frame_hashes"]


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    list_display = ["body", "author", "note", "language", "created_at"]
    raw_id_fields = ["author", "note", "parent", "reply_to"]


admin.site.register(Topic)
admin.site.register(Board)
