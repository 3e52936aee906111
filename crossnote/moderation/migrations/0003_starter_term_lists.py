"""Load the starter term lists (crossnote/moderation/seed_terms.py: glin-profanity's English and
Chinese words, MIT, plus hand-made scam, spam and harassment phrases). Operators edit them in
the admin."""

from django.db import migrations


def load(apps, schema_editor):
    from crossnote.moderation.seed_terms import starter_entries

    TermList = apps.get_model("moderation", "TermList")
    Term = apps.get_model("moderation", "Term")
    lists = {}
    for entry in starter_entries():
        if entry.list_name not in lists:
            lists[entry.list_name], _created = TermList.objects.get_or_create(
                name=entry.list_name,
                defaults={"category": entry.category, "language": entry.language,
                          "regions": list(entry.regions),
                          "description": "Starter list shipped with Crossnote"},
            )
        Term.objects.get_or_create(
            term_list=lists[entry.list_name], term=entry.term,
            defaults={"exceptions": list(entry.exceptions)},
        )


def unload(apps, schema_editor):
    apps.get_model("moderation", "TermList").objects.filter(
        description="Starter list shipped with Crossnote"
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("moderation", "0002_default_policies")]
    operations = [migrations.RunPython(load, unload)]
