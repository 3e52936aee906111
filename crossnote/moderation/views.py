"""Moderation pages: the norms coach (live, while writing), guidelines, the withholding log."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from crossnote.core.errors import Conflict, InvalidInput, PermissionDenied
from crossnote.moderation import policies as roles
from crossnote.moderation import reporting, review, review_view, services
from crossnote.moderation.categories import BUILT_IN
from crossnote.moderation.models import Action, Decision, ReviewItem, Withholding
from crossnote.security.ratelimits import rate_limit
from crossnote.security.redirects import safe_next


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


# --- the review queue, notices, appeals and reports (pages) ----------------------------------


def _moderator(request):
    if not roles.is_moderator(request.user):
        raise PermissionDenied(_("Only moderators can see the review queue."))


@login_required
def queue(request):
    _moderator(request)
    filters = {k: request.GET.get(k, "") for k in ("category", "language", "region")}
    items = list(review.queue_for(request.user, **filters)[:100])
    under = review_view.parent_notes(items)
    for i in items:
        i.under = under.get(i.pk)
        i.category_name = services.category_name(i.category) if i.category else ""
    from crossnote.moderation.learning import agreement_stats, most_wrong

    agreement = agreement_stats()
    for row in agreement["by_category"]:
        row["name"] = services.category_name(row["key"]) if row["key"] else "—"
    wrong = list(most_wrong(limit=5))
    for i in wrong:
        i.outcome_words = review.ACTION_WORDS.get(i.outcome, i.outcome)
    context = {
        "items": items,
        "filters": filters,
        "categories": BUILT_IN,
        "agreement": agreement,
        "most_wrong": wrong,
    }
    return render(request, "moderation/queue.html", context)


@login_required
def item(request, pk):
    _moderator(request)
    from crossnote.language.selectors import ui_language

    context = review_view.item_context(request.user, pk, target=ui_language())
    context["can_take"] = roles.can_take(request.user, context["item"])
    return render(request, "moderation/item.html", context)


@login_required
@require_POST
def item_action(request, pk):
    """Claim, release or decide (one key per decision on the page)."""
    _moderator(request)
    what = request.POST.get("do", "")
    if what == "claim":
        review.claim_item(item_id=pk, moderator=request.user)
        return redirect("moderation:item", pk=pk)
    if what == "bad_translation":
        _flag_translation(request, pk)
        messages.success(request, _("Thanks — the translation was reported and will be redone."))
        return redirect("moderation:item", pk=pk)
    if what == "release":
        review.release_item(item_id=pk, moderator=request.user)
        return redirect("moderation:queue")
    item_ = ReviewItem.objects.filter(pk=pk).first()
    reason = request.POST.get("reason", "")
    if item_ is not None and item_.appeal_id:
        review.decide_appeal(item_id=pk, moderator=request.user, outcome=what, reason=reason)
    else:
        regions = [r for r in request.POST.get("regions", "").replace(" ", "").split(",") if r]
        review.decide_item(
            item_id=pk,
            moderator=request.user,
            action=what,
            reason=reason,
            regions=regions,
            legal_basis=request.POST.get("legal_basis", ""),
        )
    messages.success(request, _("Decision recorded."))
    return redirect("moderation:queue")


@login_required
def notices(request):
    """The author's moderation notices: every statement of reasons, with an appeal button."""
    decisions = (
        Decision.objects.filter(author=request.user)
        .exclude(action=Action.ALLOW, on_appeal=False)
        .select_related("appeal")
        .order_by("-created_at")[:200]
    )
    from crossnote.language.selectors import ui_language

    decisions = list(decisions)
    for d in decisions:
        appeal_ = getattr(d, "appeal", None)  # None: not appealed
        if appeal_ is not None and appeal_.reason:
            # The senior moderator's reason, in the reader's language (the original beside it).
            obj = review.content_for(d.kind, d.object_id)
            d.appeal_reason = review.translate_for_reader(
                appeal_.reason, ui_language(), private=review.is_private(d.kind, obj)
            )
    return render(request, "moderation/notices.html", {"decisions": decisions})


@login_required
@require_POST
def appeal(request, pk):
    review.appeal_decision(author=request.user, decision_id=pk, text=request.POST.get("text", ""))
    messages.success(request, _("Your appeal was sent. A different moderator will decide it."))
    return redirect("moderation:notices")


@login_required
@rate_limit("report")
def report(request, kind, pk):
    """Report form (GET) and submission (POST) for a note, comment or profile; the form shows
    what is being reported, and a refused report comes back with its reason and the text kept."""
    obj = reporting.reportable(request.user, kind, pk)
    error, status = "", 200
    if request.method == "POST":
        try:
            review.report_content(
                reporter=request.user,
                kind=kind,
                object_id=pk,
                reason=request.POST.get("reason", ""),
                text=request.POST.get("text", ""),
            )
        except (InvalidInput, Conflict) as exc:
            error, status = exc.message, exc.status
        else:
            messages.success(request, _("Thanks for your report. We will tell you what we decide."))
            return redirect(safe_next(request, reverse("feeds:explore")))
    return render(
        request,
        "moderation/report.html",
        {
            "kind": kind,
            "pk": pk,
            "subject": reporting.subject(obj, kind),
            "author": reporting.author_of(obj, kind),
            "categories": BUILT_IN,
            "next": request.POST.get("next") or request.GET.get("next", "/"),
            "error": error,
            "reason": request.POST.get("reason", ""),
            "text": request.POST.get("text", ""),
        },
        status=status,
    )


def _flag_translation(request, pk) -> None:
    """The queue's "bad translation" flag feeds the language bridge's reports."""
    from crossnote.language.selectors import ui_language
    from crossnote.language.services import cached_translation, report_translation
    from crossnote.moderation.services import text_of

    item_ = ReviewItem.objects.filter(pk=pk).first()
    obj = review.content_for(item_.kind, item_.object_id) if item_ else None
    if obj is None:
        return
    text = text_of(obj, item_.kind)
    row = cached_translation(text, ui_language())
    if row is not None:
        report_translation(
            user=request.user,
            translation_id=row.pk,
            original=text,
            reason="flagged in the review queue",
        )
