"""Federation's writes: local signing keys, remote actors fetched and kept, follows and likes across
servers, and operators' domain blocks. Incoming activities are in crossnote.federation.inbox."""

import csv
import io
import ipaddress
import logging
import re
from datetime import datetime
from urllib.parse import quote, urlsplit

import nh3
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.html import strip_tags
from django.utils.translation import gettext as _

from crossnote.core.errors import Conflict, InvalidInput, NotFound, PermissionDenied
from crossnote.core.tasks import enqueue
from crossnote.federation import activities, avatars, fetch
from crossnote.federation.models import (
    ActorKey,
    DomainBlock,
    RemoteActor,
    RemoteBlock,
    RemoteFollow,
    RemoteFollower,
    RemoteNote,
    RemoteNoteLike,
)
from crossnote.federation.signatures import new_key_pair

log = logging.getLogger(__name__)

# Remote HTML keeps a safe subset (Mastodon's own output uses these): links, paragraphs, line
# breaks, emphasis, lists, quotes, code. Everything else is dropped; links get rel=nofollow.
SAFE_TAGS = {"p", "br", "a", "span", "strong", "b", "em", "i", "ul", "ol", "li", "blockquote",
             "code", "pre", "del", "s", "u"}  # fmt: skip
SAFE_ATTRIBUTES = {"a": {"href", "title"}, "span": {"class"}}


class FederationOff(NotFound):
    def __init__(self):
        super().__init__(_("Federation is not enabled on this server."))


def require_enabled() -> None:
    if not activities.enabled():
        raise FederationOff()


def sanitise_html(raw: str) -> str:
    return nh3.clean(
        raw or "",
        tags=SAFE_TAGS,
        attributes=SAFE_ATTRIBUTES,
        url_schemes={"http", "https"},
        link_rel="nofollow noopener noreferrer",
    )


def html_to_text(raw: str) -> str:
    text = re.sub(r"<br\s*/?>", "\n", raw or "")
    text = re.sub(r"</p>\s*<p[^>]*>", "\n\n", text)
    return strip_tags(text).replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">").strip()


# --- keys ------------------------------------------------------------------------------------


def key_for(user) -> ActorKey:
    """The person's signing key, made and stored on first need."""
    existing = ActorKey.objects.filter(user=user).first()
    if existing:
        return existing
    private, public = new_key_pair()
    try:
        with transaction.atomic():
            return ActorKey.objects.create(user=user, public_pem=public, private_pem=private)
    except IntegrityError:  # made by a concurrent request meanwhile
        return ActorKey.objects.get(user=user)


# --- domain blocks ---------------------------------------------------------------------------


def clean_domain(value: str) -> str:
    """A domain as blocks store it: lower case, no scheme, path or leading "*."; InvalidInput
    for anything that is not a host name (the CLI, the API, imports and the admin all ask here)."""
    value = (value or "").strip().lower().lstrip("*.").rstrip(".")
    if "://" in value:
        value = urlsplit(value).netloc
    if not re.fullmatch(r"[a-z0-9.-]+(:\d+)?", value) or "." not in value and ":" not in value:
        raise InvalidInput(_("Give a domain name, like example.social."), field="domain")
    return value


def domain_of(uri: str) -> str:
    return (urlsplit(uri).netloc or "").lower()


def is_blocked(domain: str) -> bool:
    """Blocked: the domain itself or any domain it is under (blocking a.example blocks b.a.example)."""
    domain = (domain or "").lower()
    host = domain.split(":")[0]
    candidates = {domain, host}
    parts = host.split(".")
    candidates |= {".".join(parts[i:]) for i in range(1, max(len(parts) - 1, 1))}
    return DomainBlock.objects.filter(domain__in=candidates).exists()


def block_domain(*, domain: str, severity: str = "suspend", reason: str = "") -> DomainBlock:
    domain = clean_domain(domain)
    if severity not in DomainBlock.Severity.values:
        raise InvalidInput(_("Severity must be suspend or silence."), field="severity")
    block, _created = DomainBlock.objects.update_or_create(
        domain=domain, defaults={"severity": severity, "reason": reason[:500]}
    )
    # Its people stop following ours and their notes are hidden (the rows stay until unblocked).
    RemoteFollower.objects.filter(actor__domain=domain).delete()
    return block


