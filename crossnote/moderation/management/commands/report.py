"""Report as a reader from the command line: see what a report would be about, then send it
(`crossnote manage report subject note 12 --as lin`, `... send note 12 --as lin --reason spam`)."""

import json

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from crossnote.core.errors import DomainError
from crossnote.moderation import presenters, selectors, services
from crossnote.moderation.categories import BUILT_IN


class Command(BaseCommand):
    help = "Report a note, comment or profile as a reader: show what is reported, or send it."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["subject", "send"])
        parser.add_argument("kind", help=", ".join(selectors.REPORTABLE_KINDS))
        parser.add_argument("object_id", type=int)
        parser.add_argument("--as", dest="reporter", required=True, help="the reader's username")
        parser.add_argument("--reason", default="", help=", ".join(BUILT_IN))
        parser.add_argument("--text", default="", help="anything else the moderators should know")
        parser.add_argument("--json", action="store_true", help="the API's ReportSubjectOut")

    def handle(self, *args, **options):
        reporter = get_user_model().objects.filter(username=options["reporter"]).first()
        if reporter is None:
            raise CommandError(f"No one is called @{options['reporter']}.")
        try:
            obj = selectors.reportable(reporter, options["kind"], options["object_id"])
            subject = presenters.report_subject(obj, options["kind"])
            if options["action"] == "send":
                report = services.report_content(
                    reporter=reporter,
                    kind=options["kind"],
                    object_id=options["object_id"],
                    reason=options["reason"],
                    text=options["text"],
                )
        except DomainError as exc:
            raise CommandError(exc.message) from exc
        if options["json"]:
            self.stdout.write(json.dumps(subject, ensure_ascii=False, indent=2))
        else:
            lines = [
                f"{subject['kind']} {subject['object_id']} by {subject['author_name']} "
                f"(@{subject['author_username']}) — {subject['url']}"
            ]
            if subject["under_note"]:
                lines.append(f"under: {subject['under_note']}")
            if subject["title"]:
                lines.append(f"title: {subject['title']}")
            if subject["content_warning"]:
                lines.append("(behind a content warning)")
            elif subject["snippet"]:
                lines.append(f"text: {subject['snippet']}")
            self.stdout.write("\n".join(lines))
        if options["action"] == "send":
            self.stdout.write(f"report {report.pk} sent ({report.reason}), status {report.status}")
