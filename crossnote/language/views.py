"""In-place translation and pinyin on pages (HTMX partials)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from crossnote.accounts.models import User
from crossnote.language import services
from crossnote.language.selectors import (
    comments_to_translate,
    notes_for_titles,
    parse_ids,
    ui_language,
    viewer_languages,
)
from crossnote.notes.selectors import get_comment, get_visible_note
from crossnote.security.ratelimits import ALL_METHODS, rate_limit


def _target(request) -> str:
    return services.normalise_target(request.GET.get("to") or ui_language())


@rate_limit("translate", methods=ALL_METHODS)
def note_translation(request, pk):
    note = get_visible_note(request.user, pk)
    result = services.translate_note(note=note, target=_target(request))
    has_alt = any(result["alt_texts"])
    return render(
        request, "language/_note_translation.html", {"note": note, "has_alt": has_alt, **result}
    )


@rate_limit("translate", methods=ALL_METHODS)
def comment_translation(request, pk):
    comment = get_comment(request.user, pk)
    result = services.translate_comment(comment=comment, target=_target(request))
    return render(request, "language/_text_translation.html", {"t": result, "comment": comment})


@rate_limit("translate", methods=ALL_METHODS)
def bio_translation(request, username):
    person = get_object_or_404(User, username__iexact=username, is_active=True)
    result = services.translate_bio(user=person, target=_target(request))
    return render(request, "language/_text_translation.html", {"t": result})


@rate_limit("translate", methods=ALL_METHODS)
def card_titles(request):
    """Titles of the cards on explore, search, boards and profiles, translated in place: one
    card's "Translate" or the grid's "Translate all" (`ids=1,2,3`), answered with one
    out-of-band fragment per card (the title and its control)."""
    target = _target(request)
    notes = notes_for_titles(request.user, parse_ids(request.GET.getlist("ids")))
    results = services.translate_titles(notes=notes, target=target)
    items = [(note, results[note.pk]) for note in notes]
    return render(request, "language/_card_titles.html", {"items": items})


@rate_limit("translate", methods=ALL_METHODS)
def note_comments_translation(request, pk):
    """Every comment of a note in another language, translated in one request ("Translate all
    comments"), or the comments named by `ids` (translations put back after the comments were
    redrawn): out-of-band fragments, one per comment."""
    note = get_visible_note(request.user, pk)
    target = _target(request)
    ids = parse_ids(request.GET.getlist("ids")) if "ids" in request.GET else None
    languages = [target, *viewer_languages(request)[0]]  # what the reader reads needs none
    comments = comments_to_translate(request.user, note, languages, ids)
    results = services.translate_comments(comments=comments, target=target)
    items = [(comment, results[comment.pk]) for comment in comments]
    return render(request, "language/_comment_translations.html", {"items": items})


def note_pinyin(request, pk):
    note = get_visible_note(request.user, pk)
    return render(request, "language/_note_pinyin.html", {"note": note})


@login_required
@require_POST
@rate_limit("report")
def report_note_translation(request, pk):
    note = get_visible_note(request.user, pk)
    services.report_note_translation(
        user=request.user, note=note, target=_target(request), reason=request.POST.get("reason", "")
    )
    return _reported(request, note)


@login_required
@require_POST
@rate_limit("report")
def report_comment_translation(request, pk):
    comment = get_comment(request.user, pk)
    services.report_comment_translation(
        user=request.user,
        comment=comment,
        target=_target(request),
        reason=request.POST.get("reason", ""),
    )
    return _reported(request, comment.note)


def _reported(request, note):
    if request.htmx:
        return render(request, "language/_reported.html")
    messages.success(request, _("Thanks — the translation was reported and will be redone."))
    return redirect(note)
