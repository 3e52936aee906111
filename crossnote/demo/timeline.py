"""When each demo row "happened": the loader records a moment per row, then moves the rows there.

Rows are made in a minute but should look like two months of use: notes spread over the weeks,
comments and likes after their note, replies after their comment, notifications at the moment of
what caused them (older ones already read). updated_at follows created_at, so nothing looks edited.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from crossnote.notes.models import Board, Collect, Comment, CommentLike, Note, NoteLike
from crossnote.social.models import Follow, Notification

READ_AFTER = timedelta(days=3)  # notifications older than this have been seen
BATCH = 500


@dataclass
class Timeline:
    """Moments keyed the way the rows can be found again."""

    now: datetime
    notes: dict[int, datetime] = field(default_factory=dict)  # note id
    follows: dict[tuple[int, int], datetime] = field(default_factory=dict)  # follower, followee
    likes: dict[tuple[int, int], datetime] = field(default_factory=dict)  # user, note
    collects: dict[tuple[int, int], datetime] = field(default_factory=dict)  # board, note
    comments: dict[int, datetime] = field(default_factory=dict)  # comment id
    comment_likes: dict[tuple[int, int], datetime] = field(default_factory=dict)  # user, comment

    def apply(
        self,
        *,
        user_ids: list[int],
        first_notification: int,
        read_after: Callable[[datetime], datetime],
    ) -> None:
        """Move every row the loader made (notifications: those above `first_notification`)."""
        note_ids = list(self.notes)
        _stamp(Note.objects.filter(pk__in=note_ids), lambda r: self.notes[r.pk])
        _stamp(
            Follow.objects.filter(follower_id__in=user_ids),
            lambda r: self.follows.get((r.follower_id, r.followee_id)),
        )
        _stamp(
            NoteLike.objects.filter(note_id__in=note_ids),
            lambda r: self.likes.get((r.user_id, r.note_id)),
        )
        _stamp(
            Collect.objects.filter(note_id__in=note_ids),
            lambda r: self.collects.get((r.board_id, r.note_id)),
        )
        _stamp(Comment.objects.filter(note_id__in=note_ids), lambda r: self.comments.get(r.pk))
        _stamp(
            CommentLike.objects.filter(comment__note_id__in=note_ids),
            lambda r: self.comment_likes.get((r.user_id, r.comment_id)),
        )
        board_at: dict[int, datetime] = {}
        for (board_id, _note_id), at in self.collects.items():
            board_at[board_id] = min(at, board_at.get(board_id, at))
        _stamp(
            Board.objects.filter(pk__in=list(board_at)),
            lambda r: board_at[r.pk] - timedelta(minutes=1),
        )
        self._apply_to_notifications(first_notification, read_after)

    def _collects_by_person(self) -> dict[tuple[int, int], datetime]:
        owners = dict(
            Board.objects.filter(pk__in={b for b, _n in self.collects}).values_list(
                "pk", "owner_id"
            )
        )
        moments: dict[tuple[int, int], datetime] = {}
        for (board_id, note_id), at in self.collects.items():
            key = (owners[board_id], note_id)
            moments[key] = min(at, moments.get(key, at))
        return moments

    def _apply_to_notifications(self, first: int, read_after) -> None:
        collects = self._collects_by_person()
        verb = Notification.Verb
        moment_of: dict[str, Callable[[Any], datetime | None]] = {
            verb.FOLLOW: lambda r: self.follows.get((r.actor_id, r.recipient_id)),
            verb.LIKE: lambda r: self.likes.get((r.actor_id, r.note_id)),
            verb.COLLECT: lambda r: collects.get((r.actor_id, r.note_id)),
            verb.COMMENT: lambda r: self.comments.get(r.comment_id),
            verb.REPLY: lambda r: self.comments.get(r.comment_id),
            verb.COMMENT_LIKE: lambda r: self.comment_likes.get((r.actor_id, r.comment_id)),
            verb.MENTION: lambda r: (
                self.comments.get(r.comment_id) if r.comment_id else self.notes.get(r.note_id)
            ),
        }
        rows = []
        for row in Notification.objects.filter(pk__gt=first).order_by("pk"):
            at = moment_of[row.verb](row) if row.verb in moment_of else None
            if at is None:
                continue
            row.created_at = row.updated_at = at
            if at < self.now - READ_AFTER:
                row.read_at = read_after(at)
            rows.append(row)
        Notification.objects.bulk_update(
            rows, ["created_at", "updated_at", "read_at"], batch_size=BATCH
        )


def _stamp(rows, moment) -> None:
    """Set created_at and updated_at of each row to moment(row), where it has one."""
    changed = []
    for row in rows.order_by("pk"):
        at = moment(row)
        if at is not None:
            row.created_at = row.updated_at = at
            changed.append(row)
    rows.model.objects.bulk_update(changed, ["created_at", "updated_at"], batch_size=BATCH)
