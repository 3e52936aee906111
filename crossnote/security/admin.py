"""Admin: surge mode, invite codes, sign-up applications, rate-limit overrides."""

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from crossnote.security import services
from crossnote.security.models import InviteCode, RateLimitRule, SignupApplication, SurgeSettings
from crossnote.security.ratelimits import DEFAULT_RATES, validate_rate
from crossnote.security.services import MAX_INVITE_USES


@admin.register(SurgeSettings)
class SurgeSettingsAdmin(admin.ModelAdmin):
    list_display = ["mode", "signups_per_hour", "updated_at", "updated_by"]

    def has_add_permission(self, request):
        return not SurgeSettings.objects.exists()

    def save_model(self, request, obj, form, change):
        obj.updated_by = request.user.username
        super().save_model(request, obj, form, change)


class InviteCodeForm(forms.ModelForm):
    class Meta:
        model = InviteCode
        fields = ["max_uses", "expires_at", "revoked_at", "note"]

    def clean_max_uses(self):
        """services.create_invite's range, as a form error: 0 uses was a bare 400 page."""
        uses = self.cleaned_data["max_uses"]
        if not 1 <= uses <= MAX_INVITE_USES:
            raise forms.ValidationError(_("An invite allows 1 to 10,000 uses."))
        return uses


@admin.register(InviteCode)
class InviteCodeAdmin(admin.ModelAdmin):
    form = InviteCodeForm
    list_display = ["code", "uses", "max_uses", "expires_at", "revoked_at", "note", "created_at"]
    readonly_fields = ["code", "uses", "created_by"]
    search_fields = ["code", "note"]
    actions = ["revoke"]

    def save_model(self, request, obj, form, change):
        if not change:
            fresh = services.create_invite(
                created_by=request.user, max_uses=obj.max_uses, note=obj.note
            )
            obj.pk, obj.code, obj.created_by = fresh.pk, fresh.code, request.user
            obj.created_at = fresh.created_at
            change = True
        super().save_model(request, obj, form, change)

    @admin.action(description=_("Revoke the selected invite codes"))
    def revoke(self, request, queryset):
        for invite in queryset:
            services.revoke_invite(code=invite.code)


@admin.register(SignupApplication)
class SignupApplicationAdmin(admin.ModelAdmin):
    list_display = ["username", "status", "language", "created_at", "decided_by"]
    list_filter = ["status"]
    readonly_fields = [
        "user",
        "username",
        "status",
        "language",
        "reason",
        "decided_by",
        "decided_at",
    ]
    actions = ["approve", "reject"]

    def has_add_permission(self, request):
        return False

    def _decide(self, request, queryset, approve):
        for application in queryset.filter(status=SignupApplication.Status.PENDING):
            services.decide_application(
                application_id=application.pk, approve=approve, by=request.user.username
            )

    @admin.action(description=_("Approve the selected applications"))
    def approve(self, request, queryset):
        self._decide(request, queryset, True)

    @admin.action(description=_("Reject the selected applications"))
    def reject(self, request, queryset):
        self._decide(request, queryset, False)


class RateLimitRuleForm(forms.ModelForm):
    class Meta:
        model = RateLimitRule
        fields = ["action", "scope", "rate"]
        widgets = {"action": forms.Select(choices=[(a, a) for a in DEFAULT_RATES])}

    def clean_rate(self):
        return validate_rate(self.cleaned_data["rate"])  # a ValidationError shows on the field


@admin.register(RateLimitRule)
class RateLimitRuleAdmin(admin.ModelAdmin):
    form = RateLimitRuleForm
    list_display = ["action", "scope", "rate", "updated_at"]
