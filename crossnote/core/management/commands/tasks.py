"""Operator commands for background work: dead letters, running them again, periodic jobs."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = (
        "Background work: failed tasks (dead letters), run them again, list or run periodic jobs."
    )

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        failed = sub.add_parser("failed", help="tasks that kept failing after all their retries")
        failed.add_argument("--task", help="only this task name")
        retry = sub.add_parser("retry", help="queue failed tasks again (and forget their rows)")
        retry.add_argument("ids", nargs="*", type=int, help="dead-letter ids (see `failed`)")
        retry.add_argument("--all", action="store_true", help="every failed task")
        sub.add_parser("periodic", help="the periodic jobs, their schedule and last run here")
        run = sub.add_parser("run", help="run one periodic job now, in this process")
        run.add_argument("name", help="its name in CELERY_BEAT_SCHEDULE (see `periodic`)")

    def handle(self, *args, **options):
        getattr(self, f"_{options['action']}")(options)

    def _failed(self, options):
        from crossnote.core.models import FailedTask

        rows = FailedTask.objects.all()
        if options["task"]:
            rows = rows.filter(task_name=options["task"])
        for row in rows:
            self.stdout.write(
                f"{row.pk:>5}  {row.task_name}{tuple(row.args)!r}  tries {row.attempts}, "
                f"failed {row.failures}x, last {row.last_failed_at:%Y-%m-%d %H:%M} UTC\n"
                f"       {row.exception.splitlines()[0] if row.exception else ''}"
            )
        if not rows.exists():
            self.stdout.write("no failed tasks")

    def _retry(self, options):
        from crossnote.core.models import FailedTask
        from crossnote.core.tasks import retry_failed

        if not options["ids"] and not options["all"]:
            raise CommandError("give dead-letter ids or --all")
        rows = FailedTask.objects.all()
        if not options["all"]:
            rows = rows.filter(pk__in=options["ids"])
            missing = set(options["ids"]) - set(rows.values_list("pk", flat=True))
            if missing:
                raise CommandError(f"no failed task {', '.join(map(str, sorted(missing)))}")
        queued = [row.pk for row in rows if retry_failed(row)]
        self.stdout.write(f"{len(queued)} queued again")

    def _periodic(self, options):
        from crossnote.core import scheduler

        for name, entry in settings.CELERY_BEAT_SCHEDULE.items():
            last = scheduler.last_run(name)
            when = scheduler.describe(entry)
            self.stdout.write(
                f"{name:<24} {entry['task']:<48} {when:<20} last run here: "
                f"{f'{last:%Y-%m-%d %H:%M:%S} UTC' if last else 'never'}"
            )

    def _run(self, options):
        from crossnote.core import scheduler
        from crossnote.core.tasks import run_now, task_named

        entry = settings.CELERY_BEAT_SCHEDULE.get(options["name"])
        if entry is None:
            names = ", ".join(settings.CELERY_BEAT_SCHEDULE)
            raise CommandError(f"no periodic job {options['name']!r} (there are: {names})")
        task = task_named(entry["task"])
        if task is None:
            raise CommandError(f"{options['name']}: no task {entry['task']!r} is registered")
        if not run_now(task, *entry.get("args", ()), **entry.get("kwargs", {})):
            raise CommandError(f"{options['name']} failed (see `crossnote tasks failed`)")
        scheduler.record_run(options["name"])  # next due a period from now, as if scheduled
        self.stdout.write(f"{options['name']}: done")
