"""Topics for operators: one subject under its Chinese and English names (#猫 and #cats).

`link` makes one topic another name of another's subject, `unlink` takes it out again,
`suggestions` lists the links the sentence encoder proposed without the dictionary's word (for a
person to confirm), and `suggest` looks for links among existing topics (as creation does).
"""

from django.core.management.base import BaseCommand, CommandError

from crossnote.core.errors import DomainError
from crossnote.notes import selectors, services
from crossnote.notes.models import Topic
from crossnote.search import topic_links


def _topic(name: str) -> Topic:
    clean = name.strip().lstrip("#").casefold()
    topic = Topic.objects.filter(name=clean).first()
    if topic is None:
        raise CommandError(f"no topic #{clean}")
    return topic


class Command(BaseCommand):
    help = "Topics: link a topic's names across languages, unlink, list and make suggestions."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        link = sub.add_parser("link", help="make TOPIC another name of OTHER's subject")
        link.add_argument("topic")
        link.add_argument("other")
        unlink = sub.add_parser("unlink", help="take TOPIC out of its subject's names")
        unlink.add_argument("topic")
        show = sub.add_parser("show", help="the names of TOPIC's subject")
        show.add_argument("topic")
        sub.add_parser("suggestions", help="links waiting for a person, the likeliest first")
        suggest = sub.add_parser(
            "suggest",
            help=(
                "look for each unlinked topic's name in the other language: link when the "
                "dictionary and the encoder agree, suggest when only the encoder does"
            ),
        )
        suggest.add_argument(
            "--dry-run", action="store_true", help="print what would be done, change nothing"
        )

    def handle(self, *args, action, **options):
        try:
            getattr(self, f"_{action}")(**options)
        except DomainError as exc:
            raise CommandError(exc.message) from exc

    def _names(self, topic: Topic) -> str:
        return " ".join(f"#{t.name}" for t in selectors.topic_group(topic.name))

    def _link(self, *, topic, other, **_options):
        root = services.link_topics(topic=_topic(topic), to=_topic(other))
        self.stdout.write(f"linked: {self._names(root)}")

    def _unlink(self, *, topic, **_options):
        found = _topic(topic)
        services.unlink_topic(topic=found)
        self.stdout.write(f"#{found.name} stands alone")

    def _show(self, *, topic, **_options):
        self.stdout.write(self._names(_topic(topic)))

    def _suggestions(self, **_options):
        waiting = topic_links.suggestions()
        for topic in waiting:
            self.stdout.write(
                f"#{topic.name} → #{topic.suggested_link.name}  ({topic.suggested_score:.2f})"
                f"   crossnote topics link {topic.name} {topic.suggested_link.name}"
            )
        if not waiting:
            self.stdout.write("no suggestions waiting")

    def _suggest(self, *, dry_run=False, **_options):
        linked = suggested = 0
        # The most used first: a popular topic becomes the canonical name of its subject.
        for topic in Topic.objects.filter(canonical__isnull=True).order_by("-note_count", "pk"):
            topic.refresh_from_db()
            if topic.canonical_id or Topic.objects.filter(canonical=topic).exists():
                continue
            match = topic_links.find_counterpart(topic)
            if match is None or (not match.links and match.topic.suggested_link_id == topic.pk):
                continue  # nothing, or the same pair already suggested the other way round
            verb = "link" if match.links else "suggest"
            self.stdout.write(
                f"{verb}: #{topic.name} → #{match.topic.name} ({match.similarity:.2f}"
                f"{', dictionary' if match.dictionary else ''})"
            )
            if dry_run:
                continue
            if match.links:
                services.link_topics(topic=match.topic, to=topic)
                linked += 1
            else:
                services.suggest_topic_link(topic=topic, to=match.topic, score=match.similarity)
                suggested += 1
        self.stdout.write(f"{linked} linked, {suggested} suggested")
