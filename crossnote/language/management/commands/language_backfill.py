"""Detect the language of notes, comments, bios, display names and board names written before
detection existed (or, with --all, again after the detector changed)."""

from django.core.management.base import BaseCommand
from django.db.models import Q

from crossnote.accounts.models import User
from crossnote.language.detection import detection_fields, language_of, profile_language_fields
from crossnote.notes.models import Board, Comment, Note, default_board_names

TAGGED = ["language", "language_confidence", "language_parts"]
PROFILE = [
    "bio_language",
    "bio_language_confidence",
    "display_name_language",
    "display_name_language_confidence",
]
BOARD = ["name_language", "name_language_confidence"]


def _note_fields(note) -> dict:
    return detection_fields(f"{note.title}\n{note.body}")


def _comment_fields(comment) -> dict:
    return detection_fields(comment.body)


def _board_fields(board) -> dict:
    code, confidence = language_of(board.name)
    return {"name_language": code, "name_language_confidence": confidence}


class Command(BaseCommand):
    help = (
        "Detect and store the language of every note, comment, bio, display name and board "
        "name that has none yet."
    )

    def add_arguments(self, parser):
        parser.add_argument("--all", action="store_true", help="redo rows that already have one")
        parser.add_argument("--batch", type=int, default=500)

    def handle(self, *args, **options):
        redo = options["all"]
        notes = Note.objects.all() if redo else Note.objects.filter(language="")
        comments = Comment.objects.all() if redo else Comment.objects.filter(language="")
        # A person needs detecting when a bio or display name is there without its language.
        people = User.objects.exclude(bio="", display_name="")
        if not redo:
            people = people.filter(
                (~Q(bio="") & Q(bio_language=""))
                | (~Q(display_name="") & Q(display_name_language=""))
            )
        # The default board is shown in each reader's language: nothing to detect.
        boards = Board.objects.exclude(name__in=default_board_names())
        if not redo:
            boards = boards.filter(name_language="")
        jobs = [
            (notes, _note_fields, TAGGED, "notes"),
            (comments, _comment_fields, TAGGED, "comments"),
            (people, profile_language_fields, PROFILE, "bios and display names"),
            (boards, _board_fields, BOARD, "board names"),
        ]
        for rows, fields_of, fields, label in jobs:
            self._run(rows, fields_of, fields, label, options["batch"])

    def _run(self, rows, fields_of, fields, label, batch_size):
        model = rows.model
        total = rows.count()
        done = 0
        batch = []
        for row in rows.order_by("pk").iterator(chunk_size=batch_size):
            for field, value in fields_of(row).items():
                setattr(row, field, value)
            batch.append(row)
            if len(batch) >= batch_size:
                done += self._flush(model, batch, fields)
                self.stdout.write(f"{label}: {done}/{total}")
        done += self._flush(model, batch, fields)
        self.stdout.write(f"{label}: {done}/{total} detected")

    @staticmethod
    def _flush(model, batch, fields) -> int:
        if batch:
            model.objects.bulk_update(batch, fields)
        count = len(batch)
        batch.clear()
        return count
