"""Staff forms: the sign-up mode and new invite codes."""

from django import forms
from django.utils.translation import gettext_lazy as _

from crossnote.security.models import SurgeMode


class SurgeForm(forms.Form):
    mode = forms.ChoiceField(label=_("Sign-up mode"), choices=SurgeMode.choices)
    signups_per_hour = forms.IntegerField(
        label=_("Sign-ups per hour (limited mode)"), min_value=1, max_value=1_000_000
    )
    notice = forms.CharField(label=_("Notice on the sign-up page"), max_length=300, required=False)


class InviteForm(forms.Form):
    max_uses = forms.IntegerField(label=_("Uses allowed"), min_value=1, max_value=10_000, initial=1)
    days = forms.IntegerField(
        label=_("Days valid (empty: no end)"), min_value=1, max_value=365, required=False
    )
    note = forms.CharField(label=_("Note (who it is for)"), max_length=200, required=False)
