"""Page forms for messages."""

from django import forms
from django.utils.translation import gettext_lazy as _

from crossnote.messaging.models import BODY_MAX, WhoMayMessage


class PreferencesForm(forms.Form):
    who_may_message = forms.ChoiceField(
        label=_("Who may message me"), choices=WhoMayMessage.choices, widget=forms.RadioSelect
    )
    read_receipts = forms.BooleanField(
        label=_("Send read receipts (when off, you don't see others' either)"), required=False
    )


class NewConversationForm(forms.Form):
    recipients = forms.CharField(
        label=_("To"),
        max_length=600,
        help_text=_(
            "One username, or several separated by spaces or commas for a group (up to 20 people)."
        ),
    )
    title = forms.CharField(label=_("Group name (optional)"), max_length=80, required=False)
    body = forms.CharField(
        label=_("Message"),
        max_length=BODY_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def clean_recipients(self):
        names = [
            n.strip().lstrip("@") for n in self.cleaned_data["recipients"].replace(",", " ").split()
        ]
        names = list(dict.fromkeys(n for n in names if n))
        if not names:
            raise forms.ValidationError(_("Choose someone to message."))
        return names
