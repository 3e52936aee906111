"""Replies as comments, the HTTP faces (crossnote.federation.replies): a local comment and a local
person's reply elsewhere as ActivityPub documents, a remote note's page here with its comments
and a form to comment on it, and a reply from elsewhere translated in place."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.html import format_html
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from crossnote.core.errors import DomainError
from crossnote.federation import activities, replies, selectors, services
from crossnote.federation.models import LocalReply, RemoteNote
from crossnote.federation.views import _ap, _enabled
from crossnote.security.ratelimits import ALL_METHODS, rate_limit


def _wants_html(request) -> bool:
    accept = request.headers.get("Accept", "")
    return "text/html" in accept and "json" not in accept


@require_GET
def comment(request, pk: int):
    """A local comment on a public note as a `Note` (remote servers fetch what they reply to)."""
    _enabled()
    found = replies.federated_comment(pk)
    if found is None or found.note.visibility != "public":
        return JsonResponse({"detail": _("No such comment here.")}, status=404)
    if _wants_html(request):
        return redirect(found.note.get_absolute_url() + f"#c{found.pk}")
    return _ap({"@context": activities.CONTEXT, **replies.comment_object(found)})


@require_GET
def reply(request, pk: int):
    """A local person's comment on a remote note, as the `Note` that was sent."""
    _enabled()
    found = (
        LocalReply.objects.select_related("author", "note__actor")
        .filter(pk=pk, author__is_active=True)
        .exclude(moderation__in=replies.HIDDEN_ACTIONS)
        .first()
    )
    if found is None:
        return JsonResponse({"detail": _("No such comment here.")}, status=404)
    if _wants_html(request):
        return redirect("federation:remote_note", pk=found.note_id)
    return _ap({"@context": activities.CONTEXT, **replies.reply_object(found)})


def _visible_note(pk: int) -> RemoteNote:
    found = get_object_or_404(
        RemoteNote.objects.select_related("actor").exclude(moderation__in=selectors.HIDDEN_ACTIONS),
        pk=pk,
    )
    if services.is_blocked(found.actor.domain):
        raise Http404("blocked")
    return found


def remote_note(request, pk: int):
    """A note from elsewhere: its text (translated on request), like, its comments here (local
    people's and replies that reached this server) and a form to comment on it."""
    _enabled()
    note = _visible_note(pk)
    translation = (
        selectors.translate_note(note, get_language() or "en")
        if request.GET.get("translate")
        else None
    )
    liked = request.user.is_authenticated and bool(
        selectors.liked_note_ids(request.user, [note.pk])
    )
    return render(
        request,
        "federation/remote_note.html",
        {
            "n": note,
            "person": note.actor,
            "translation": translation,
            "liked": liked,
            "thread": replies.thread_of(note, request.user),
            "body": "",
            "error": "",
        },
    )


@require_POST
@login_required
@rate_limit("comment")
def comment_on_note(request, pk: int):
    _enabled()
    note = _visible_note(pk)
    body = request.POST.get("body", "")
    try:
        replies.comment_on_remote_note(author=request.user, note=note, body=body)
    except DomainError as exc:
        return render(
            request,
            "federation/remote_note.html",
            {
                "n": note,
                "person": note.actor,
                "translation": None,
                "liked": bool(selectors.liked_note_ids(request.user, [note.pk])),
                "thread": replies.thread_of(note, request.user),
                "body": body,
                "error": exc.message,
            },
            status=exc.status,
        )
    return redirect(request.path.removesuffix("comment/") + "#comments")


@require_POST
@login_required
def delete_reply(request, pk: int):
    _enabled()
    found = get_object_or_404(LocalReply.objects.select_related("note__actor"), pk=pk)
    note_id = found.note_id
    try:
        replies.delete_local_reply(user=request.user, reply=found)
    except DomainError as exc:
        messages.error(request, exc.message)
    return redirect("federation:remote_note", pk=note_id)


@rate_limit("translate", methods=ALL_METHODS)
def note_translation(request, pk: int):
    """A remote note (a reply among a note's comments, or any note from elsewhere) translated,
    as the fragment a local comment's Translate button gets."""
    from crossnote.language.services import normalise_target

    _enabled()
    note = _visible_note(pk)
    target = normalise_target(request.GET.get("to") or get_language() or "en")
    result = selectors.translate_note(note, target)
    if result is None:
        return HttpResponse(
            format_html(
                '<p class="muted small" data-translation>{}</p>',
                _("No translation is available now."),
            )
        )
    return render(request, "language/_text_translation.html", {"t": result})
