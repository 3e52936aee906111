"""Social reads shared by pages and API."""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count, F, Max, Q, QuerySet, Window
from django.db.models.functions import RowNumber
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import ngettext_lazy

from crossnote.accounts.models import User
from crossnote.core import hooks
from crossnote.core.errors import InvalidInput
from crossnote.core.pagination import MAX_PAGE_SIZE, decode_cursor, encode_cursor
from crossnote.social.models import Block, Follow, Mute, Notification


def is_following(follower, followee) -> bool:
    if not getattr(follower, "is_authenticated", False):
        return False
    return Follow.objects.filter(follower=follower, followee=followee).exists()


def followers_of(user: User) -> QuerySet[Follow]:
    """Followers, without closed (waiting for deletion) or suspended accounts."""
    return Follow.objects.filter(followee=user, follower__is_active=True).select_related("follower")


def following_of(user: User) -> QuerySet[Follow]:
    return Follow.objects.filter(follower=user, followee__is_active=True).select_related("followee")


# What a closed (waiting for deletion) or suspended account did is not shown while it is closed:
# one column on the actor, joined by primary key, for the lists (the unread counts skip it).
SHOWN_ACTORS = Q(actor__isnull=True) | Q(actor__is_active=True)


def notifications_for(user: User) -> QuerySet[Notification]:
    return Notification.objects.filter(SHOWN_ACTORS, recipient=user).select_related(
        "actor", "note", "comment"
    )


# Which notes and comments a reader may see, and the warning a labelled comment is shown behind,
# are decided by notes (its visibility policy and moderation state), a layer above this one: notes
# registers the handler (crossnote.notes.policies.visible_subjects), called with viewer, note_ids
# and comment_ids; it returns {"notes": ids, "comments": ids, "warnings": {comment id: text},
# "labelled_notes": ids of visible notes whose photos the reader sees behind a warning}.
VISIBLE_SUBJECTS = hooks.VISIBLE_SUBJECTS


def _visible_subjects(viewer, note_ids, comment_ids) -> tuple[set[int], set[int], dict, set[int]]:
    """With no handler registered nothing counts as visible (fail closed)."""
    notes, comments, warnings, labelled = set(), set(), {}, set()
    found = hooks.collect(
        hooks.VISIBLE_SUBJECTS, viewer=viewer, note_ids=note_ids, comment_ids=comment_ids
    )
    for result in found:
        notes |= set(result["notes"])
        comments |= set(result["comments"])
        warnings.update(result.get("warnings", {}))
        labelled |= set(result.get("labelled_notes", ()))
    return notes, comments, warnings, labelled


def present_notifications(viewer, notifications) -> list[Notification]:
    """Notifications as `viewer` may see them now, through the visibility policy
    (crossnote.notes.policies, through VISIBLE_SUBJECTS), for page and API alike, in two
    queries whatever their number.

    Each gets `note_available` / `note_title` and `comment_available` / `comment_text`: a note
    the reader can no longer see (removed, held, withheld in their region, made private or
    followers-only, its author blocked or closed) shows a neutral title, and a comment they can
    no longer see is not quoted. `content_warning`: a labelled comment's warning in the reader's
    language (None otherwise), as the comments API gives it; the page folds it under that
    warning (`comment_labelled` / `comment_warning`) except for its own author.
    """
    notifications = list(notifications)
    notes, comments, warnings, labelled = _visible_subjects(
        viewer,
        {n.note_id for n in notifications if n.note_id is not None},
        {n.comment_id for n in notifications if n.comment_id is not None},
    )
    for n in notifications:
        n.note_available = n.note_id is not None and n.note_id in notes
        n.note_labelled = n.note_available and n.note_id in labelled  # its thumbnail is blurred
        n.comment_available = n.comment_id is not None and n.comment_id in comments
        if n.note_id is None:
            n.note_title = None
        elif n.note_available:
            n.note_title = n.note.title
        else:
            n.note_title = _("a note you can no longer see")
        if n.comment_id is None:
            n.comment_text = None
        elif n.comment_available:
            n.comment_text = n.comment.body
        else:
            n.comment_text = _("a comment you can no longer see")
        n.content_warning = warnings.get(n.comment_id) if n.comment_available else None
        # A comment behind a content warning stays behind it here too, as on the note page (its
        # author reads it plainly there): the page collapses it under its warning.
        n.comment_labelled = n.content_warning is not None and n.comment.author_id != viewer.pk
        n.comment_warning = n.content_warning if n.comment_labelled else ""
    return notifications


