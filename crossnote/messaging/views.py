"""Message pages: inbox and requests, one conversation (live over a WebSocket, polling when it is
not available), new conversation, preferences, and the private image view."""

from django.conf import settings
from django.contrib import messages as flash
from django.contrib.auth.decorators import login_required
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from crossnote.core.errors import DomainError, InvalidInput, NotFound
from crossnote.language.backends import get_backend
from crossnote.messaging import policies, realtime, reports, selectors, services, timeline
from crossnote.messaging.forms import NewConversationForm, PreferencesForm
from crossnote.messaging.models import Message, Participant
from crossnote.moderation.categories import BUILT_IN
from crossnote.security.redirects import safe_next
from crossnote.social.selectors import unread_count

PAGE = 50  # messages per page load and per "earlier messages"


def _target(request) -> str:
    return timeline.target_language(request.user, get_language())


def _views(request, row, items):
    return timeline.present(request.user, row, items, target=_target(request))


@login_required
@require_GET
def inbox(request):
    requests_tab = request.GET.get("tab") == "requests"
    rows = selectors.label_rows(
        request.user, selectors.conversations_for(request.user, requests=requests_tab)[:100]
    )
    if request.GET.get("part") == "list":
        # The open inbox refreshes its list when a message arrives (static/js/messaging.js).
        return render(
            request, "messaging/_inbox_list.html", {"rows": rows, "requests_tab": requests_tab}
        )
    return render(
        request,
        "messaging/inbox.html",
        {
            "rows": rows,
            "requests_tab": requests_tab,
            "request_total": selectors.request_count(request.user),
            "form": NewConversationForm(initial={"recipients": request.GET.get("to", "")}),
            "poll_seconds": settings.CROSSNOTE_MESSAGES_POLL_SECONDS,
            "shared_layer": realtime.shared_layer(),
        },
    )


