"""The page a suspended person reaches from the log-in form (crossnote.accounts.suspension):
until when, the statements of reasons for every decision about them, and the appeal form for
those that can be appealed (EU DSA Art. 17 and 20). It answers only a session marked for that
person; the session is not signed in and opens nothing else."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from crossnote.accounts import suspension
from crossnote.core.errors import Conflict, InvalidInput
from crossnote.language.selectors import ui_language
from crossnote.moderation import presenters, selectors, services


def suspended(request):
    """The suspended person's page; without a fresh marker, the log-in form."""
    person = suspension.suspended_person(request)
    if person is None:
        return redirect("accounts:login")
    return _page(request, person)


@require_POST
def suspended_appeal(request, pk):
    """An appeal from the suspended page, through the same service as the notices page; a
    refused one comes back beside its decision with the text kept."""
    person = suspension.suspended_person(request)
    if person is None:
        return redirect("accounts:login")
    text = request.POST.get("text", "")
    try:
        services.appeal_decision(author=person, decision_id=pk, text=text)
    except (InvalidInput, Conflict) as exc:
        refused = {"decision": pk, "message": exc.message, "text": text}
        return _page(request, person, refused=refused, status=exc.status)
    messages.success(request, _("Your appeal was sent. A different moderator will decide it."))
    return redirect("moderation:suspended")


def _page(request, person, *, refused: dict | None = None, status: int = 200):
    decisions = presenters.notices(selectors.notices_for(person), ui_language(), person)
    return render(
        request,
        "moderation/suspended.html",
        {
            "person": person,
            "held": suspension.suspension_of(person),
            "decisions": decisions,
            "refused": refused,
        },
        status=status,
    )
