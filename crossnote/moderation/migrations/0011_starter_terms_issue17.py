"""The starter lists catch up with crossnote/moderation/seed_terms.py (issue 17): 全家都是狗 in
zh-harassment, "you virus", "chinese virus" and "kung flu" in en-harassment. Only starter lists
get them; an operator's own list of that name, and their own terms, are left alone."""

from functools import partial

from django.db import migrations

from crossnote.moderation.seed_terms import add_starter_terms, remove_starter_terms

NEW_TERMS = {"全家都是狗", "you virus", "chinese virus", "kung flu"}


class Migration(migrations.Migration):
    dependencies = [("moderation", "0010_review_item_content_index")]

    operations = [
        migrations.RunPython(
            partial(add_starter_terms, terms=NEW_TERMS),
            partial(remove_starter_terms, terms=NEW_TERMS),
        )
    ]