def unread_count(user: User) -> int:
    """The badge on every page: an index-only count. What a closed account caused was marked
    read when it closed (services.read_notifications_caused_by), so no actor check is needed."""
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def has_blocked(viewer, person) -> bool:
    """Whether `viewer` blocked `person` (the profile then offers Unblock)."""
    if not getattr(viewer, "is_authenticated", False) or viewer.pk == person.pk:
        return False
    return Block.objects.filter(blocker=viewer, blocked=person).exists()


def blocked_ids(viewer) -> set[int]:
    """Ids of people `viewer` blocked or was blocked by (their notes are hidden both ways)."""
    if not getattr(viewer, "is_authenticated", False):
        return set()
    made = Block.objects.filter(blocker=viewer).values_list("blocked_id", flat=True)
    received = Block.objects.filter(blocked=viewer).values_list("blocker_id", flat=True)
    return set(made) | set(received)


def muted_authors(viewer) -> QuerySet:
    """Ids of the people `viewer` muted, as a subquery (left out of their feeds)."""
    if not getattr(viewer, "is_authenticated", False):
        return Mute.objects.none().values("muted_id")
    return Mute.objects.filter(muter=viewer).values("muted_id")


# --- grouped notifications (the notifications page and GET /notifications/grouped) ------------

V = Notification.Verb
# The page's tabs and the verbs each shows; "all" shows every verb (platform messages too).
TABS: dict[str, tuple[str, ...]] = {
    "likes": (V.LIKE, V.COMMENT_LIKE, V.COLLECT, V.SHARE),
    "follows": (V.FOLLOW,),
    "comments": (V.COMMENT, V.REPLY, V.MENTION),
}
TAB_NAMES = ("all", *TABS)
# Where the first actor's name goes in a sentence (a name may be a link on the page).
_NAME = "\x00"
# Actors shown by name and face on a grouped line; the rest are counted.
SHOWN_PER_GROUP = 3

# Verbs that, without a local actor, come from someone on another server (the platform itself
# never comments, likes or shares).
ELSEWHERE_VERBS = (V.COMMENT, V.REPLY, V.LIKE, V.SHARE)

GROUP_MESSAGES = {
    V.SHARE: ngettext_lazy(
        "%(name)s and %(n)d other shared your note",
        "%(name)s and %(n)d others shared your note",
        "n",
    ),
    V.LIKE: ngettext_lazy(
        "%(name)s and %(n)d other liked your note", "%(name)s and %(n)d others liked your note", "n"
    ),
    V.COMMENT_LIKE: ngettext_lazy(
        "%(name)s and %(n)d other liked your comment",
        "%(name)s and %(n)d others liked your comment",
        "n",
    ),
    V.COLLECT: ngettext_lazy(
        "%(name)s and %(n)d other saved your note", "%(name)s and %(n)d others saved your note", "n"
    ),
    V.FOLLOW: ngettext_lazy(
        "%(name)s and %(n)d other started following you",
        "%(name)s and %(n)d others started following you",
        "n",
    ),
}