def unblock_domain(*, domain: str) -> bool:
    deleted, _rows = DomainBlock.objects.filter(domain=clean_domain(domain)).delete()
    return bool(deleted)


def import_blocklist(text: str) -> tuple[int, list[str]]:
    """Mastodon's domain-block CSV (`#domain,#severity,#reject_media,...`, or a plain list of
    domains): (domains blocked, problems by line). Severity `noop` rows are skipped."""
    added, problems = 0, []
    reader = csv.reader(io.StringIO(text))
    header: list[str] = []
    for number, row in enumerate(reader, start=1):
        if not row or not row[0].strip():
            continue
        if number == 1 and row[0].strip().lstrip("#").lower() in ("domain", "domain_name"):
            header = [c.strip().lstrip("#").lower() for c in row]
            continue
        fields = dict(zip(header, row, strict=False)) if header else {"domain": row[0]}
        severity = (fields.get("severity") or "suspend").strip().lower()
        if severity == "noop":
            continue
        try:
            block_domain(
                domain=fields.get("domain", ""),
                severity=severity if severity in DomainBlock.Severity.values else "suspend",
                reason=(fields.get("public_comment") or fields.get("comment") or "").strip(),
            )
            added += 1
        except InvalidInput as exc:
            problems.append(f"line {number}: {exc.message}")
    return added, problems


# --- remote actors ---------------------------------------------------------------------------


def _scheme_for(host: str) -> str:
    from django.conf import settings

    name = urlsplit(f"//{host}").hostname or ""
    try:
        loopback = name == "localhost" or ipaddress.ip_address(name).is_loopback
    except ValueError:
        loopback = False
    return "http" if loopback and settings.CROSSNOTE_FEDERATION_ALLOW_HTTP_LOOPBACK else "https"


def _text(value, limit: int) -> str:
    return str(value)[:limit] if isinstance(value, str | int) else ""


def _url(value) -> str:
    if isinstance(value, list) and value:
        value = value[0]
    if isinstance(value, dict):
        value = value.get("href") or value.get("url")
    return (
        value[:500] if isinstance(value, str) and value.startswith(("https://", "http://")) else ""
    )


def _urls(value, limit: int) -> list[str]:
    """A list of addresses (alsoKnownAs: one string or a list of strings / {id} objects)."""
    items = value if isinstance(value, list) else [value]
    found = [_url(item.get("id") if isinstance(item, dict) else item) for item in items[:limit]]
    return [url for url in found if url]


def store_actor(doc: dict, *, fetched_from: str) -> RemoteActor:
    """Keep (or refresh) a remote actor from its document; refuses a document whose id is on
    another host than the one it came from (a forged actor)."""
    uri = doc.get("id")
    if not isinstance(uri, str) or domain_of(uri) != domain_of(fetched_from):
        raise fetch.FetchRefused("the actor's id is not on the host that served it")
    if doc.get("type") not in ("Person", "Service", "Application", "Group", "Organization"):
        raise fetch.FetchRefused("the document is not an actor")
    key = doc.get("publicKey") or {}
    if isinstance(key, list):
        key = key[0] if key else {}
    inbox = _url(doc.get("inbox"))
    if not (doc.get("preferredUsername") and inbox and key.get("publicKeyPem") and key.get("id")):
        raise fetch.FetchRefused("the actor lacks a username, an inbox or a public key")
    if key.get("owner", uri) != uri or domain_of(key["id"]) != domain_of(uri):
        raise fetch.FetchRefused("the actor's key belongs to someone else")
    if is_blocked(domain_of(uri)):
        raise fetch.FetchRefused("the actor's server is blocked here")
    endpoints: dict = doc["endpoints"] if isinstance(doc.get("endpoints"), dict) else {}
    languages: list = doc["languages"] if isinstance(doc.get("languages"), list) else []
    actor, _created = RemoteActor.objects.update_or_create(
        uri=uri,
        defaults={
            "domain": domain_of(uri),
            "username": _text(doc["preferredUsername"], 200),
            "name": strip_tags(_text(doc.get("name") or "", 200)),
            "summary": sanitise_html(_text(doc.get("summary") or "", 5000)),
            "url": _url(doc.get("url")),
            "icon_url": _url(doc.get("icon")),
            "inbox": inbox,
            "shared_inbox": _url(endpoints.get("sharedInbox")),
            "outbox": _url(doc.get("outbox")),
            "followers_url": _url(doc.get("followers")),
            "key_id": key["id"][:500],
            "public_key_pem": _text(key["publicKeyPem"], 5000),
            "languages": [str(code)[:16] for code in languages[:10]],
            "also_known_as": _urls(doc.get("alsoKnownAs"), 20),
            "moved_to": _url(doc.get("movedTo")),
            "fetched_at": timezone.now(),
        },
    )
    avatars.refresh_later(actor)
    return actor


