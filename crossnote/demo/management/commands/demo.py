"""`manage.py demo`: load the bilingual demo community (made on the spot, no downloads)."""

from django.core.management.base import BaseCommand, CommandError

from crossnote.core import tasks
from crossnote.core.errors import DomainError
from crossnote.demo.services import DEMO_PASSWORD, load_demo
from crossnote.insights.simulation import simulate_influx
from crossnote.notes.models import Note
from crossnote.vision import tasks as vision_tasks


class Command(BaseCommand):
    help = "Load a demo community of Chinese- and English-speaking people, notes and comments."

    def add_arguments(self, parser):
        parser.add_argument("--users", type=int, default=60, help="how many people (60)")
        parser.add_argument("--notes", type=int, default=320, help="how many notes (320)")
        parser.add_argument("--seed", type=int, default=2025, help="random seed (2025)")
        parser.add_argument(
            "--scale",
            type=int,
            default=0,
            help="instead: a synthetic world of N people and 20×N notes (crossnote.demo.world)",
        )
        parser.add_argument(
            "--influx",
            action="store_true",
            help="then replay a wave of newcomers over 12 simulated weeks (crossnote.insights)",
        )
        parser.add_argument(
            "--if-empty",
            action="store_true",
            dest="if_empty",
            help="do nothing when the database already has notes",
        )

    def handle(self, *args, users=60, notes=320, seed=2025, if_empty=False, **options):
        if options.get("scale"):
            return self._world(options["scale"], seed, if_empty)
        if users is None or users < 2:
            raise CommandError(f"--users must be at least 2 (got {users}).")
        if notes is None or notes < 1:
            raise CommandError(f"--notes must be at least 1 (got {notes}).")
        # The text in the demo's photos is read by `crossnote serve`'s background process once
        # it runs (three quarters of the demo's time went into it, before the first page).
        handed_on = (vision_tasks.read_note_photos, vision_tasks.read_video_frames)
        try:
            with tasks.spooled(*handed_on):
                counts = load_demo(
                    users=users, notes=notes, seed=seed, if_empty=if_empty, stdout=self.stdout
                )
        except DomainError as exc:
            raise CommandError(exc.message) from exc
        if counts.get("skipped"):
            self.stdout.write("The database already has notes; demo not loaded (--if-empty).")
            return
        summary = ", ".join(
            f"{key.replace('_', ' ')} {counts[key]}"
            for key in (
                "users",
                "notes",
                "images",
                "topics",
                "follows",
                "likes",
                "collects",
                "boards",
                "comments",
                "replies",
                "comment_likes",
                "notifications",
            )
        )
        self.stdout.write(self.style.SUCCESS(f"Demo loaded in {counts['seconds']} s: {summary}."))
        self.stdout.write(f"Every demo account's password is “{DEMO_PASSWORD}”.")
        if tasks.uses_broker():
            self.stdout.write("The text in its photos is read by the workers (crossnote worker).")
        else:
            self.stdout.write(
                "The text in its photos is read in the background once the server runs "
                "(crossnote serve)."
            )
        if options.get("influx"):
            self._influx(seed)

    def _influx(self, seed):
        """The newcomer wave for the insights pages (crossnote.insights.simulation)."""

        counts = simulate_influx(seed=seed, stdout=self.stdout)
        summary = ", ".join(f"{key} {n}" for key, n in counts.items() if key != "seconds")
        self.stdout.write(
            self.style.SUCCESS(f"Influx replayed in {counts['seconds']} s: {summary}.")
        )

    def _world(self, scale, seed, if_empty):
        from crossnote.demo.world import build_world

        if if_empty and Note.objects.exists():
            self.stdout.write("The database already has notes; world not built (--if-empty).")
            return
        try:
            world = build_world(users=scale, seed=seed, stdout=self.stdout)
        except DomainError as exc:
            raise CommandError(exc.message) from exc
        summary = ", ".join(f"{key.replace('_', ' ')} {n:,}" for key, n in world.counts.items())
        self.stdout.write(
            self.style.SUCCESS(f"World built in {world.seconds['total']} s: {summary}.")
        )
        self.stdout.write("Search index: run `crossnote search reindex` to build it.")
