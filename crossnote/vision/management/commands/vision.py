"""Operator commands for the text in photos: print what was read in a note's photos, read a
photo file, and read old notes' photos again."""

import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from crossnote.core.tasks import for_command_line


class Command(BaseCommand):
    help = (
        "Text in photos and video frames (OCR): read NOTE_ID, read-file PATH, "
        "reprocess [--all|--missing|--note N]."
    )

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        read = sub.add_parser(
            "read", help="print the text read in a note's photos (or video frames), line by line"
        )
        read.add_argument("note_id", type=int)
        read.add_argument(
            "--json", dest="as_json", action="store_true", help="lines with boxes, as JSON"
        )
        read.add_argument("--again", action="store_true", help="read the photos again first")
        file = sub.add_parser("read-file", help="read the text in an image file (nothing stored)")
        file.add_argument("path")
        again = sub.add_parser(
            "reprocess",
            help="read notes' photos and video frames (again): old notes, or after an engine update",
        )
        which = again.add_mutually_exclusive_group(required=True)
        which.add_argument(
            "--all", dest="every", action="store_true", help="every note whose photos are ready"
        )
        which.add_argument("--missing", action="store_true", help="only photos never read")
        which.add_argument("--note", type=int, action="append", metavar="N", help="one note")

    def handle(self, *args, action, **options):
        for_command_line()
        getattr(self, "_" + action.replace("-", "_"))(**options)

    def _read(self, *, note_id, as_json: bool = False, again: bool = False, **_options):
        from crossnote.notes.models import Note
        from crossnote.vision import selectors, services

        note = Note.objects.filter(pk=note_id).first()
        if note is None:
            raise CommandError(f"no note {note_id}")
        if again:
            services.read_note_photos(note_id=note.pk)
            if note.video_duration:
                from crossnote.vision.video import read_video

                read_video(note_id=note.pk)
        found = selectors.photo_texts(note)
        frames = selectors.video_frames(note)
        if as_json:
            self._print_json(found, frames)
            return
        for image in note.images.all():
            row = found.get(image.position)
            status = row.status if row else "not read"
            language = f", {row.language}" if row and row.language else ""
            self.stdout.write(f"photo {image.position + 1} ({status}{language})")
            for line in row.lines if row else []:
                self.stdout.write(f"  {line['text']}  [{line['confidence']:.2f}]")
        for frame in frames:
            minutes, seconds = divmod(int(frame.at), 60)
            extra = f", {frame.language}" if frame.language else ""
            if frame.same_as is not None:
                extra += f", as {int(frame.same_as) // 60}:{int(frame.same_as) % 60:02d}"
            self.stdout.write(f"frame {minutes}:{seconds:02d} ({frame.status}{extra})")
            for line in frame.lines:
                self.stdout.write(f"  {line['text']}  [{line['confidence']:.2f}]")

    def _print_json(self, found, frames=()):
        out: dict = {
            position: {"status": row.status, "language": row.language, "lines": row.lines}
            for position, row in sorted(found.items())
        }
        if frames:
            out["video_frames"] = [
                {
                    "at": frame.at,
                    "status": frame.status,
                    "same_as": frame.same_as,
                    "language": frame.language,
                    "lines": frame.lines,
                }
                for frame in frames
            ]
        self.stdout.write(json.dumps(out, ensure_ascii=False, indent=2))

    def _read_file(self, *, path, **_options):
        from crossnote.vision import ocr

        try:
            reading = ocr.read_text(Path(path).read_bytes())
        except (OSError, ocr.OcrFailed) as exc:
            raise CommandError(f"could not read {path}: {exc}") from exc
        for line in reading.lines:
            self.stdout.write(f"{line.text}  [{line.confidence:.2f}]")
        self.stderr.write(f"{len(reading.lines)} lines in {reading.elapsed_ms} ms")

    def _reprocess(self, *, every=False, missing=False, note=None, **_options):
        from crossnote.vision import services

        def progress(done):
            if done % 20 == 0:
                sys.stderr.write(f"\r{done} photos read")

        count = services.reprocess(
            note_ids=note if note else None, only_missing=missing, progress=progress
        )
        self.stdout.write(f"read {count} photos")