def fetch_actor(uri: str, *, refresh: bool = False) -> RemoteActor:
    """The remote actor at `uri`, from the database or fetched (SSRF-safe)."""
    if not refresh:
        known = RemoteActor.objects.filter(uri=uri).first()
        if known:
            return known
    if is_blocked(domain_of(uri)):
        raise fetch.FetchRefused("the actor's server is blocked here")
    return store_actor(fetch.get_json(uri), fetched_from=uri)


def actor_for_key(key_id: str, *, refresh: bool = False) -> RemoteActor:
    """The actor that owns `key_id` (Mastodon: ACTOR#main-key; others: a key document)."""
    if not refresh:
        known = RemoteActor.objects.filter(key_id=key_id).first()
        if known:
            return known
    uri = key_id.split("#")[0]
    doc = fetch.get_json(uri)
    if doc.get("type") in ("Key", "CryptographicKey") or "owner" in doc and "inbox" not in doc:
        owner = doc.get("owner")
        if not isinstance(owner, str) or domain_of(owner) != domain_of(uri):
            raise fetch.FetchRefused("the key's owner is on another host")
        doc, uri = fetch.get_json(owner), owner
    actor = store_actor(doc, fetched_from=uri)
    if actor.key_id != key_id:
        raise fetch.FetchRefused("the actor does not publish that key")
    return actor


ADDRESS = re.compile(r"^@?([A-Za-z0-9_.~-]+)@([A-Za-z0-9.-]+(?::\d+)?)$")


def parse_address(address: str) -> tuple[str, str]:
    match = ADDRESS.match((address or "").strip())
    if not match:
        raise InvalidInput(_("Write the address as @name@server.example."), field="address")
    return match.group(1), match.group(2).lower()


def lookup_address(address: str) -> RemoteActor:
    """Find `@name@host` through WebFinger and keep their actor (any 4xx is a clear message)."""
    require_enabled()
    address = (address or "").strip()
    if address.startswith(("https://", "http://")):
        uri = address
    else:
        name, host = parse_address(address)
        if host == activities.domain():
            raise InvalidInput(_("That person is on this server."), field="address")
        if is_blocked(host):
            raise PermissionDenied(_("That server is blocked here."))
        resource = quote(f"acct:{name}@{host}", safe=":@")
        webfinger = f"{_scheme_for(host)}://{host}/.well-known/webfinger?resource={resource}"
        try:
            doc = fetch.get_json(webfinger, headers={"Accept": "application/jrd+json"})
        except fetch.FetchRefused as exc:
            log.info("webfinger lookup of %s refused: %s", address, exc.reason)
            raise NotFound(_("No one with that address could be found.")) from exc
        links: list = doc["links"] if isinstance(doc.get("links"), list) else []
        found = next(
            (
                link.get("href")
                for link in links
                if isinstance(link, dict)
                and link.get("rel") == "self"
                and "activity+json" in str(link.get("type", ""))
                or isinstance(link, dict)
                and 'profile="https://www.w3.org/ns/activitystreams"' in str(link.get("type", ""))
            ),
            None,
        )
        if not isinstance(found, str):
            raise NotFound(_("No one with that address could be found."))
        uri = found
    try:
        return fetch_actor(uri, refresh=True)
    except fetch.FetchRefused as exc:
        log.info("actor fetch of %s refused: %s", uri, exc.reason)
        raise NotFound(_("No one with that address could be found.")) from exc


# --- following, liking -----------------------------------------------------------------------


def _deliver(user, activity: dict, inbox: str) -> None:
    from crossnote.federation import tasks

    enqueue(tasks.deliver, user.pk, inbox, activity)


