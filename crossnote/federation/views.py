"""Federation's HTTP faces: discovery (WebFinger, NodeInfo, host-meta), ActivityPub documents
(actors, notes, outboxes, collections), the inboxes, and the pages where a person finds, follows
and reads someone on another server. Everything answers 404 until federation is enabled."""

import json
import logging

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from crossnote.core.errors import DomainError
from crossnote.federation import activities, inbox, moving, selectors, services
from crossnote.federation.models import RemoteActor, RemoteNote

log = logging.getLogger(__name__)

AP_CONTENT_TYPE = "application/activity+json"


def _enabled():
    if not activities.enabled():
        raise Http404("federation is off")


def _ap(data: dict, status: int = 200) -> HttpResponse:
    return HttpResponse(json.dumps(data), status=status, content_type=AP_CONTENT_TYPE)


def _local_person(username: str):
    from crossnote.accounts.models import User

    return get_object_or_404(User, username=username, is_active=True)


# --- discovery -------------------------------------------------------------------------------


@require_GET
def webfinger(request):
    _enabled()
    resource = request.GET.get("resource", "")
    name = None
    if resource.startswith("acct:"):
        user_part, _at, host = resource[5:].lstrip("@").rpartition("@")
        if host.lower() == activities.domain():
            name = user_part
    else:
        name = activities.local_username(resource)
    if not name:
        return JsonResponse({"detail": _("No such person here.")}, status=404)
    user = _local_person(name)
    actor = activities.actor_uri(user)
    return JsonResponse(
        {
            "subject": f"acct:{user.username}@{activities.domain()}",
            "aliases": [actor, activities.absolute(user.get_absolute_url())],
            "links": [
                {"rel": "self", "type": AP_CONTENT_TYPE, "href": actor},
                {
                    "rel": "http://webfinger.net/rel/profile-page",
                    "type": "text/html",
                    "href": activities.absolute(user.get_absolute_url()),
                },
            ],
        },
        content_type="application/jrd+json",
    )


@require_GET
def host_meta(request):
    _enabled()
    template = activities.absolute("/.well-known/webfinger") + "?resource={uri}"
    body = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<XRD xmlns="http://docs.oasis-open.org/ns/xri/xrd-1.0">\n'
        f'  <Link rel="lrdd" template="{template}"/>\n</XRD>\n'
    )
    return HttpResponse(body, content_type="application/xrd+xml")


@require_GET
def nodeinfo_links(request):
    _enabled()
    return JsonResponse(
        {
            "links": [
                {
                    "rel": "http://nodeinfo.diaspora.software/ns/schema/2.1",
                    "href": activities.absolute(reverse("federation:nodeinfo")),
                }
            ]
        }
    )


@require_GET
def nodeinfo(request):
    _enabled()
    return JsonResponse(
        selectors.nodeinfo(),
        content_type='application/json; profile="http://nodeinfo.diaspora.software/ns/schema/2.1#"',
    )


# --- ActivityPub documents -------------------------------------------------------------------


@require_GET
def actor(request, username: str):
    _enabled()
    user = _local_person(username)
    if "text/html" in request.headers.get("Accept", "") and "json" not in request.headers.get(
        "Accept", ""
    ):
        return redirect(user.get_absolute_url())
    return _ap(
        activities.person(user, services.key_for(user).public_pem, **moving.actor_fields(user))
    )


@require_GET
def note(request, pk: int):
    _enabled()
    found = selectors.federated_notes().filter(pk=pk).first()
    if found is None or found.visibility != "public":
        return JsonResponse({"detail": _("No such note here.")}, status=404)
    if "text/html" in request.headers.get("Accept", "") and "json" not in request.headers.get(
        "Accept", ""
    ):
        return redirect(found.get_absolute_url())
    doc = {"@context": activities.CONTEXT, **activities.note_object(found)}
    doc["likes"] = {
        "id": f"{doc['id']}/likes",
        "type": "Collection",
        "totalItems": found.like_count + found.remote_likes.count(),
    }
    doc["shares"] = {  # boosts from elsewhere (Announce), as Mastodon's `shares` collection
        "id": f"{doc['id']}/shares",
        "type": "Collection",
        "totalItems": found.remote_announces.count(),
    }
    return _ap(doc)


@require_GET
def outbox(request, username: str):
    _enabled()
    user = _local_person(username)
    uri = f"{activities.actor_uri(user)}/outbox"
    notes = selectors.federated_notes().filter(author=user, visibility="public")
    if request.GET.get("page") != "true":
        return _ap(
            {
                "@context": activities.CONTEXT,
                "id": uri,
                "type": "OrderedCollection",
                "totalItems": notes.count(),
                "first": f"{uri}?page=true",
            }
        )
    items = [activities.create_note(n) for n in notes.order_by("-created_at")[:20]]
    return _ap(
        {
            "@context": activities.CONTEXT,
            "id": f"{uri}?page=true",
            "type": "OrderedCollectionPage",
            "partOf": uri,
            "orderedItems": items,
        }
    )


