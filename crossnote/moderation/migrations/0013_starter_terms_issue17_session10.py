"""The starter lists catch up with crossnote/moderation/seed_terms.py (issue 17, session 10):
internet and dialect insults in zh-harassment (伞兵, 憨批, 撒比, 二逼, 狗逼, 马勒戈壁, 妈了个巴子,
日你先人, 日你仙人板板, 滚犊子, 绿茶婊, 心机婊, 圣母婊). Only starter lists get them; an
operator's own list of that name, and their own terms, are left alone."""

from django.db import migrations

STARTER = "Starter list shipped with Crossnote"
NEW_TERMS = {
    "伞兵", "憨批", "撒比", "二逼", "狗逼", "马勒戈壁", "妈了个巴子", "日你先人", "日你仙人板板",
    "滚犊子", "绿茶婊", "心机婊", "圣母婊",
}  # fmt: skip


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
    dependencies = [("moderation", "0012_starter_terms_issue17_session9")]

    operations = [migrations.RunPython(add_terms, remove_terms)]
