"""What goes into a person's export archive, section by section (GDPR Art. 15/20 in spirit).

`data.json` is machine-readable and follows export.schema.json (shipped beside this module);
`index.html` is the same content for people; `media/` holds their avatar and every stored variant
of their note images. Others' notes appear only as far as the person may still see them.
"""

import json
import os
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path

from django.core.files.storage import default_storage
from django.template.loader import render_to_string
from django.utils import timezone, translation

SCHEMA_PATH = Path(__file__).with_name("export.schema.json")
FORMAT = "crossnote-export"
VERSION = 1


def _iso(value) -> str | None:
    return value.isoformat() if value else None


def _profile(user, media: dict) -> dict:
    avatar = None
    if user.avatar:
        avatar = f"media/avatar{Path(user.avatar.name).suffix}"
        media[avatar] = user.avatar.name
    return {
        "id": user.pk,
        "username": user.username,
        "email": user.email,
        "display_name": user.display_name,
        "bio": user.bio,
        "bio_language": user.bio_language,
        "region": str(user.region.code or "") if user.region else "",
        "languages": list(user.languages),
        "data_region": user.data_region,
        "auto_translate": user.auto_translate,
        "comment_permission": user.comment_permission,
        "discoverable": user.discoverable,
        "hide_region": user.hide_region,
        "avatar": avatar,
        "date_joined": _iso(user.date_joined),
        "last_login": _iso(user.last_login),
        "is_staff": user.is_staff,
    }


def _notes(user, media: dict) -> list[dict]:
    from crossnote.notes.models import Note

    rows = []
    notes = Note.objects.filter(author=user).prefetch_related("images", "topics").order_by("pk")
    for note in notes:
        images = []
        for image in note.images.all():
            files = {}
            for variant, field in (("thumb", image.thumb), ("large", image.large)):
                if field:
                    path = (
                        f"media/notes/{note.pk}/{image.position}-{variant}{Path(field.name).suffix}"
                    )
                    media[path] = field.name
                    files[variant] = path
            images.append({"position": image.position, "alt_text": image.alt_text, "files": files})
        rows.append(
            {
                "id": note.pk,
                "title": note.title,
                "body": note.body,
                "visibility": note.visibility,
                "language": note.language,
                "topics": sorted(t.name for t in note.topics.all()),
                "moderation": note.moderation,
                "content_warning": note.content_warning,
                "like_count": note.like_count,
                "comment_count": note.comment_count,
                "collect_count": note.collect_count,
                "created_at": _iso(note.created_at),
                "updated_at": _iso(note.updated_at),
                "images": images,
            }
        )
    return rows


def _comments(user, media: dict) -> list[dict]:
    from crossnote.notes.models import Comment

    return [
        {
            "id": c.pk,
            "note_id": c.note_id,
            "parent_id": c.parent_id,
            "body": c.body,
            "language": c.language,
            "moderation": c.moderation,
            "created_at": _iso(c.created_at),
        }
        for c in Comment.objects.filter(author=user).order_by("pk")
    ]


def _note_ref(user, note) -> dict:
    """Someone's note as far as the person may still see it (visibility is honoured)."""
    from crossnote.notes.policies import can_view_note

    if can_view_note(user, note):
        return {"note_id": note.pk, "title": note.title, "author": note.author.username}
    return {"note_id": note.pk, "title": None, "author": None}


def _likes(user, media: dict) -> dict:
    from crossnote.notes.models import CommentLike, NoteLike

    notes = NoteLike.objects.filter(user=user).select_related("note__author").order_by("pk")
    comments = CommentLike.objects.filter(user=user).order_by("pk")
    return {
        "notes": [{**_note_ref(user, like.note), "at": _iso(like.created_at)} for like in notes],
        "comments": [{"comment_id": c.comment_id, "at": _iso(c.created_at)} for c in comments],
    }


def _boards(user, media: dict) -> list[dict]:
    from crossnote.notes.models import Board

    boards = Board.objects.filter(owner=user).prefetch_related("collects__note__author")
    return [
        {
            "id": board.pk,
            "name": board.name,
            "is_private": board.is_private,
            "created_at": _iso(board.created_at),
            "notes": [
                {**_note_ref(user, c.note), "saved_at": _iso(c.created_at)}
                for c in board.collects.all()
            ],
        }
        for board in boards.order_by("pk")
    ]


def _people(user, media: dict) -> dict:
    from crossnote.social.models import Block, Follow, Mute

    def rows(queryset, field):
        return [
            {"username": getattr(row, field).username, "since": _iso(row.created_at)}
            for row in queryset.select_related(field).order_by("pk")
        ]

    return {
        "following": rows(Follow.objects.filter(follower=user), "followee"),
        "followers": rows(Follow.objects.filter(followee=user), "follower"),
        "blocked": rows(Block.objects.filter(blocker=user), "blocked"),
        "muted": rows(Mute.objects.filter(muter=user), "muted"),
    }


def _notifications(user, media: dict) -> list[dict]:
    from crossnote.social.models import Notification

    rows = Notification.objects.filter(recipient=user).select_related("actor").order_by("pk")
    return [
        {
            "verb": n.verb,
            "actor": n.actor.username if n.actor else None,
            "note_id": n.note_id,
            "comment_id": n.comment_id,
            "created_at": _iso(n.created_at),
            "read_at": _iso(n.read_at),
        }
        for n in rows
    ]