def _collection(uri: str, total: int) -> HttpResponse:
    # Counts only (as Mastodon shows hidden collections): who follows whom is not listed.
    return _ap(
        {
            "@context": activities.CONTEXT,
            "id": uri,
            "type": "OrderedCollection",
            "totalItems": total,
        }
    )


@require_GET
def followers(request, username: str):
    _enabled()
    user = _local_person(username)
    total = user.follower_count + selectors.remote_follower_count(user)
    return _collection(f"{activities.actor_uri(user)}/followers", total)


@require_GET
def following(request, username: str):
    _enabled()
    user = _local_person(username)
    total = user.following_count + selectors.remote_following(user).count()
    return _collection(f"{activities.actor_uri(user)}/following", total)


# --- inboxes ---------------------------------------------------------------------------------


def _receive(request, username: str | None) -> HttpResponse:
    _enabled()
    if request.method != "POST":
        return JsonResponse({"detail": _("Send activities with POST.")}, status=405)
    if username is not None:
        _local_person(username)
    length = request.headers.get("Content-Length", "")
    from django.conf import settings

    if length.isdigit() and int(length) > settings.CROSSNOTE_FEDERATION_MAX_BYTES:
        return JsonResponse({"detail": "the activity is too large"}, status=413)
    try:
        result = inbox.receive(
            method=request.method,
            url=activities.absolute(request.get_full_path()),
            headers=request.headers,
            body=request.body,
            username=username,
        )
    except inbox.Refused as refused:
        return JsonResponse({"detail": refused.reason}, status=refused.status)
    return JsonResponse({"detail": result.outcome}, status=result.status)


@csrf_exempt
def shared_inbox(request):
    return _receive(request, None)


@csrf_exempt
def actor_inbox(request, username: str):
    return _receive(request, username)


# --- pages -----------------------------------------------------------------------------------


@login_required
def elsewhere(request):
    """'Follow someone elsewhere': look up @name@server and open their profile here."""
    _enabled()
    error = ""
    address = request.POST.get("address", "") if request.method == "POST" else ""
    if request.method == "POST":
        try:
            found = services.lookup_address(address)
            return redirect("federation:remote_person", pk=found.pk)
        except DomainError as exc:
            error = exc.message
    following = selectors.remote_following(request.user)
    return render(
        request,
        "federation/elsewhere.html",
        {
            "address": address,
            "error": error,
            "following": following,
            "handle": f"@{request.user.username}@{activities.domain()}",
            "followers_elsewhere": selectors.remote_follower_count(request.user),
        },
        status=400 if error else 200,
    )


def remote_person(request, pk: int):
    _enabled()
    person = get_object_or_404(RemoteActor, pk=pk)
    if services.is_blocked(person.domain):
        raise Http404("blocked")
    notes = Paginator(selectors.notes_of(person), 20).get_page(request.GET.get("page"))
    target = get_language() or "en"
    translations = (
        selectors.translate_notes(notes.object_list, target) if request.GET.get("translate") else {}
    )
    follow = (
        selectors.remote_following(request.user).filter(actor=person).first()
        if request.user.is_authenticated
        else None
    )
    liked = (
        set(selectors.liked_note_ids(request.user, [n.pk for n in notes.object_list]))
        if request.user.is_authenticated
        else set()
    )
    rows = [(n, translations.get(n.pk), n.pk in liked) for n in notes.object_list]
    return render(
        request,
        "federation/remote_person.html",
        {
            "person": person,
            "notes": notes,
            "rows": rows,
            "follow": follow,
            "blocked": request.user.is_authenticated
            and person.blocked_by.filter(user=request.user).exists(),
            "local_followers": person.local_followers.count(),
        },
    )


def _act(request, call) -> HttpResponse:
    try:
        call()
    except DomainError as exc:
        from django.contrib import messages

        messages.error(request, exc.message)
    return redirect(request.POST.get("next") or reverse("federation:elsewhere"))


@require_POST
@login_required
def follow_person(request, pk: int):
    _enabled()
    person = get_object_or_404(RemoteActor, pk=pk)
    if request.POST.get("action") == "unfollow":
        return _act(request, lambda: services.unfollow_remote(user=request.user, actor=person))
    return _act(request, lambda: services.follow_remote(user=request.user, actor=person))


@require_POST
@login_required
def block_person(request, pk: int):
    _enabled()
    person = get_object_or_404(RemoteActor, pk=pk)
    if request.POST.get("action") == "unblock":
        return _act(request, lambda: services.unblock_remote(user=request.user, actor=person))
    return _act(request, lambda: services.block_remote(user=request.user, actor=person))


@require_POST
@login_required
def like_note(request, pk: int):
    _enabled()
    found = get_object_or_404(
        RemoteNote.objects.exclude(moderation__in=selectors.HIDDEN_ACTIONS), pk=pk
    )
    if request.POST.get("action") == "unlike":
        return _act(request, lambda: services.unlike_remote_note(user=request.user, note=found))
    return _act(request, lambda: services.like_remote_note(user=request.user, note=found))
