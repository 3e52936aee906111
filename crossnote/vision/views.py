"""Vision's page action: the author takes (and edits) the text read in a photo as its
description. The text itself is drawn by the note page (templates/vision/_photo_text.html)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from crossnote.core.errors import DomainError
from crossnote.notes.selectors import get_visible_note
from crossnote.vision import services


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
