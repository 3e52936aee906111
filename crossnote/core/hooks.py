"""Hooks: how a lower layer tells higher ones what happened without importing them (the app
order: docs/reference/layers.md). The lower app fires an event by its constant; higher apps
register handlers in their hooks.py (or AppConfig.ready). With nothing registered, collecting
returns []. Every event is in CATALOGUE below (docs/reference/hooks.md is generated from it);
registering or firing a name that is not there raises, so a typo cannot silently do nothing.
A person's export and erasure are not hooks: each app registers its part in the data-rights
registry (crossnote.core.data_rights), which privacy runs in turn (docs/reference/hooks.md lists
the parts under "Data-rights registry").
"""

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Event:
    constant: str
    name: str
    fired_by: str
    payload: str
    handled_by: tuple[str, ...]


CONTENT_CREATED = "content_created"
SCREEN_CONTENT = "screen_content"
SCREEN_IMAGES = "screen_images"
SIGNED_UP = "signed_up"
TOPICS_RELINKED = "topics_relinked"
VISIBLE_SUBJECTS = "visible_subjects"
NOTE_THUMBNAILS = "note_thumbnails"
TRANSLATION_REQUESTED = "translation_requested"
TRANSLATION_SERVED = "translation_served"
TRANSLATION_BACKEND_FAILED = "translation_backend_failed"
REVIEW_CONTENT = "review_content"
REVIEW_DECIDED = "review_decided"
REVIEW_ITEM_VIEWED = "review_item_viewed"
PERSONAL_DATA_VIEWED = "personal_data_viewed"
REMOTE_FOLLOW_REQUESTED = "remote_follow_requested"
REMOTE_BLOCK_REQUESTED = "remote_block_requested"
NOTE_MEDIA_READY = "note_media_ready"
NOTE_PHOTOS_HASHED = "note_photos_hashed"
PHOTO_TEXT_READ = "photo_text_read"
COMMENTS_ELSEWHERE = "comments_elsewhere"
COMMENTS_ELSEWHERE_COUNT = "comments_elsewhere_count"
FOLLOWING_ELSEWHERE = "following_elsewhere"
SEARCH_ELSEWHERE = "search_elsewhere"