def follow_remote(*, user, actor: RemoteActor) -> RemoteFollow:
    require_enabled()
    if is_blocked(actor.domain):
        raise PermissionDenied(_("That server is blocked here."))
    if RemoteBlock.objects.filter(user=user, actor=actor).exists():
        raise Conflict(_("You blocked them: unblock them first."))
    existing = RemoteFollow.objects.filter(user=user, actor=actor).first()
    if existing and existing.state != RemoteFollow.State.REJECTED:
        raise Conflict(_("You already follow them."))
    activity_id = activities.new_activity_id(user, "Follow")
    with transaction.atomic():
        if existing:
            existing.delete()
        follow = RemoteFollow.objects.create(user=user, actor=actor, activity_id=activity_id)
        activity = activities.wrap(user, "Follow", actor.uri)
        activity["id"] = activity_id
        _deliver(user, activity, actor.inbox)
    return follow


def unfollow_remote(*, user, actor: RemoteActor) -> bool:
    require_enabled()
    follow = RemoteFollow.objects.filter(user=user, actor=actor).first()
    if follow is None:
        return False
    original = {
        "id": follow.activity_id,
        "type": "Follow",
        "actor": activities.actor_uri(user),
        "object": actor.uri,
    }
    with transaction.atomic():
        follow.delete()
        _deliver(user, activities.wrap(user, "Undo", original), actor.inbox)
    return True


def block_remote(*, user, actor: RemoteActor) -> bool:
    """Block someone elsewhere: stop following them (Undo), drop them as a follower, reject
    their follow requests from now on, and tell their server (Block). False if already done."""
    require_enabled()
    if RemoteBlock.objects.filter(user=user, actor=actor).exists():
        return False
    unfollow_remote(user=user, actor=actor)
    block = activities.wrap(user, "Block", actor.uri)
    with transaction.atomic():
        RemoteBlock.objects.create(user=user, actor=actor, activity_id=block["id"])
        RemoteFollower.objects.filter(user=user, actor=actor).delete()
        _deliver(user, block, actor.inbox)
    return True


def unblock_remote(*, user, actor: RemoteActor) -> bool:
    """Lift a block of someone elsewhere and tell their server (Undo(Block), naming the Block
    sent); the follows it ended stay ended. False if they were not blocked."""
    require_enabled()
    block = RemoteBlock.objects.filter(user=user, actor=actor).first()
    if block is None:
        return False
    original = {
        "id": block.activity_id or activities.new_activity_id(user, "Block"),
        "type": "Block",
        "actor": activities.actor_uri(user),
        "object": actor.uri,
    }
    with transaction.atomic():
        block.delete()
        if not is_blocked(actor.domain):
            _deliver(user, activities.wrap(user, "Undo", original), actor.inbox)
    return True


def like_remote_note(*, user, note: RemoteNote) -> bool:
    require_enabled()
    if is_blocked(note.actor.domain):
        raise PermissionDenied(_("That server is blocked here."))
    if RemoteNoteLike.objects.filter(user=user, note=note).exists():
        return False
    activity = activities.wrap(user, "Like", note.uri)
    with transaction.atomic():
        RemoteNoteLike.objects.create(user=user, note=note, activity_id=activity["id"])
        RemoteNote.objects.filter(pk=note.pk).update(like_count=note.local_likes.count())
        _deliver(user, activity, note.actor.inbox)
    return True


def unlike_remote_note(*, user, note: RemoteNote) -> bool:
    require_enabled()
    like = RemoteNoteLike.objects.filter(user=user, note=note).first()
    if like is None:
        return False
    original = {
        "id": like.activity_id,
        "type": "Like",
        "actor": activities.actor_uri(user),
        "object": note.uri,
    }
    with transaction.atomic():
        like.delete()
        RemoteNote.objects.filter(pk=note.pk).update(like_count=note.local_likes.count())
        _deliver(user, activities.wrap(user, "Undo", original), note.actor.inbox)
    return True


def follower_inboxes(user) -> list[str]:
    """One inbox per remote server (shared inboxes) for the person's remote followers."""
    rows = RemoteFollower.objects.filter(user=user).select_related("actor")
    blocked = set(DomainBlock.objects.values_list("domain", flat=True))
    if not blocked:  # the usual case: one query, not one per follower
        return sorted({r.actor.delivery_inbox for r in rows})
    return sorted({r.actor.delivery_inbox for r in rows if not is_blocked(r.actor.domain)})


def parse_published(value) -> datetime:
    """A remote note's publication time; never in the future (a server cannot pin its notes
    to the top of a list by dating them ahead)."""
    when = parse_datetime(value) if isinstance(value, str) else None
    now = timezone.now()
    return min(when, now) if when and when.tzinfo else now