@login_required
def new(request):
    form = NewConversationForm(
        request.POST or None, initial={"recipients": request.GET.get("to", "")}
    )
    if request.method == "POST" and form.is_valid():
        try:
            conversation = services.open_conversation(
                sender=request.user,
                usernames=form.cleaned_data["recipients"],
                title=form.cleaned_data["title"],
                body=form.cleaned_data["body"],
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            return redirect(conversation)
    status = 400 if request.method == "POST" else 200
    return render(request, "messaging/new.html", {"form": form}, status=status)


@login_required
@require_POST
def start(request, username):
    """A profile's Message button: open the conversation with that person (the same one again if
    it exists), through the messaging service, which respects their message settings and blocks;
    a refusal goes back to the profile with its reason."""
    try:
        conversation = services.open_conversation(sender=request.user, usernames=[username])
    except NotFound:
        raise  # no such account: the 404 page
    except DomainError as exc:
        flash.error(request, exc.message)
        return redirect(safe_next(request, reverse("accounts:profile", args=[username])))
    return redirect(conversation)


@login_required
@require_GET
def conversation(request, pk):
    row = policies.membership(request.user, pk)
    items = selectors.messages_in(request.user, pk, limit=PAGE)
    if row.state == Participant.State.ACTIVE and items:
        services.mark_read(user=request.user, conversation_id=pk)
    people = policies.others_in(row.conversation, request.user)
    return render(
        request,
        "messaging/conversation.html",
        {
            "row": row,
            "conversation": row.conversation,
            "people": people,
            "views": _views(request, row, items),
            "last_id": items[-1].pk if items else 0,
            "first_id": items[0].pk if items else 0,
            "has_older": len(items) == PAGE,
            "can_send": _can_send(row),
            "poll_seconds": settings.CROSSNOTE_MESSAGES_POLL_SECONDS,
            "shared_layer": realtime.shared_layer(),
            "reasons": _reasons(),
        },
    )


def _can_send(row) -> bool:
    try:
        policies.check_can_send(row)
    except DomainError:
        return False
    return True


def _reasons():
    return [(slug, label) for slug, label in BUILT_IN.items()]


def _int(value, field) -> int:
    try:
        return int(value or 0)
    except (TypeError, ValueError):
        raise InvalidInput(_("Expected a number."), field=field) from None


@login_required
@require_GET
def fragment(request, pk):
    """New messages after `after` as HTML (the page appends them: push or poll)."""
    row = policies.membership(request.user, pk)
    after, before = (
        _int(request.GET.get("after"), "after"),
        _int(request.GET.get("before"), "before"),
    )
    items = selectors.messages_in(request.user, pk, after=after, before=before, limit=PAGE)
    response = render(
        request,
        "messaging/_messages.html",
        {
            "views": _views(request, row, items),
            "conversation": row.conversation,
            "reasons": _reasons(),
        },
    )
    response["X-Last-Id"] = str(items[-1].pk if items else after)
    return response


@login_required
@require_GET
def one(request, message_id):
    """One message as HTML (after an unsend or a read receipt the page re-renders it)."""
    message = Message.objects.filter(pk=message_id).first()
    if message is None:
        raise Http404
    row = policies.membership(request.user, message.conversation_id)
    items = selectors.visible_messages(request.user).filter(pk=message_id).select_related("sender")
    return render(
        request,
        "messaging/_messages.html",
        {
            "views": _views(request, row, list(items)),
            "conversation": row.conversation,
            "reasons": _reasons(),
        },
    )


@login_required
@require_POST
def send(request, pk):
    message = services.send_message(
        sender=request.user,
        conversation_id=pk,
        body=request.POST.get("body", ""),
        image=request.FILES.get("image"),
        reply_to=_int(request.POST.get("reply_to"), "reply_to") or None,
    )
    if request.htmx or request.headers.get("X-Requested-With") == "fetch":
        row = policies.membership(request.user, pk)
        response = render(
            request,
            "messaging/_messages.html",
            {
                "views": _views(request, row, [message]),
                "conversation": row.conversation,
                "reasons": _reasons(),
            },
            status=201,
        )
        response["X-Last-Id"] = str(message.pk)
        return response
    return redirect(reverse("messaging:conversation", args=[pk]) + f"#m{message.pk}")


@login_required
@require_POST
def unsend(request, message_id):
    message = services.unsend_message(user=request.user, message_id=message_id)
    return redirect(reverse("messaging:conversation", args=[message.conversation_id]))


@login_required
@require_POST
def delete_for_me(request, message_id):
    message = Message.objects.filter(pk=message_id).only("conversation_id").first()
    services.delete_for_me(user=request.user, message_id=message_id)
    if request.htmx:
        return HttpResponse("")
    return redirect(reverse("messaging:conversation", args=[message.conversation_id]))


@login_required
@require_GET
def translate(request, message_id):
    """The translation of one message, with the engine that made it."""
    result = services.translate_message(
        user=request.user, message_id=message_id, target=_target(request)
    )
    local = result.unchanged or get_backend(result.backend).info.is_local
    return render(
        request, "messaging/_translation.html", {"result": result, "local": local, "id": message_id}
    )


@login_required
@require_POST
def report(request, pk):
    ids = [_int(v, "message_ids") for v in request.POST.getlist("message_ids")]
    made = reports.report_messages(
        reporter=request.user,
        conversation_id=pk,
        message_ids=ids,
        reason=request.POST.get("reason", ""),
        text=request.POST.get("text", ""),
    )
    summary = reports.report_summary(made)
    flash.success(request, summary["notice"])
    if request.htmx:
        return render(request, "messaging/_reported.html", {"summary": summary})
    return redirect(reverse("messaging:conversation", args=[pk]))


@login_required
@require_POST
def request_action(request, pk, action):
    if action == "accept":
        services.accept_request(user=request.user, conversation_id=pk)
        return redirect(reverse("messaging:conversation", args=[pk]))
    if action == "decline":
        services.decline_request(user=request.user, conversation_id=pk)
        flash.success(request, _("Request declined."))
    elif action == "leave":
        services.leave_conversation(user=request.user, conversation_id=pk)
        flash.success(request, _("You left the group."))
    else:
        raise Http404
    return redirect("messaging:inbox")


@login_required
@require_POST
def add_members(request, pk):
    """The group page's "Add people" form: usernames separated by spaces or commas."""
    policies.membership(request.user, pk)  # not a member: 404, as for the page itself
    names = request.POST.get("usernames", "").replace(",", " ").split()
    try:
        added = services.add_members(user=request.user, conversation_id=pk, usernames=names)
    except DomainError as exc:
        flash.error(request, exc.message)
    else:
        flash.success(
            request,
            ngettext("Added %(count)d person.", "Added %(count)d people.", len(added))
            % {"count": len(added)},
        )
    return redirect(reverse("messaging:conversation", args=[pk]))


@login_required
@require_POST
def conversation_settings(request, pk):
    services.set_auto_translate(
        user=request.user, conversation_id=pk, on=request.POST.get("auto_translate") == "on"
    )
    return redirect(reverse("messaging:conversation", args=[pk]))


@login_required
@require_POST
def read(request, pk):
    last = services.mark_read(
        user=request.user,
        conversation_id=pk,
        up_to=_int(request.POST.get("up_to"), "up_to") or None,
    )
    return JsonResponse({"last_read_id": last})


@login_required
@require_POST
def typing(request, pk):
    services.typing(user=request.user, conversation_id=pk)
    return JsonResponse({"ok": True})


@login_required
@require_GET
def counts(request):
    return JsonResponse(
        {
            "messages": selectors.unread_total(request.user),
            "requests": selectors.request_count(request.user),
            "notifications": unread_count(request.user),
        }
    )


@login_required
def preferences(request):
    prefs = policies.preferences_of(request.user)
    initial = {"who_may_message": prefs.who_may_message, "read_receipts": prefs.read_receipts}
    form = PreferencesForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.set_preferences(user=request.user, **form.cleaned_data)
        flash.success(request, _("Message settings saved."))
        return redirect("messaging:preferences")
    return render(request, "messaging/preferences.html", {"form": form})


@login_required
@require_GET
def image(request, message_id):
    """A message's image, for the people in its conversation only."""
    message = Message.objects.filter(pk=message_id).exclude(image="").first()
    if message is None or message.is_unsent:
        raise Http404
    policies.membership(request.user, message.conversation_id)
    if not selectors.visible_messages(request.user).filter(pk=message.pk).exists():
        raise Http404
    try:
        handle = default_storage.open(message.image.name, "rb")
    except OSError:
        raise Http404 from None
    response = FileResponse(handle, content_type="image/webp")
    response["Cache-Control"] = "private, max-age=3600"
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
