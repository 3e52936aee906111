"""The "Move in / move out" pages: upload an archive and watch its progress, publish or delete
the drafts it made, download and upload follows and blocks as Mastodon's CSV files."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from crossnote.core.errors import DomainError
from crossnote.core.forms import run_service
from crossnote.portability import follows, forms, selectors, services


def _imports_context(request, **extra) -> dict:
    imports = selectors.recent_imports(request.user, limit=5)
    return {
        "imports": imports,
        "polling": any(job.in_progress for job in imports),
        "draft_count": selectors.drafts_of(request.user).count(),
        **extra,
    }


def _page(request, *, form=None, csv_form=None, csv_result=None, status=200):
    context = _imports_context(
        request,
        form=form or forms.ImportForm(),
        csv_form=csv_form or forms.CsvForm(),
        csv_result=csv_result,
    )
    return render(request, "portability/move.html", context, status=status)


@login_required
def move_page(request):
    return _page(request)


@login_required
def imports(request):
    """GET: the imports list (polled by HTMX while one runs). POST: upload an archive."""
    if request.method != "POST":
        return render(request, "portability/_imports.html", _imports_context(request))
    form = forms.ImportForm(request.POST, request.FILES)
    if form.is_valid() and run_service(
        form,
        services.start_import,
        user=request.user,
        kind=form.cleaned_data["kind"],
        upload=form.cleaned_data["file"],
    ):
        messages.success(request, _("Your archive is being imported."))
        return redirect("portability:move")
    return _page(request, form=form, status=400)


@login_required
def drafts(request):
    return render(
        request,
        "portability/drafts.html",
        {"drafts": selectors.drafts_of(request.user), "visibilities": forms.VISIBILITY_CHOICES},
    )


def _note_ids(values) -> list[int]:
    return [int(v) for v in values if str(v).isdigit()]


@login_required
@require_POST
def publish(request):
    """Publish one draft (`one`), the ticked ones (`note_ids`) or all (`all`)."""
    visibility = request.POST.get("visibility", "")
    try:
        if request.POST.get("one", "").isdigit():
            services.publish_draft(
                user=request.user, note_id=int(request.POST["one"]), visibility=visibility
            )
            count = 1
        else:
            ids = None if request.POST.get("all") else _note_ids(request.POST.getlist("note_ids"))
            if ids == []:
                messages.error(request, _("Tick the drafts to publish first."))
                return redirect("portability:drafts")
            count = services.publish_drafts(user=request.user, note_ids=ids, visibility=visibility)
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("portability:drafts")
    messages.success(
        request,
        ngettext("%(n)d note published.", "%(n)d notes published.", count) % {"n": count},
    )
    return redirect("portability:drafts")


@login_required
@require_POST
def delete(request):
    try:
        services.delete_draft(user=request.user, note_id=int(request.POST.get("note", "0") or 0))
        messages.success(request, _("Draft deleted."))
    except (DomainError, ValueError) as exc:
        messages.error(request, getattr(exc, "message", _("No such draft.")))
    return redirect("portability:drafts")


@login_required
def people_csv(request):
    """POST: follow or block everyone in an uploaded Mastodon CSV; the page shows the counts."""
    if request.method != "POST":
        return redirect("portability:move")
    form = forms.CsvForm(request.POST, request.FILES)
    result = None
    if form.is_valid():
        upload = form.cleaned_data["file"]
        result = run_service(
            form,
            follows.import_addresses,
            user=request.user,
            kind=form.cleaned_data["kind"],
            data=upload.read(follows.CSV_MAX_BYTES + 1),
            domain=follows.local_domain(request),
        )
    return _page(request, csv_form=form, csv_result=result, status=200 if result else 400)


def _csv(text: str, name: str) -> HttpResponse:
    response = HttpResponse(text, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
def following_csv(request):
    domain = follows.local_domain(request)
    return _csv(
        follows.export_following(user=request.user, domain=domain), "following_accounts.csv"
    )


@login_required
def blocked_csv(request):
    domain = follows.local_domain(request)
    return _csv(follows.export_blocks(user=request.user, domain=domain), "blocked_accounts.csv")