def _translation_reports(user, media: dict) -> list[dict]:
    from crossnote.language.models import TranslationReport

    return [
        {
            "source": r.source,
            "target": r.target,
            "backend": r.backend,
            "original": r.original,
            "translation": r.translation,
            "reason": r.reason,
            "created_at": _iso(r.created_at),
        }
        for r in TranslationReport.objects.filter(reporter=user).order_by("pk")
    ]


def _moderation(user, media: dict) -> dict:
    from crossnote.core import hooks
    from crossnote.moderation.models import Appeal, Decision, Report, Strike, Withholding

    decisions = Decision.objects.filter(author=user).order_by("pk")
    withholdings = Withholding.objects.filter(note__author=user).order_by("pk")
    extra = {}
    for section in hooks.collect(hooks.EXPORT_SECTIONS, user=user):
        extra.update(section)  # e.g. appeals, from the review queue once it registers them
    return {
        "decisions": [
            {
                "kind": d.kind,
                "object_id": d.object_id,
                "action": d.action,
                "category": d.category,
                "automated": d.automated,
                "regions": list(d.regions),
                "statement": d.statement,
                "created_at": _iso(d.created_at),
            }
            for d in decisions
        ],
        "withholdings": [
            {
                "note_id": w.note_id,
                "regions": list(w.regions),
                "legal_basis": w.legal_basis,
                "reference": w.reference,
                "created_at": _iso(w.created_at),
            }
            for w in withholdings
        ],
        "appeals": [
            {
                "decision_id": a.decision_id,
                "text": a.text,
                "status": a.status,
                "reason": a.reason,
                "created_at": _iso(a.created_at),
                "decided_at": _iso(a.decided_at),
            }
            for a in Appeal.objects.filter(author=user).order_by("pk")
        ],
        "reports_filed": [
            {
                "kind": r.kind,
                "object_id": r.object_id,
                "reason": r.reason,
                "text": r.text,
                "status": r.status,
                "created_at": _iso(r.created_at),
            }
            for r in Report.objects.filter(reporter=user).order_by("pk")
        ],
        "strikes": [
            {"created_at": _iso(s.created_at), "expires_at": _iso(s.expires_at), "lifted": s.lifted}
            for s in Strike.objects.filter(user=user).order_by("pk")
        ],
        "other": extra,
    }


def _consents(user, media: dict) -> list[dict]:
    from crossnote.moderation.models import GuidelinesAcknowledgement

    rows = GuidelinesAcknowledgement.objects.filter(user=user).order_by("acknowledged_at")
    return [
        {"document": "community_guidelines", "version": r.version, "at": _iso(r.acknowledged_at)}
        for r in rows
    ]


def _security(user, media: dict) -> dict:
    from crossnote.privacy.models import AccessLog, LoginEvent, OperatorAction

    return {
        "logins": [
            {"at": _iso(e.at), "ip": e.ip, "user_agent": e.user_agent}
            for e in LoginEvent.objects.filter(user=user)
        ],
        "access_log": [
            {"viewer": a.viewer_name, "what": a.what, "where": a.where, "at": _iso(a.at)}
            for a in AccessLog.objects.filter(subject=user)
        ],
        "operator_actions": [
            {"operator": o.operator, "action": o.action, "detail": o.detail, "at": _iso(o.at)}
            for o in OperatorAction.objects.filter(subject=user)
        ],
        "api_tokens": [
            {
                "name": t.name,
                "prefix": t.prefix,
                "created_at": _iso(t.created_at),
                "last_used_at": _iso(t.last_used_at),
            }
            for t in user.api_tokens.all()
        ],
    }


# (key in data.json, how to build it); the export's progress advances one section at a time.
SECTIONS: list[tuple[str, Callable]] = [
    ("profile", _profile),
    ("notes", _notes),
    ("comments", _comments),
    ("likes", _likes),
    ("boards", _boards),
    ("people", _people),
    ("notifications", _notifications),
    ("translation_reports", _translation_reports),
    ("moderation", _moderation),
    ("consents", _consents),
    ("security", _security),
]


def collect_data(user, progress: Callable[[str, int], None] | None = None) -> tuple[dict, dict]:
    """Everything held about `user` as data.json's dict, and {archive path: storage name}."""
    media: dict[str, str] = {}
    data: dict = {
        "format": FORMAT,
        "version": VERSION,
        "generated_at": timezone.now().isoformat(),
    }
    for index, (key, build) in enumerate(SECTIONS):
        if progress:
            progress(key, int(80 * index / len(SECTIONS)))
        data[key] = build(user, media)
    return data, media


def write_archive(user, *, language: str = "en", progress=None) -> str:
    """Build the zip in a temporary file and return its path (the caller stores and removes it)."""
    data, media = collect_data(user, progress)
    handle, path = tempfile.mkstemp(suffix=".zip", prefix="crossnote-export-")
    os.close(handle)
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("data.json", json.dumps(data, ensure_ascii=False, indent=2))
        if progress:
            progress("media", 85)
        for arcname, name in sorted(media.items()):
            if default_storage.exists(name):
                with default_storage.open(name, "rb") as stored:
                    # Images are already compressed: store them as they are.
                    archive.writestr(arcname, stored.read(), compress_type=zipfile.ZIP_STORED)
        if progress:
            progress("index", 95)
        with translation.override(language):
            archive.writestr(
                "index.html", render_to_string("privacy/archive_index.html", {"data": data})
            )
    return path
