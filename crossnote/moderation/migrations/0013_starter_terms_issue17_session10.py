"""The starter lists catch up with crossnote/moderation/seed_terms.py (issue 17, session 10):
internet and dialect insults in zh-harassment (伞兵, 憨批, 撒比, 二逼, 狗逼, 马勒戈壁, 妈了个巴子,
日你先人, 日你仙人板板, 滚犊子, 绿茶婊, 心机婊, 圣母婊). Only starter lists get them; an
operator's own list of that name, and their own terms, are left alone."""

from functools import partial

from django.db import migrations

from crossnote.moderation.seed_terms import add_starter_terms, remove_starter_terms

NEW_TERMS = {
    "伞兵", "憨批", "撒比", "二逼", "狗逼", "马勒戈壁", "妈了个巴子", "日你先人", "日你仙人板板",
    "滚犊子", "绿茶婊", "心机婊", "圣母婊",
}  # fmt: skip


class Migration(migrations.Migration):
    dependencies = [("moderation", "0012_starter_terms_issue17_session9")]

    operations = [
        migrations.RunPython(
            partial(add_starter_terms, terms=NEW_TERMS),
            partial(remove_starter_terms, terms=NEW_TERMS),
        )
    ]
