"""Forms for sign-up, log-in and profile settings (validation beyond shape is in services)."""

from typing import cast

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from crossnote.accounts import suspension
from crossnote.accounts.models import SPOKEN_LANGUAGES


class SignUpForm(forms.Form):
    username = forms.CharField(
        label=_("Username"), max_length=30, help_text=_("3–30 letters, digits or underscores.")
    )
    email = forms.EmailField(label=_("Email"))
    password = forms.CharField(label=_("Password"), widget=forms.PasswordInput, max_length=128)
    display_name = forms.CharField(label=_("Display name"), max_length=50, required=False)
    region = forms.ChoiceField(label=_("Region"), required=False)
    languages = forms.MultipleChoiceField(
        label=_("Languages you speak"),
        choices=SPOKEN_LANGUAGES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    accept_guidelines = forms.BooleanField(
        label=_("I have read and accept the community guidelines"), required=True
    )
    # Shown by surge mode (crossnote.security): an invite code, or a word for the reviewers.
    invite_code = forms.CharField(label=_("Invite code"), max_length=40, required=False)
    reason = forms.CharField(
        label=_("Why do you want to join?"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, mode: str = "open", **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["region"]).choices = [("", "—")] + list(countries)
        if mode != "invite":
            self.fields["invite_code"].widget = forms.HiddenInput()
        if mode != "approval":
            del self.fields["reason"]


class LogInForm(AuthenticationForm):
    username = forms.CharField(label=_("Username or email"), max_length=254)

    def clean(self):
        """As Django's; when the credentials are refused, `suspended_user` is the suspended
        account they are right for (its page, not a session: crossnote.accounts.suspension)."""
        self.suspended_user = None
        try:
            return super().clean()
        except forms.ValidationError:
            self.suspended_user = suspension.suspended_login(
                self.cleaned_data.get("username", ""), self.cleaned_data.get("password", "")
            )
            raise


class ProfileForm(forms.Form):
    display_name = forms.CharField(label=_("Display name"), max_length=50, required=False)
    bio = forms.CharField(
        label=_("Bio"), max_length=500, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    region = forms.ChoiceField(label=_("Region"), required=False)
    languages = forms.MultipleChoiceField(
        label=_("Languages you speak"),
        choices=SPOKEN_LANGUAGES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["region"]).choices = [("", "—")] + list(countries)


class ProfileSettingsForm(ProfileForm):
    auto_translate = forms.BooleanField(
        label=_("Translate notes and comments in languages I don't speak automatically"),
        required=False,
    )


class AvatarForm(forms.Form):
    avatar = forms.FileField(label=_("Avatar"))


class PasswordForm(forms.Form):
    old_password = forms.CharField(
        label=_("Current password"), widget=forms.PasswordInput, max_length=128
    )
    new_password = forms.CharField(
        label=_("New password"), widget=forms.PasswordInput, max_length=128
    )


class TokenForm(forms.Form):
    name = forms.CharField(label=_("Token name"), max_length=50)
