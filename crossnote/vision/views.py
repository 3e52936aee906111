"""Vision's page actions: the author takes (and edits) the text read in a photo as its
description (the text itself is drawn by the note page, templates/vision/_photo_text.html); a
moderator's contact sheet fetches each video frame through a signed link made for them.

Video frames are never public media: they are kept in vision's frame storage (outside
MEDIA_ROOT, or a private folder of the bucket) and served only by `frame`, to the signed-in
person the link was made for (the contact sheet is drawn on the moderators' review page only),
for LINK_SECONDS after the page was drawn.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from crossnote.core.errors import DomainError
from crossnote.notes.selectors import get_visible_note
from crossnote.vision import services
from crossnote.vision.models import VideoFrame, frame_storage

SALT = "crossnote.vision.frame"
LINK_SECONDS = 3600


def frame_link(user, frame: VideoFrame) -> str:
    """A link to one kept video frame that only `user` can open, for LINK_SECONDS."""
    token = signing.dumps({"f": frame.pk, "u": user.pk}, salt=SALT, compress=True)
    return reverse("vision:frame", args=[token])


@login_required
@require_GET
def frame(request, token):
    """One kept video frame (JPEG), for the person its signed link was made for; 404 for
    anyone else, a link older than LINK_SECONDS, or a frame gone since."""
    try:
        data = signing.loads(token, salt=SALT, max_age=LINK_SECONDS)
    except signing.BadSignature as exc:  # SignatureExpired is one
        raise Http404(_("This link has expired or is not valid.")) from exc
    if not isinstance(data, dict) or data.get("u") != request.user.pk:
        raise Http404(_("This link has expired or is not valid."))
    row = VideoFrame.objects.filter(pk=data.get("f")).exclude(picture="").first()
    if row is None:
        raise Http404(_("This frame is gone."))
    try:
        with frame_storage().open(row.picture, "rb") as stored:
            content = stored.read()
    except OSError as exc:
        raise Http404(_("This frame is gone.")) from exc
    response = HttpResponse(content, content_type="image/jpeg")
    response["Cache-Control"] = "private, max-age=600"
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Disposition"] = "inline"
    return response


@login_required
@require_POST
def alt_text(request, pk, position):
    """Store the author's (edited) description of photo `position`; back to the note."""
    note = get_visible_note(request.user, pk)
    text = request.POST.get("alt_text")
    try:
        services.set_alt_text(
            user=request.user,
            note=note,
            position=position,
            alt_text=text if text is not None and text.strip() else None,
        )
    except DomainError as exc:
        if exc.status in (401, 403, 404):
            raise
        messages.error(request, exc.message)
    else:
        messages.success(request, _("The photo's description is saved."))
    return redirect(note)
