"""Moderation pages: the norms coach (live, while writing), guidelines, the transparency report
and the withholding log, the review queue, notices, appeals and reports."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from crossnote.core.errors import Conflict, InvalidInput, PermissionDenied
from crossnote.language.selectors import parse_ids, ui_language
from crossnote.language.services import cached_translation, report_translation
from crossnote.moderation import presenters, roles, selectors, services
from crossnote.moderation.categories import BUILT_IN
from crossnote.moderation.suite import UnknownGroup
from crossnote.moderation.transparency import transparency_report
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


def transparency_page(request):
    """GET /transparency/: the report for everyone, signed in or not."""
    try:
        months = int(request.GET.get("months", 12))
    except ValueError:
        months = 12
    report = transparency_report(months)
    context = {
        "report": report,
        "chart": presenters.month_chart(report["actions"]["by_month"]),
        "categories": presenters.bar_rows(report["actions"]["by_category"]),
        "regions": presenters.bar_rows(report["withholdings_by_region"], "n"),
    }
    return render(request, "moderation/transparency.html", context)


def withholdings(request):
    """The public log of regional withholdings: where, why, when — never the content."""
    rows = selectors.public_withholdings()
    return render(request, "moderation/withholdings.html", {"rows": rows})


# --- the review queue, notices, appeals and reports (pages) ----------------------------------


def _moderator(request):
    if not roles.is_moderator(request.user):
        raise PermissionDenied(_("Only moderators can see the review queue."))


@login_required
def queue(request):
    _moderator(request)
    filters = {k: request.GET.get(k, "") for k in ("category", "language", "region")}
    items, title_batches = presenters.queue_rows(
        selectors.queue_for(request.user, **filters)[:100], target=ui_language()
    )
    context = {
        "items": items,
        "title_batches": title_batches,
        "filters": filters,
        "categories": BUILT_IN,
        "agreement": presenters.agreement_view(selectors.agreement_stats()),
        "most_wrong": presenters.most_wrong_rows(selectors.most_wrong(limit=5)),
    }
    return render(request, "moderation/queue.html", context)


@login_required
def queue_titles(request):
    """GET ?ids=1,2,3 (review items): the parent notes' titles of these comment items in the
    moderator's language, fetched by the queue page once it has loaded (out-of-band fragments,
    one per row); items no longer in this moderator's queue are left out."""
    _moderator(request)
    ids = parse_ids(request.GET.getlist("ids"))
    if not ids or len(ids) > presenters.QUEUE_TITLES_BATCH:
        raise InvalidInput(
            _("Give between 1 and %(n)d review items.") % {"n": presenters.QUEUE_TITLES_BATCH},
            field="ids",
        )
    items = selectors.queue_for(request.user).filter(pk__in=ids)
    rows = presenters.queue_titles_translated(items, ui_language())
    return render(request, "moderation/_queue_titles.html", {"rows": rows})


@login_required
def suite(request):
    """The regression suite for moderators and staff: the last run's rates by set, kind and
    language and its misses (GET); run it again now (POST, ~6 s), then back to the page."""
    if not (request.user.is_staff or roles.is_moderator(request.user)):
        raise PermissionDenied(_("Only moderators can run the moderation suite."))
    if request.method == "POST":
        try:
            services.run_suite_now(group=request.POST.get("group", "").strip(), by=request.user)
        except UnknownGroup as exc:
            messages.error(
                request,
                _("No cases in group %(group)s. Groups: %(groups)s.")
                % {"group": exc.group, "groups": ", ".join(exc.known)},
            )
        else:
            messages.success(request, _("The suite ran again; these are its results."))
        return redirect("moderation:suite")
    classifier = selectors.active_classifier_version()
    context = {
        "suite": presenters.suite_view(selectors.last_suite_run(), classifier),
        "classifier": classifier,
    }
    return render(request, "moderation/suite.html", context)


@login_required
def item(request, pk):
    _moderator(request)
    context = presenters.item_context(request.user, pk, target=ui_language())
    context["can_take"] = roles.can_take(request.user, context["item"])
    return render(request, "moderation/item.html", context)


@login_required
@require_POST
def item_action(request, pk):
    """Claim, release or decide (one key per decision on the page)."""
    _moderator(request)
    what = request.POST.get("do", "")
    if what == "claim":
        services.claim_item(item_id=pk, moderator=request.user)
        return redirect("moderation:item", pk=pk)
    if what == "bad_translation":
        _flag_translation(request, pk)
        messages.success(request, _("Thanks — the translation was reported and will be redone."))
        return redirect("moderation:item", pk=pk)
    if what == "release":
        services.release_item(item_id=pk, moderator=request.user)
        return redirect("moderation:queue")
    try:
        services.decide_review_item(
            item_id=pk,
            moderator=request.user,
            action=what,
            reason=request.POST.get("reason", ""),
            regions=[r for r in request.POST.get("regions", "").replace(" ", "").split(",") if r],
            legal_basis=request.POST.get("legal_basis", ""),
        )
    except InvalidInput as exc:
        if exc.field != "reason":
            raise
        # A restriction needs the reason its author will read: back to the item to write it.
        messages.error(request, exc.message)
        return redirect("moderation:item", pk=pk)
    messages.success(request, _("Decision recorded."))
    return redirect("moderation:queue")


@login_required
def notices(request):
    """The author's moderation notices: every statement of reasons, with an appeal button."""
    return _notices_page(request)


def _notices_page(request, *, refused: dict | None = None, status: int = 200):
    """The notices; `refused`: an appeal sent back (its decision, why, and the text kept)."""
    decisions = presenters.notices(selectors.notices_for(request.user), ui_language(), request.user)
    return render(
        request,
        "moderation/notices.html",
        {"decisions": decisions, "refused": refused},
        status=status,
    )


@login_required
@require_POST
def appeal(request, pk):
    """Send an appeal; a refused one (no reason given, too long, sent twice, too late) comes back
    on the notices page beside its decision, the text kept, not on an error page."""
    text = request.POST.get("text", "")
    try:
        services.appeal_decision(author=request.user, decision_id=pk, text=text)
    except (InvalidInput, Conflict) as exc:
        refused = {"decision": pk, "message": exc.message, "text": text}
        return _notices_page(request, refused=refused, status=exc.status)
    messages.success(request, _("Your appeal was sent. A different moderator will decide it."))
    return redirect("moderation:notices")


@login_required
@rate_limit("report")
def report(request, kind, pk):
    """Report form (GET) and submission (POST) for a note, comment or profile; the form shows
    what is being reported, and a refused report comes back with its reason and the text kept."""
    obj = selectors.reportable(request.user, kind, pk)
    error, status = "", 200
    if request.method == "POST":
        try:
            services.report_content(
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
            "subject": presenters.report_subject(obj, kind),
            "author": selectors.author_of(obj, kind),
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
    item_ = selectors.review_item_or_none(pk)
    obj = selectors.content_for(item_.kind, item_.object_id) if item_ else None
    if item_ is None or obj is None:
        return
    text = selectors.text_of(obj, item_.kind)
    row = cached_translation(text, ui_language())
    if row is not None:
        report_translation(
            user=request.user,
            translation_id=row.pk,
            original=text,
            reason="flagged in the review queue",
        )
