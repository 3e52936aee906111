"""Admin for notes, comments, topics and boards."""

from django.contrib import admin

from crossnote.notes.models import Board, Comment, Note, NoteImage, Topic


class NoteImageInline(admin.TabularInline):
    model = NoteImage
    extra = 0
    readonly_fields = ["thumb", "large", "thumb_width", "thumb_height", "blurhash"]


@admin.register(Note)
class NoteAdmin(admin.ModelAdmin):
    list_display = ["title", "author", "visibility", "language", "like_count", "created_at"]
    list_filter = ["visibility", "language"]
    search_fields = ["title", "body", "author__username"]
    raw_id_fields = ["author"]
    inlines = [NoteImageInline]


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    list_display = ["body", "author", "note", "language", "created_at"]
    raw_id_fields = ["author", "note", "parent", "reply_to"]


admin.site.register(Topic)
admin.site.register(Board)
