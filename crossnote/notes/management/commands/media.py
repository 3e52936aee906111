"""`crossnote media reprocess [--note N | --all]`: make video notes' renditions and posters again
(after a change of renditions or encoder settings), and finish any still waiting."""

from django.core.management.base import BaseCommand, CommandError

from crossnote.core.errors import DomainError
from crossnote.notes.models import Note, NoteVideo, VideoState
from crossnote.notes.services import finish_note_media, reprocess_video


class Command(BaseCommand):
    help = "Media of notes: reprocess videos (renditions and poster frames)."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        again = sub.add_parser("reprocess", help="make video renditions and posters again")
        which = again.add_mutually_exclusive_group(required=True)
        which.add_argument("--note", type=int, help="one note, by id")
        which.add_argument("--all", action="store_true", help="every video note")

    def handle(self, *args, action, note=None, all=False, **options):  # noqa: A002 - the flag
        videos = NoteVideo.objects.select_related("note").order_by("note_id")
        if note is not None:
            if not Note.objects.filter(pk=note).exists():
                raise CommandError(f"No note {note}.")
            videos = videos.filter(note_id=note)
            if not videos.exists():
                raise CommandError(f"Note {note} has no video.")
        done = failed = 0
        for video in videos.iterator():
            try:
                if video.state == VideoState.READY:
                    ok = reprocess_video(note=video.note)
                elif video.state == VideoState.PROCESSING:
                    ok = finish_note_media(note_id=video.note_id)
                else:
                    ok = False
            except DomainError as exc:
                self.stderr.write(f"note {video.note_id}: {exc.message}")
                ok = False
            done += ok
            failed += not ok
            self.stdout.write(f"note {video.note_id}: {'done' if ok else 'not done'}")
        self.stdout.write(f"{done} reprocessed, {failed} not.")
        if failed and note is not None:
            raise CommandError(f"Note {note} could not be reprocessed.")
