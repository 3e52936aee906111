"""Forms for composing and editing notes, comments and boards."""

from django import forms
from django.utils.translation import gettext_lazy as _

from crossnote.notes.models import BODY_MAX, COMMENT_MAX, TITLE_MAX, Visibility


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleImageField(forms.FileField):
    """Several files in one input; each is verified later by the image pipeline."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": "image/*"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if isinstance(data, list | tuple):
            return [super(MultipleImageField, self).clean(d, initial) for d in data]
        return [super().clean(data, initial)] if data else []


class NoteForm(forms.Form):
    images = MultipleImageField(label=_("Photos (1–9)"), required=False)
    title = forms.CharField(label=_("Title"), max_length=TITLE_MAX)
    body = forms.CharField(
        label=_("Text"),
        max_length=BODY_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    topics = forms.CharField(
        label=_("Topics"),
        required=False,
        max_length=300,
        help_text=_("Separate with spaces or commas; #tags in the text count too."),
    )
    visibility = forms.ChoiceField(label=_("Who can see it"), choices=Visibility.choices)

    def clean_topics(self):
        raw = self.cleaned_data.get("topics", "")
        return [t for t in raw.replace("，", ",").replace(",", " ").split() if t]


class NoteEditForm(NoteForm):
    images = None


class CommentForm(forms.Form):
    body = forms.CharField(
        label=_("Comment"), max_length=COMMENT_MAX, widget=forms.Textarea(attrs={"rows": 2})
    )
    parent_id = forms.IntegerField(required=False, widget=forms.HiddenInput)


class BoardForm(forms.Form):
    name = forms.CharField(label=_("Board name"), max_length=50)
    is_private = forms.BooleanField(label=_("Only I can see it"), required=False)
