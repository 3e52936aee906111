"""Admin: domain blocks (operators), and remote actors and notes to look at."""

from django import forms
from django.contrib import admin

from crossnote.core.errors import InvalidInput
from crossnote.federation import services
from crossnote.federation.models import DomainBlock, RemoteActor, RemoteNote


class DomainBlockForm(forms.ModelForm):
    class Meta:
        model = DomainBlock
        fields = ("domain", "severity", "reason")

    def clean_domain(self):
        """The domain as the CLI and the API store it: "https://Spam.Example/" saved as typed
        blocked nothing (blocks are matched in lower case, without a scheme)."""
        try:
            return services.clean_domain(self.cleaned_data["domain"])
        except InvalidInput as exc:
            raise forms.ValidationError(exc.message) from exc


@admin.register(DomainBlock)
class DomainBlockAdmin(admin.ModelAdmin):
    form = DomainBlockForm
    list_display = ("domain", "severity", "reason", "created_at")
    search_fields = ("domain",)

    def save_model(self, request, obj, form, change):
        """Through the service, as `crossnote federation block` does: the blocked server's
        followers are dropped too. A renamed block lifts the old domain's."""
        if change and "domain" in form.changed_data:
            services.unblock_domain(domain=form.initial["domain"])
        block = services.block_domain(domain=obj.domain, severity=obj.severity, reason=obj.reason)
        obj.pk = block.pk
        obj.refresh_from_db()


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
