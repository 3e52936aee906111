"""Operator screens: policies, term lists, hash lists, decisions, withholdings."""

import re

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.helpers import ActionForm
from django.db import models
from django.utils.translation import gettext_lazy as _

from crossnote.core.errors import DomainError, InvalidInput
from crossnote.moderation.engine import forget_policies
from crossnote.moderation.model_store import model_thresholds, profanity_thresholds_recorded
from crossnote.moderation.models import (
    Appeal,
    AuditEntry,
    ClassifierVersion,
    Decision,
    GuidelinesAcknowledgement,
    HashEntry,
    ModeratorScope,
    Policy,
    Report,
    ReviewItem,
    Strike,
    Suspension,
    Term,
    TermList,
    Withholding,
)
from crossnote.moderation.pipeline import lists_changed
from crossnote.moderation.services import (
    activate_version,
    ensure_shipped,
    lift_suspensions,
    withhold_note,
)
from crossnote.moderation.services.lists import FIELDS, KINDS, check_policy


class CodeListField(forms.CharField):
    """A list of codes typed as "CN, DE" (regions) or "note, comment" (kinds), stored as the
    JSON list the model keeps. The admin's JSON box took an empty box for null (a 500 on a
    NOT NULL column) and any JSON at all; here each code is checked and the box may be empty."""

    def __init__(self, *, regions: bool, **kwargs):
        self.regions = regions
        for key in ("encoder", "decoder", "max_length"):
            kwargs.pop(key, None)
        super().__init__(**kwargs)

    def prepare_value(self, value):
        if isinstance(value, (list, tuple)):
            return ", ".join(str(code) for code in value)
        return value

    def to_python(self, value):
        if isinstance(value, (list, tuple)):
            return list(value)
        # Commas or spaces between codes; a pasted JSON list (["CN", "DE"]) reads the same.
        codes = [c for c in re.split(r"[\s,\[\]\"']+", super().to_python(value)) if c]
        return [c.upper() if self.regions else c.lower() for c in codes]

    def validate(self, value):
        if self.required and not value:
            raise forms.ValidationError(self.error_messages["required"], code="required")
        if self.regions:
            wrong = [c for c in value if len(c) != 2 or not c.isascii() or not c.isalpha()]
            if wrong:
                raise forms.ValidationError(
                    _("Give the regions as two-letter ISO 3166 codes, e.g. CN, DE.")
                )
        elif set(value) - KINDS:
            raise forms.ValidationError(_("applies_to accepts note, comment, profile, image"))


class CodeListsAdmin(admin.ModelAdmin):
    """Regions and applies_to edited as comma-separated codes (CodeListField)."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if isinstance(db_field, models.JSONField) and db_field.name in ("regions", "applies_to"):
            return CodeListField(
                regions=db_field.name == "regions",
                required=not db_field.blank,
                label=db_field.verbose_name.capitalize(),
                help_text=db_field.help_text,
            )
        return super().formfield_for_dbfield(db_field, request, **kwargs)


class PolicyForm(forms.ModelForm):
    """The YAML import's checks (services.lists.check_policy): a min_score from 0 to 1, a
    withholding with its regions. The admin saved whatever it was given."""

    class Meta:
        model = Policy
        fields = [f.name for f in Policy._meta.get_fields() if f.name in FIELDS]  # model order

    def clean(self):
        cleaned = super().clean()
        # The whole policy as it would be saved (the list's inline edit sends three fields).
        item = {key: getattr(self.instance, key) for key in FIELDS}
        item.update({key: value for key, value in cleaned.items() if key in FIELDS})
        try:
            check_policy(item)
        except InvalidInput as exc:
            field = exc.field if exc.field in self.fields else None
            if field in self.errors:  # already refused by the field itself
                return cleaned
            self.add_error(field, exc.message)
        return cleaned


@admin.register(Policy)
class PolicyAdmin(CodeListsAdmin):
    form = PolicyForm
    list_display = ["name", "category", "layer", "min_score", "action", "regions", "enabled"]
    list_filter = ["action", "category", "enabled"]
    list_editable = ["min_score", "action", "enabled"]

    def get_changelist_form(self, request, **kwargs):
        return super().get_changelist_form(request, form=PolicyForm, **kwargs)

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
class TermListAdmin(CodeListsAdmin):
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
class DecisionAdmin(CodeListsAdmin):
    list_display = ["created_at", "kind", "object_id", "action", "category", "automated"]
    list_filter = ["action", "kind", "category", "automated"]
    readonly_fields = ["signals", "statement"]


@admin.register(Withholding)
class WithholdingAdmin(CodeListsAdmin):
    """A withholding added here goes through services.withhold_note, as the CLI's and the
    moderator's do: the note is hidden in those regions, the decision and its statement are
    recorded and the author is told. The row alone hid nothing while the public log listed it;
    so a record, once made, is not edited or deleted here (an appeal's reversal lifts it)."""

    list_display = ["note", "regions", "legal_basis", "reference", "created_at"]
    raw_id_fields = ["note", "decision", "created_by"]

    def get_fields(self, request, obj=None):
        if obj is None:
            return ["note", "regions", "legal_basis", "reference"]
        return super().get_fields(request, obj)

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        decision = withhold_note(
            note=obj.note,
            regions=obj.regions,
            legal_basis=obj.legal_basis,
            reference=obj.reference,
            by=request.user,
        )
        made = Withholding.objects.get(decision=decision)
        obj.pk, obj.decision, obj.created_by = made.pk, decision, made.created_by


admin.site.register(GuidelinesAcknowledgement)


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    """Read-only: the audit log is append-only and cannot be changed from any screen."""

    list_display = ["created_at", "actor_name", "action", "target"]
    list_filter = ["action"]
    search_fields = ["actor_name", "target"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ReviewItem)
class ReviewItemAdmin(admin.ModelAdmin):
    list_display = ["created_at", "kind", "object_id", "source", "status", "priority"]
    list_filter = ["status", "source", "category"]


@admin.register(Appeal)
class AppealAdmin(admin.ModelAdmin):
    list_display = ["created_at", "decision", "status"]


admin.site.register(Report)
admin.site.register(Strike)


class LiftForm(ActionForm):
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        widget=forms.TextInput(attrs={"placeholder": _("kept in the audit log")}),
    )


