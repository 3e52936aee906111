"""Admin: domain blocks (operators), and remote actors and notes to look at."""

from django.contrib import admin

from crossnote.federation.models import DomainBlock, RemoteActor, RemoteNote


@admin.register(DomainBlock)
class DomainBlockAdmin(admin.ModelAdmin):
    list_display = ("domain", "severity", "reason", "created_at")
    search_fields = ("domain",)


@admin.register(RemoteActor)
class RemoteActorAdmin(admin.ModelAdmin):
    list_display = ("username", "domain", "name", "fetched_at")
    search_fields = ("username", "domain", "uri")
    readonly_fields = ("public_key_pem",)


@admin.register(RemoteNote)
class RemoteNoteAdmin(admin.ModelAdmin):
    list_display = ("uri", "actor", "published", "like_count")
    search_fields = ("uri", "text")
    list_select_related = ("actor",)
