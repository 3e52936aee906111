"""Operator screens for the language bridge: instance languages and the engine serving each
pair, slang glossary, reports."""

from django import forms
from django.contrib import admin
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from crossnote.core.language_detection import DETECTABLE
from crossnote.language import backends
from crossnote.language.models import LanguageSettings, SlangTerm, Translation, TranslationReport


def _engine_text(row: dict) -> str:
    if row["engine"] is None:
        return _("none: not translated")
    where = _("on this server") if row["is_local"] else _("remote")
    kind = _("word-by-word gloss") if row["is_gloss"] else _("translation")
    return f"{row['engine']} ({kind}, {where})"


class LanguageSettingsForm(forms.ModelForm):
    class Meta:
        model = LanguageSettings
        fields = ["enabled_languages"]

    def clean_enabled_languages(self):
        """Codes the detector knows, in lower case, each once: the admin stored ["xx"], and
        the instance then had no language pair to translate and detected among none."""
        value = self.cleaned_data["enabled_languages"]
        if not isinstance(value, list) or not all(isinstance(code, str) for code in value):
            raise forms.ValidationError(_('Write the languages as a list, e.g. ["zh", "en"].'))
        codes = list(dict.fromkeys(code.strip().lower() for code in value if code.strip()))
        if not codes:
            raise forms.ValidationError(_("Enable at least one language."))
        unknown = [code for code in codes if code not in DETECTABLE]
        if unknown:
            raise forms.ValidationError(
                _("Not a language code the detector knows: %(codes)s (ISO 639-1, e.g. zh, en, ja).")
                % {"codes": ", ".join(unknown)}
            )
        return codes


@admin.register(LanguageSettings)
class LanguageSettingsAdmin(admin.ModelAdmin):
    form = LanguageSettingsForm
    list_display = ["__str__", "engines_summary"]
    readonly_fields = ["engines_by_pair"]

    def has_add_permission(self, request):
        return not LanguageSettings.objects.exists()

    @admin.display(description=gettext_lazy("Engine serving each pair"))
    def engines_by_pair(self, obj) -> str:
        """The same table as `crossnote translation list`: who translates each pair now."""
        languages = (obj.enabled_languages if obj and obj.pk else None) or list(
            LanguageSettings.current().enabled_languages
        )
        rows = backends.serving_pairs(languages)
        body = format_html_join(
            "",
            "<tr><td>{}→{}</td><td>{}</td><td>{}</td></tr>",
            (
                (r["source"], r["target"], _engine_text(r), ", ".join(r["fallbacks"]) or "—")
                for r in rows
            ),
        )
        table = format_html(
            '<table class="engines-by-pair"><thead><tr><th>{}</th><th>{}</th><th>{}</th></tr>'
            "</thead><tbody>{}</tbody></table>",
            _("Pair"),
            _("Served by"),
            _("Then"),
            body,
        )
        if any(r["engine"] and not r["is_gloss"] for r in rows):
            return table
        from crossnote.language.backends.argos import INSTALL_HINT, NO_ENGINE_MESSAGE

        return format_html(
            '<p class="no-mt-engine"><strong>{}</strong> {}</p>{}',
            NO_ENGINE_MESSAGE,
            INSTALL_HINT,
            table,
        )

    @admin.display(description=gettext_lazy("Engines"))
    def engines_summary(self, obj) -> str:
        rows = backends.serving_pairs(obj.enabled_languages)
        served = [f"{r['source']}→{r['target']}: {r['engine']}" for r in rows if r["engine"]]
        return "; ".join(served) or _("no pair has an engine")


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