@admin.register(Suspension)
class SuspensionAdmin(admin.ModelAdmin):
    """Suspensions come from the strike ladder and from policies; an indefinite one ends only
    here (or with its decision's reversal on appeal). Lifting one reactivates the account once
    none is left in force, and is audited with the reason given."""

    list_display = ["user", "since", "until", "lifted", "decision"]
    list_filter = ["lifted"]
    search_fields = ["user__username"]
    readonly_fields = ["user", "until", "lifted", "decision", "created_at"]
    action_form = LiftForm
    actions = ["lift"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("suspended on"), ordering="created_at")
    def since(self, obj):
        return obj.created_at

    @admin.action(description=_("Lift the selected suspensions"))
    def lift(self, request, queryset):
        try:
            count = lift_suspensions(queryset, request.user, request.POST.get("reason", ""))
        except InvalidInput as error:
            self.message_user(request, error.message, messages.ERROR)
            return
        if not count:
            self.message_user(
                request, _("None of the selected suspensions was in force."), messages.WARNING
            )
            return
        self.message_user(
            request, _("Suspensions lifted: %(count)d") % {"count": count}, messages.SUCCESS
        )


admin.site.register(ModeratorScope, CodeListsAdmin)


def _alone(t: dict) -> str:
    """The classifier-alone threshold of a group, where the model records one."""
    if "label_alone" not in t:
        return ""
    alone = t["label_alone"]
    if alone is None:
        return str(_(", alone: never"))
    return str(_(", alone: label at ≥ %(alone)s") % {"alone": f"{alone:.2f}"})


@admin.register(ClassifierVersion)
class ClassifierVersionAdmin(admin.ModelAdmin):
    """Versions come from `crossnote moderation train --from-decisions`; here they are compared,
    activated and (by activating the earlier one) rolled back."""

    list_display = [
        "version", "active", "created_at", "thresholds", "profanity_threshold", "held_out_f1",
        "active_f1",
    ]  # fmt: skip
    readonly_fields = [
        "version", "path", "thresholds", "profanity_threshold", "metrics", "active", "created_at",
    ]  # fmt: skip
    actions = ["activate"]

    def changelist_view(self, request, extra_context=None):
        ensure_shipped()  # the shipped model is listed from the first visit
        return super().changelist_view(request, extra_context)

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and not (obj and obj.active)

    @admin.display(description=_("thresholds (from validation data)"))
    def thresholds(self, obj):
        """The model's own per-language thresholds, which the classifier policies act at."""
        rows = model_thresholds(obj)
        if not rows:
            return "—"
        return "; ".join(
            _("%(group)s: label at ≥ %(label)s, hold at %(hold)s")
            % {
                "group": group,
                "label": f"{t['label']:.2f}",
                "hold": f"≥ {t['hold']:.2f}" if t.get("hold") is not None else _("never"),
            }
            + _alone(t)
            for group, t in rows.items()
        )

    @admin.display(description=_("alt-profanity-check threshold (from validation data)"))
    def profanity_threshold(self, obj):
        """alt-profanity-check's own thresholds, recorded beside the shipped model and used with
        every version (the English profanity layer reads the text beside the classifier)."""
        recorded = profanity_thresholds_recorded()
        if not recorded:
            return "—"
        t = recorded["thresholds"]
        line = _("label at %(label)s, hold at %(hold)s (fitted for %(version)s: %(figures)s)") % {
            "label": f"≥ {t['label']:.2f}" if t.get("label") is not None else _("min_score"),
            "hold": f"≥ {t['hold']:.2f}" if t.get("hold") is not None else _("never"),
            "version": recorded["version"],
            "figures": "; ".join(
                _("%(source)s precision %(p)s, recall %(r)s")
                % {"source": name, "p": m.get("precision", "—"), "r": m.get("recall", "—")}
                for name, m in recorded["validation"].items()
            ),
        }
        if not recorded["installed"]:
            line += " " + str(_("Not the installed version: the policies' min_score applies."))
        return line

    @admin.display(description=_("held-out F1"))
    def held_out_f1(self, obj):
        return obj.metrics.get("held_out", {}).get("new", {}).get("f1", "—")

    @admin.display(description=_("active version's F1, same decisions"))
    def active_f1(self, obj):
        return obj.metrics.get("held_out", {}).get("active", {}).get("f1", "—")

    @admin.action(description=_("Activate the selected version"))
    def activate(self, request, queryset):
        if queryset.count() != 1:
            self.message_user(request, _("Select exactly one version."), messages.ERROR)
            return
        try:
            row = activate_version(queryset.get().version, by=request.user)
        except DomainError as error:
            self.message_user(request, error.message, messages.ERROR)
            return
        self.message_user(request, _("%(v)s is now active.") % {"v": row.version})
