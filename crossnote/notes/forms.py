"""Forms for composing and editing notes, comments and boards."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from crossnote.core.images import ALLOWED_FORMATS
from crossnote.notes.models import (
    ALT_TEXT_MAX,
    BODY_MAX,
    COMMENT_MAX,
    MAX_IMAGES,
    TITLE_MAX,
    Visibility,
)

# The MIME types the image intake opens (core.images.ALLOWED_FORMATS), for the file picker.
PHOTO_TYPES = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp", "GIF": "image/gif"}
# The containers the video intake opens (crossnote.notes.video), for the file picker.
VIDEO_TYPES = ["video/mp4", "video/quicktime", "video/webm", "video/x-matroska"]


def photo_limits() -> dict:
    """What the server accepts for a note's photos, rendered into the compose page so the
    picker refuses what the server would refuse before anything is uploaded."""
    return {
        "max_photos": MAX_IMAGES,
        "max_bytes": settings.CROSSNOTE_MAX_UPLOAD_BYTES,
        "max_mb": settings.CROSSNOTE_MAX_UPLOAD_BYTES // (1024 * 1024),
        "max_pixels": settings.CROSSNOTE_MAX_IMAGE_PIXELS,
        "types": [PHOTO_TYPES[f] for f in ALLOWED_FORMATS if f in PHOTO_TYPES],
        "alt_max": ALT_TEXT_MAX,
        "title_max": TITLE_MAX,
        "body_max": BODY_MAX,
        "video_max_bytes": settings.CROSSNOTE_MAX_VIDEO_BYTES,
        "video_max_mb": settings.CROSSNOTE_MAX_VIDEO_BYTES // (1024 * 1024),
        "video_max_seconds": settings.CROSSNOTE_MAX_VIDEO_SECONDS,
        "video_types": VIDEO_TYPES,
    }


def photo_picker_text() -> dict:
    """The photo picker's words in the reader's language (the page's JSON, read by compose.js);
    %(name)s placeholders are filled in the browser."""
    return {
        "remove": _("Remove photo %(n)s"),
        "left": _("Move photo %(n)s left"),
        "right": _("Move photo %(n)s right"),
        "drag": _("Drag to reorder photo %(n)s"),
        "crop": _("Crop photo %(n)s"),
        "original": pgettext_lazy("photo crop", "Original"),
        "pan": _("Drag the photo or use the arrow keys to choose what the crop keeps."),
        "alt": _("Describe photo %(n)s (optional)"),
        "cover": _("Cover"),
        "add": _("Add photos"),
        "count": _("%(n)s / %(max)s photos"),
        "moved": _("Photo moved to position %(n)s."),
        "removed": _("Photo %(n)s removed."),
        "too_many": _("A note has at most %(max)s photos; %(n)s left out."),
        "too_big": _("%(name)s is %(size)s MB; the limit is %(max)s MB."),
        "empty": _("%(name)s is empty."),
        "bad_type": _("%(name)s: This file is not a JPEG, PNG, WebP or GIF image."),
        "too_many_pixels": _(
            "%(name)s is %(w)s × %(h)s pixels; the limit is %(max)s million pixels."
        ),
        "none": _("Add at least one image."),
        "no_title": _("Give your note a title."),
        "title_long": _("The title is %(n)s characters; at most %(max)s."),
        "body_long": _("The text is %(n)s characters; at most %(max)s."),
        "over": _("%(n)s over the limit"),
        "posting": _("Posting…"),
        "failed": _(
            "The note was not posted (error %(status)s). Your photos and text are still here: "
            "try again."
        ),
        "offline": _("The connection failed. Your photos and text are still here: try again."),
        "add_video": _("Add a video"),
        "remove_video": _("Remove the video"),
        "video_or_photos": _("A note has photos or one video, not both."),
        "video_too_big": _("The video is %(size)s MB; the limit is %(max)s MB."),
        "video_too_long": _("The video is %(n)s seconds long; the limit is %(max)s seconds."),
        "video_bad": _("%(name)s: This file is not a video this browser or Crossnote can read."),
        "video_length": _("Video, %(duration)s"),
    }


class LimitedText(forms.CharField):
    """Text counted as the reader sees it, with no `maxlength` attribute on the field: a browser
    silently cuts pasted text at `maxlength` (a 4,800-character body arrived cut to 1,999), so
    the limit is a live counter in the page and a clear error from the server instead. Line
    breaks are one character (browsers send CRLF), as in the counter."""

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        attrs.pop("maxlength", None)
        return attrs

    def to_python(self, value):
        value = super().to_python(value)
        return value.replace("\r\n", "\n").replace("\r", "\n")


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
    video = forms.FileField(
        label=_("Or one video"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(VIDEO_TYPES)}),
    )
    title = LimitedText(
        label=_("Title"),
        max_length=TITLE_MAX,
        error_messages={
            "max_length": _("The title is %(show_value)d characters; at most %(limit_value)d.")
        },
    )
    body = LimitedText(
        label=_("Text"),
        max_length=BODY_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={
            "max_length": _("The text is %(show_value)d characters; at most %(limit_value)d.")
        },
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
    # Django's way to drop a parent form's field: photos and video are not edited here.
    images = None  # type: ignore[assignment]
    video = None  # type: ignore[assignment]


class CommentForm(forms.Form):
    body = forms.CharField(
        label=_("Comment"), max_length=COMMENT_MAX, widget=forms.Textarea(attrs={"rows": 2})
    )
    parent_id = forms.IntegerField(required=False, widget=forms.HiddenInput)


class BoardForm(forms.Form):
    name = forms.CharField(label=_("Board name"), max_length=50)
    is_private = forms.BooleanField(label=_("Only I can see it"), required=False)
