"""Moderation pages: the norms coach (live, while writing), guidelines, the withholding log."""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_POST

from crossnote.moderation import services
from crossnote.moderation.models import Withholding


@login_required
@require_POST
def coach(request):
    """HTMX: tells the author, before posting, which guideline a draft may break and why."""
    kind = "comment" if request.POST.get("kind") == "comment" else "note"
    text = "\n".join(request.POST.get(f, "") for f in ("title", "body")).strip()
    advice = services.coach_draft(text=text[:5000], kind=kind, author=request.user) if text else {}
    return render(request, "moderation/_coach.html", {"advice": advice, "kind": kind})


def guidelines(request):
    return render(
        request, "moderation/guidelines.html", {"version": settings.CROSSNOTE_GUIDELINES_VERSION}
    )


def withholdings(request):
    """The public log of regional withholdings: where, why, when — never the content."""
    rows = Withholding.objects.order_by("-created_at")[:500]
    return render(request, "moderation/withholdings.html", {"rows": rows})
