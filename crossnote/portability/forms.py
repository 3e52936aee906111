"""Forms of the "Move in / move out" pages."""

from django import forms
from django.utils.translation import gettext_lazy as _

from crossnote.notes.models import Visibility
from crossnote.portability.models import Import


class ImportForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Where it comes from"),
        choices=Import.Kind.choices,
        widget=forms.RadioSelect,
        initial=Import.Kind.INSTAGRAM,
    )
    file = forms.FileField(
        label=_("The archive (ZIP)"),
        help_text=_(
            "Instagram: Accounts Center → Your information and permissions → Download your "
            "information, format JSON. Mastodon or Pixelfed: Settings → Import and export → "
            "Request your archive."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".zip,application/zip"}),
    )


class CsvForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("What the file holds"),
        choices=[
            ("follows", _("Follows (following_accounts.csv)")),
            ("blocks", _("Blocks (blocked_accounts.csv)")),
        ],
    )
    file = forms.FileField(
        label=_("The CSV file"),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
    )


VISIBILITY_CHOICES = [("", _("As it was where it came from")), *Visibility.choices]
