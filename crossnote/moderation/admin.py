"""Operator screens: policies, term lists, hash lists, decisions, withholdings."""

from django.contrib import admin

from crossnote.moderation.engine import forget_policies
from crossnote.moderation.models import (
    Decision,
    GuidelinesAcknowledgement,
    HashEntry,
    Policy,
    Term,
    TermList,
    Withholding,
)
from crossnote.moderation.pipeline import lists_changed


@admin.register(Policy)
class PolicyAdmin(admin.ModelAdmin):
    list_display = ["name", "category", "layer", "min_score", "action", "regions", "enabled"]
    list_filter = ["action", "category", "enabled"]
    list_editable = ["min_score", "action", "enabled"]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        forget_policies()

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        forget_policies()


class TermInline(admin.TabularInline):
    model = Term
    extra = 3


@admin.register(TermList)
class TermListAdmin(admin.ModelAdmin):
    list_display = ["name", "category", "language", "regions", "enabled"]
    list_filter = ["category", "language", "enabled"]
    inlines = [TermInline]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        lists_changed()


@admin.register(HashEntry)
class HashEntryAdmin(admin.ModelAdmin):
    list_display = ["kind", "value", "category", "source", "created_at"]
    list_filter = ["kind", "category", "source"]
    search_fields = ["value", "note"]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        lists_changed()


@admin.register(Decision)
class DecisionAdmin(admin.ModelAdmin):
    list_display = ["created_at", "kind", "object_id", "action", "category", "automated"]
    list_filter = ["action", "kind", "category", "automated"]
    readonly_fields = ["signals", "statement"]


@admin.register(Withholding)
class WithholdingAdmin(admin.ModelAdmin):
    list_display = ["note", "regions", "legal_basis", "reference", "created_at"]
    raw_id_fields = ["note", "decision", "created_by"]


admin.site.register(GuidelinesAcknowledgement)
