"""Forms of the privacy settings page (rules beyond shape are in services)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from crossnote.accounts.models import CommentPermission


class PrivacySettingsForm(forms.Form):
    comment_permission = forms.ChoiceField(
        label=_("Who may comment on my notes"),
        choices=CommentPermission.choices,
        widget=forms.RadioSelect,
    )
    discoverable = forms.BooleanField(
        label=_("Let people find me and my notes in search"), required=False
    )
    hide_region = forms.BooleanField(label=_("Hide my region on my profile"), required=False)


class PersonForm(forms.Form):
    username = forms.CharField(label=_("Username"), max_length=30)


class DeleteAccountForm(forms.Form):
    password = forms.CharField(label=_("Your password"), widget=forms.PasswordInput, max_length=128)
    confirm = forms.BooleanField(
        label=_("I understand that my notes, comments and photos will be erased"), required=True
    )