CATALOGUE: dict[str, Event] = {
    event.name: event
    for event in (
        Event(
            "CONTENT_CREATED",
            CONTENT_CREATED,
            "notes.services (a note or comment written or edited), accounts.services (a profile)",
            "obj, kind ('note' | 'comment' | 'profile'), author; inside the write's transaction",
            ("moderation.hooks", "search.hooks", "feeds.hooks"),
        ),
        Event(
            "SCREEN_CONTENT",
            SCREEN_CONTENT,
            "notes.services (a note or comment about to be written, before its transaction opens)",
            "text, kind ('note' | 'comment'), language (detected code or ''), author; the slow "
            "screening runs here, holding no write lock, and CONTENT_CREATED on the same thread "
            "puts its verdict into effect inside the write's transaction",
            ("moderation.hooks",),
        ),
        Event(
            "SCREEN_IMAGES",
            SCREEN_IMAGES,
            "notes.services (a video's poster and frames, hashed; a note's photos, not hashed "
            "yet: NOTE_PHOTOS_HASHED checks them), messaging.services (photos before they are "
            "stored)",
            "images (processed), author; returns refusal messages (a list of str)",
            ("moderation.hooks",),
        ),
        Event(
            "SIGNED_UP",
            SIGNED_UP,
            "accounts.services",
            "user",
            ("moderation.hooks", "privacy.hooks"),
        ),
        Event(
            "TOPICS_RELINKED",
            TOPICS_RELINKED,
            "notes.services (topics linked or unlinked across languages)",
            "topic_ids",
            ("search.hooks",),
        ),
        Event(
            "VISIBLE_SUBJECTS",
            VISIBLE_SUBJECTS,
            "social.selectors (notifications sit below notes)",
            "viewer, note_ids, comment_ids; returns {'notes': ids, 'comments': ids} the viewer "
            "may see (nothing registered: nothing is visible) and {'warnings': {comment id: "
            "text}}: the warning each visible labelled comment is shown behind, in the reader's "
            "language, and {'labelled_notes': ids}: the visible notes whose photos the reader "
            "sees behind a content warning",
            ("notes.policies.visible_subjects",),
        ),
        Event(
            "NOTE_THUMBNAILS",
            NOTE_THUMBNAILS,
            "social.selectors (notification thumbnails)",
            "note_ids (already visible to the reader); returns {note_id: thumbnail URL}",
            ("notes.selectors.note_thumbnails",),
        ),
        Event(
            "TRANSLATION_REQUESTED",
            TRANSLATION_REQUESTED,
            "language.services",
            "source, target (language codes)",
            ("insights.hooks",),
        ),
        Event(
            "TRANSLATION_SERVED",
            TRANSLATION_SERVED,
            "language.services",
            "backend, cached",
            ("ops.metrics",),
        ),
        Event(
            "TRANSLATION_BACKEND_FAILED",
            TRANSLATION_BACKEND_FAILED,
            "language.services",
            "backend",
            ("ops.metrics",),
        ),
        Event(
            "REVIEW_CONTENT",
            REVIEW_CONTENT,
            "moderation.selectors (an item about content another app owns)",
            "kind, object_id; returns the content to show the moderator",
            ("messaging.hooks",),
        ),
        Event(
            "REVIEW_DECIDED",
            REVIEW_DECIDED,
            "moderation.services.enforcement",
            "kind, obj, action",
            ("messaging.hooks",),
        ),
        Event(
            "REVIEW_ITEM_VIEWED",
            REVIEW_ITEM_VIEWED,
            "moderation.presenters",
            "viewer, item, obj",
            ("messaging.hooks",),
        ),
        Event(
            "PERSONAL_DATA_VIEWED",
            PERSONAL_DATA_VIEWED,
            "accounts.admin, messaging.reports (staff reading someone's data)",
            "viewer, subjects, what, where",
            ("privacy.hooks",),
        ),
        Event(
            "NOTE_MEDIA_READY",
            NOTE_MEDIA_READY,
            "notes.services (a note's photos have their variants; readers may now see it)",
            "note; inside the transaction that marks it ready (queue work with enqueue)",
            ("vision.hooks",),
        ),
        Event(
            "NOTE_PHOTOS_HASHED",
            NOTE_PHOTOS_HASHED,
            "notes.services.finish_note_media (a note's photos have their PDQ hashes, made in "
            "the background; readers do not see the note yet)",
            "note (locked); inside the transaction that marks it ready, just before, so a "
            "verdict (held, removed) is in effect before any reader sees the note",
            ("moderation.hooks",),
        ),
        Event(
            "PHOTO_TEXT_READ",
            PHOTO_TEXT_READ,
            "vision.services, vision.video (the text in one of a note's photos, or in its "
            "video's frames, was read, or read again)",
            "note, image (notes.NoteImage; None for a video's frames), text (the joined lines, "
            "'' when none), language (detected code or '')",
            ("moderation.hooks", "search.hooks"),
        ),
        Event(
            "COMMENTS_ELSEWHERE",
            COMMENTS_ELSEWHERE,
            "notes.views, notes.api (a note's comments section, first page)",
            "note, viewer; returns replies from people on other servers the viewer may see, "
            "oldest first (objects with `template` for the page and `as_dict()` for the API)",
            ("federation.hooks",),
        ),
        Event(
            "COMMENTS_ELSEWHERE_COUNT",
            COMMENTS_ELSEWHERE_COUNT,
            "notes.services.recount_comments",
            "note_id; returns how many replies from other servers its readers see (an int)",
            ("federation.hooks",),
        ),
        Event(
            "FOLLOWING_ELSEWHERE",
            FOLLOWING_ELSEWHERE,
            "feeds.selectors (the following feed, each page)",
            "viewer, newer_than, older_than (datetimes or None); returns cards of notes by "
            "people elsewhere the viewer follows, published in that span (`created_at`, "
            "`card_template`)",
            ("federation.hooks",),
        ),
        Event(
            "SEARCH_ELSEWHERE",
            SEARCH_ELSEWHERE,
            "search.views (the search page and suggestions)",
            "viewer, text, notes (bool: notes too, not only people); returns hits from other "
            "servers (`template`)",
            ("federation.hooks",),
        ),
        Event(
            "REMOTE_FOLLOW_REQUESTED",
            REMOTE_FOLLOW_REQUESTED,
            "portability.follows (an imported following_accounts.csv names someone elsewhere)",
            "user, address ('name@domain'); a handler returns True when it takes the request "
            "(none answering True: federation is off on this server)",
            ("federation.hooks",),
        ),
        Event(
            "REMOTE_BLOCK_REQUESTED",
            REMOTE_BLOCK_REQUESTED,
            "portability.follows (an imported blocked_accounts.csv names someone elsewhere)",
            "user, address ('name@domain'); a handler returns True when it takes the request "
            "(none answering True: federation is off on this server)",
            ("federation.hooks",),
        ),
    )
}

_handlers: dict[str, list[Callable]] = defaultdict(list)


def _known(event: str) -> str:
    if event not in CATALOGUE:
        raise KeyError(
            f"unknown hook event {event!r}: add it to crossnote.core.hooks.CATALOGUE "
            f"(known: {', '.join(sorted(CATALOGUE))})"
        )
    return event


def register(event: str, handler: Callable) -> None:
    if handler not in _handlers[_known(event)]:
        _handlers[event].append(handler)


def collect(event: str, **kwargs) -> list:
    """Call every handler of `event` and return their non-None results, flattened one level."""
    results = []
    for handler in _handlers[_known(event)]:
        result = handler(**kwargs)
        if isinstance(result, list):
            results.extend(result)
        elif result is not None:
            results.append(result)
    return results
