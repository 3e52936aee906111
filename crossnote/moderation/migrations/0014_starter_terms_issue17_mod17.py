"""The starter lists catch up with crossnote/moderation/seed_terms.py (issue 17, helper "mod17"):
the Cantonese 八婆 and the slur 支那 (ambiguous: history quotes it) in zh-harassment, 操蛋 in
zh-profanity, "ching chong" and "foad" in en-harassment. Only starter lists get them; an
operator's own list of that name, and their own terms, are left alone."""

from functools import partial

from django.db import migrations

from crossnote.moderation.seed_terms import add_starter_terms, remove_starter_terms

NEW_TERMS = {"八婆", "死八婆", "支那", "支那猪", "操蛋", "ching chong", "foad"}


class Migration(migrations.Migration):
    dependencies = [("moderation", "0013_starter_terms_issue17_session10")]

    operations = [
        migrations.RunPython(
            partial(add_starter_terms, terms=NEW_TERMS),
            partial(remove_starter_terms, terms=NEW_TERMS),
        )
    ]