@dataclass
class NotificationGroup:
    """One line of the notifications page: a notification, or several of one kind about one
    subject on one day, newest first. `latest` is the newest member (its note and comment are
    presented through the visibility policy like any notification)."""

    latest: Notification
    actors: list
    count: int
    unread_count: int
    latest_at: datetime
    top_id: int

    @property
    def id(self) -> int:
        return self.latest.pk

    @property
    def verb(self) -> str:
        return self.latest.verb

    @property
    def tab(self) -> str:
        return tab_of(self.verb)

    @property
    def unread(self) -> bool:
        return self.unread_count > 0

    # What the group is about, as the visibility policy lets the reader see it (ids of hidden
    # things are not told).
    @property
    def note_available(self) -> bool:
        return getattr(self.latest, "note_available", False)

    @property
    def note_id(self) -> int | None:
        return self.latest.note_id if self.note_available else None

    @property
    def note_title(self) -> str | None:
        return getattr(self.latest, "note_title", None)

    @property
    def note_thumb_url(self) -> str | None:
        return getattr(self.latest, "note_thumb", None)

    @property
    def note_labelled(self) -> bool:
        """The note's photos are behind a content warning for the reader: its thumbnail is
        blurred, as on its card and its page."""
        return getattr(self.latest, "note_labelled", False)

    @property
    def comment_available(self) -> bool:
        return getattr(self.latest, "comment_available", False)

    @property
    def comment_id(self) -> int | None:
        return self.latest.comment_id if self.comment_available else None

    @property
    def comment_text(self) -> str | None:
        return getattr(self.latest, "comment_text", None)

    @property
    def comment_labelled(self) -> bool:
        return getattr(self.latest, "comment_labelled", False)

    @property
    def comment_warning(self) -> str:
        """The warning the page folds the comment under, in the reader's language ("" when the
        page quotes it plainly: not labelled, or the reader's own)."""
        return getattr(self.latest, "comment_warning", "")

    @property
    def content_warning(self) -> str | None:
        """A labelled comment's warning in the reader's language, for the API (None: none)."""
        return getattr(self.latest, "content_warning", None)

    @property
    def others(self) -> int:
        """Members not named: "and N others"."""
        return max(0, self.count - 1)

    def actor_name(self) -> str:
        actor = self.latest.actor
        return actor.name if actor is not None else self._nobody_here()

    @property
    def elsewhere(self) -> bool:
        """No local actor on a comment, reply, like or boost: someone on another server
        (federation's replies as comments, remote likes and boosts)."""
        return self.latest.actor_id is None and self.verb in ELSEWHERE_VERBS

    def _nobody_here(self) -> str:
        """No local actor: someone on another server, or the platform itself."""
        return _("Someone on another server") if self.elsewhere else "Crossnote"

    def message(self) -> str:
        """The whole sentence, plural-aware in the reader's language (the API's `message`)."""
        return self._sentence(self.actor_name())

    def message_html(self):
        """The same sentence with the first actor's name linked (the page)."""
        actor = self.latest.actor
        if actor is None:
            name = format_html("<strong>{}</strong>", self._nobody_here())
        else:
            name = format_html(
                '<a href="{}"><strong>{}</strong></a>', actor.get_absolute_url(), actor.name
            )
        return self._sentence(name)

    def _sentence(self, name):
        if self.others and self.verb in GROUP_MESSAGES:
            text = GROUP_MESSAGES[self.verb] % {"name": _NAME, "n": self.others}
        else:
            text = f"{_NAME} {verb_phrase(self.latest)}"
        before, _sep, after = text.partition(_NAME)
        if isinstance(name, SafeString):  # the page's linked name: the words around escaped
            return format_html("{}{}{}", before, name, after)
        return f"{before}{name}{after}"


def verb_phrase(notification: Notification) -> str:
    """What happened, after the actor's name (the page's line, the API's `message`): a
    moderation of the reader's comment says so, not "your content", since the line goes on to
    name the note the comment sits under."""
    if notification.verb == V.MODERATION and notification.comment_id is not None:
        return _("took a moderation action on your comment on the note")
    return str(notification.get_verb_display())


