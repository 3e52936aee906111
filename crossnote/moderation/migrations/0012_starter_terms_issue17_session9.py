"""The starter lists catch up with crossnote/moderation/seed_terms.py (issue 17, session 9):
狗日的, 傻閪 and 傻嗨 in zh-harassment. Only starter lists get them; an operator's own list of
that name, and their own terms, are left alone."""

from functools import partial

from django.db import migrations

from crossnote.moderation.seed_terms import add_starter_terms, remove_starter_terms

NEW_TERMS = {"狗日的", "傻閪", "傻嗨"}


class Migration(migrations.Migration):
    dependencies = [("moderation", "0011_starter_terms_issue17")]

    operations = [
        migrations.RunPython(
            partial(add_starter_terms, terms=NEW_TERMS),
            partial(remove_starter_terms, terms=NEW_TERMS),
        )
    ]
