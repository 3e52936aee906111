"""The starter lists catch up with crossnote/moderation/seed_terms.py (issue 17, helper "mod17"):
the Cantonese 八婆 and the slur 支那 (ambiguous: history quotes it) in zh-harassment, 操蛋 in
zh-profanity, "ching chong" and "foad" in en-harassment. Only starter lists get them; an
operator's own list of that name, and their own terms, are left alone."""

from django.db import migrations

STARTER = "Starter list shipped with Crossnote"
NEW_TERMS = {"八婆", "死八婆", "支那", "支那猪", "操蛋", "ching chong", "foad"}


def add_terms(apps, schema_editor):
    from crossnote.moderation.seed_terms import starter_entries

    TermList = apps.get_model("moderation", "TermList")
    Term = apps.get_model("moderation", "Term")
    for entry in starter_entries():
        if entry.term not in NEW_TERMS:
            continue
        term_list = TermList.objects.filter(name=entry.list_name, description=STARTER).first()
        if term_list is None:
            continue  # no starter list of that name here: the operator's lists are theirs
        Term.objects.get_or_create(
            term_list=term_list,
            term=entry.term,
            defaults={"exceptions": list(entry.exceptions), "ambiguous": entry.ambiguous},
        )


def remove_terms(apps, schema_editor):
    Term = apps.get_model("moderation", "Term")
    Term.objects.filter(term__in=NEW_TERMS, term_list__description=STARTER).delete()


class Migration(migrations.Migration):
    dependencies = [("moderation", "0013_starter_terms_issue17_session10")]

    operations = [migrations.RunPython(add_terms, remove_terms)]
