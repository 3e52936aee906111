"""What a fresh install starts with: default policies, starter term lists, moderator groups.

The migrations load these once; `ensure_defaults()` puts back any that are missing (used by
tests that flush the database, and safe to run on a live instance: it never changes rows)."""

from pathlib import Path

import yaml

POLICIES_FILE = Path(__file__).resolve().parent / "default_policies.yaml"
GROUPS = ["moderator", "senior moderator"]


def ensure_defaults() -> None:
    from django.contrib.auth.models import Group

    from crossnote.moderation.engine import forget_policies
    from crossnote.moderation.models import Policy, Term, TermList
    from crossnote.moderation.pipeline import lists_changed
    from crossnote.moderation.seed_terms import starter_entries

    for name in GROUPS:
        Group.objects.get_or_create(name=name)
    for item in yaml.safe_load(POLICIES_FILE.read_text()):
        Policy.objects.get_or_create(name=item.pop("name"), defaults=item)
    if not Term.objects.exists():
        lists = {}
        for entry in starter_entries():
            if entry.list_name not in lists:
                lists[entry.list_name], _created = TermList.objects.get_or_create(
                    name=entry.list_name,
                    defaults={
                        "category": entry.category,
                        "language": entry.language,
                        "regions": list(entry.regions),
                        "description": "Starter list shipped with Crossnote",
                    },
                )
            Term.objects.get_or_create(
                term_list=lists[entry.list_name],
                term=entry.term,
                defaults={"exceptions": list(entry.exceptions), "ambiguous": entry.ambiguous},
            )
    forget_policies()
    lists_changed()
