"""Operator screens for the language bridge: instance languages, slang glossary, reports."""

from django.contrib import admin

from crossnote.language.models import LanguageSettings, SlangTerm, Translation, TranslationReport


@admin.register(LanguageSettings)
class LanguageSettingsAdmin(admin.ModelAdmin):
    list_display = ["__str__"]

    def has_add_permission(self, request):
        return not LanguageSettings.objects.exists()


@admin.register(SlangTerm)
class SlangTermAdmin(admin.ModelAdmin):
    list_display = ["term", "meanings", "enabled"]
    list_filter = ["enabled"]
    search_fields = ["term"]


@admin.register(TranslationReport)
class TranslationReportAdmin(admin.ModelAdmin):
    list_display = ["created_at", "backend", "source", "target", "reason", "resolved"]
    list_filter = ["resolved", "backend", "target"]
    readonly_fields = ["reporter", "source", "target", "backend", "original", "translation"]


@admin.register(Translation)
class TranslationAdmin(admin.ModelAdmin):
    list_display = ["created_at", "backend", "source", "target", "hits", "is_gloss"]
    list_filter = ["backend", "target", "is_gloss"]
    readonly_fields = ["text_hash", "source", "target", "backend", "text", "is_gloss", "hits"]