def grouped_notifications(
    user: User, *, tab: str = "all", cursor: str | None = None, limit: int = 20
) -> tuple[list[NotificationGroup], str | None]:
    """The reader's notifications in `tab`, gathered into groups, newest group first, after
    `cursor` (a group's newest time and id): three queries for any number of notifications
    (the groups, their newest members, the visibility policy) plus thumbnails."""
    if tab not in TAB_NAMES:
        raise InvalidInput(
            _("Unknown tab; one of: %(tabs)s.") % {"tabs": ", ".join(TAB_NAMES)}, field="tab"
        )
    if limit < 1 or limit > MAX_PAGE_SIZE:
        raise InvalidInput(
            _("limit must be between 1 and %(max)d.") % {"max": MAX_PAGE_SIZE}, field="limit"
        )
    rows = Notification.objects.filter(SHOWN_ACTORS, recipient=user)
    if tab != "all":
        rows = rows.filter(verb__in=TABS[tab])
    groups = (
        rows.values("group_key")
        .annotate(
            latest_at=Max("created_at"),
            top_id=Max("id"),
            size=Count("id"),
            unread=Count("id", filter=Q(read_at__isnull=True)),
        )
        .order_by("-latest_at", "-top_id")
    )
    if cursor:
        at, pk = decode_cursor(cursor)
        groups = groups.filter(Q(latest_at__lt=at) | Q(latest_at=at, top_id__lt=pk))
    keys = list(groups[: limit + 1])
    more = len(keys) > limit
    keys = keys[:limit]
    if not keys:
        return [], None
    members = _newest_members(rows, [key["group_key"] for key in keys])
    result = []
    for key in keys:
        found = members.get(key["group_key"], [])
        if not found:  # removed between the two queries
            continue
        result.append(
            NotificationGroup(
                latest=found[0],
                actors=[n.actor for n in found if n.actor is not None],
                count=key["size"],
                unread_count=key["unread"],
                latest_at=key["latest_at"],
                top_id=key["top_id"],
            )
        )
    present_notifications(user, [g.latest for g in result])
    _attach_thumbnails([g.latest for g in result])
    last = keys[-1]
    next_cursor = encode_cursor(last["latest_at"], last["top_id"]) if more else None
    return result, next_cursor


def _newest_members(rows, keys: list[str]) -> dict[str, list[Notification]]:
    """The newest SHOWN_PER_GROUP notifications of each group, in one query (a window over
    the (recipient, group_key) index)."""
    ranked = (
        rows.filter(group_key__in=keys)
        .annotate(
            rank=Window(
                RowNumber(),
                partition_by=[F("group_key")],
                order_by=[F("created_at").desc(), F("id").desc()],
            )
        )
        .filter(rank__lte=SHOWN_PER_GROUP)
        .select_related("actor", "note", "comment")
        .order_by("-created_at", "-id")
    )
    found: dict[str, list[Notification]] = {}
    for n in ranked:
        found.setdefault(n.group_key, []).append(n)
    return found


def _attach_thumbnails(notifications) -> None:
    """`note_thumb`: the first image of each note the reader may see (none for a hidden note)."""
    ids = {n.note_id for n in notifications if getattr(n, "note_available", False)}
    thumbs: dict[int, str] = {}
    for result in hooks.collect(hooks.NOTE_THUMBNAILS, note_ids=ids) if ids else []:
        thumbs.update(result)
    for n in notifications:
        n.note_thumb = thumbs.get(n.note_id) if getattr(n, "note_available", False) else None


# Notes live a layer above: they register a handler returning {note_id: thumbnail URL}.
NOTE_THUMBNAILS = hooks.NOTE_THUMBNAILS


def tab_of(verb: str) -> str:
    """The tab a verb shows under besides "all" ("other": platform messages)."""
    return next((tab for tab, verbs in TABS.items() if verb in verbs), "other")


def unread_by_tab(user: User) -> dict[str, int]:
    """Unread notifications in each tab (and "all"), in one query."""
    counts = {name: 0 for name in TAB_NAMES}
    rows = (
        Notification.objects.filter(recipient=user, read_at__isnull=True)  # as unread_count
        .values("verb")
        .annotate(n=Count("id"))
        .order_by()
    )
    for row in rows:
        counts["all"] += row["n"]
        tab = tab_of(row["verb"])
        if tab in counts:
            counts[tab] += row["n"]
    return counts
