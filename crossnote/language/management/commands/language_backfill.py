"""Detect the language of notes, comments and bios written before detection existed."""

from django.core.management.base import BaseCommand

from crossnote.accounts.models import User
from crossnote.language.detection import detection_fields
from crossnote.notes.models import Comment, Note


class Command(BaseCommand):
    help = "Detect and store the language of every note, comment and bio that has none yet."

    def add_arguments(self, parser):
        parser.add_argument("--all", action="store_true", help="redo rows that already have one")
        parser.add_argument("--batch", type=int, default=500)

    def handle(self, *args, **options):
        jobs = [
            (
                Note,
                lambda n: f"{n.title}\n{n.body}",
                ["language", "language_confidence", "language_parts"],
            ),
            (Comment, lambda c: c.body, ["language", "language_confidence", "language_parts"]),
        ]
        for model, text_of, fields in jobs:
            rows = model.objects.all() if options["all"] else model.objects.filter(language="")
            self._run(model, rows, text_of, fields, options["batch"])
        users = User.objects.exclude(bio="")
        if not options["all"]:
            users = users.filter(bio_language="")
        done = 0
        for user in users.iterator(chunk_size=options["batch"]):
            user.bio_language = detection_fields(user.bio)["language"]
            user.save(update_fields=["bio_language"])
            done += 1
        self.stdout.write(f"bios: {done} detected")

    def _run(self, model, rows, text_of, fields, batch_size):
        total = rows.count()
        name = model._meta.verbose_name_plural
        done = 0
        batch = []
        for row in rows.iterator(chunk_size=batch_size):
            for field, value in detection_fields(text_of(row)).items():
                setattr(row, field, value)
            batch.append(row)
            if len(batch) >= batch_size:
                done += self._flush(model, batch, fields)
                self.stdout.write(f"{name}: {done}/{total}")
        done += self._flush(model, batch, fields)
        self.stdout.write(f"{name}: {done}/{total} detected")

    @staticmethod
    def _flush(model, batch, fields) -> int:
        model.objects.bulk_update(batch, fields)
        count = len(batch)
        batch.clear()
        return count
