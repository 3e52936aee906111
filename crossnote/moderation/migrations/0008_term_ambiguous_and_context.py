"""Terms can be marked ambiguous (a lone match labels at most), and the starter lists catch up
with crossnote/moderation/seed_terms.py: new core abuse (你妈死了, 操你妈 and their spellings,
initials such as sb and nmsl), lure phrases (领取红包, crypto returns), benign-compound
exceptions (去死磕, 智障儿童, 他马的尾巴, "retard the") and the ambiguous marks, contact-sharing
spam phrases included.

Only starter rows are touched: a term an operator added to a list of their own, or a list they
made, is left alone, and a starter term an operator deleted is not put back unless it is new
in this release."""

from django.db import migrations, models

STARTER = "Starter list shipped with Crossnote"
# Terms this release adds to the starter lists; older starter terms an operator deleted stay
# deleted.
NEW_TERMS = {
    "你妈死了", "你全家死了", "操你妈", "我操你妈", "草泥马", "艹你妈", "你妈逼", "妈了个逼", "煞笔",
    "沙比", "傻叉", "傻x", "傻屌", "尼玛", "死妈", "你妈炸了", "狗娘养的", "杂种", "王八蛋", "畜生",
    "贱货", "婊子", "神经病吧你", "sb", "cnm", "nmb", "nmsl", "mlgb", "wcnm", "rnm", "idiot",
    "moron", "you stupid bastard", "stupid bitch", "worthless piece of", "他妈的", "tmd", "卧槽",
    "我靠你妈", "whore", "领取红包", "领红包", "加微信领取", "加我领取", "扫码领取", "返利红包",
    "日赚", "加微信送", "crypto returns", "dm me for investment", "guaranteed crypto",
    "bitcoin investment opportunity", "沙币", "傻缺", "傻哔", "泥马", "你妈没了", "碧池", "滚你妈的",
    "去你妈的", "你麻痹", "去屎吧", "脑瘫", "死胖子", "死猪", "打死你", "等着被打死", "滚出中国",
    "法克鱿", "法克你", "qnmd", "cnmb", "mmp", "nc", "zz", "nt", "fw", "lj", "特么", "特么的",
    "你妈卖批", "妈卖批", "鸡掰", "干你老师",
}  # fmt: skip
# Starter terms this release takes out (innocent in everyday use): removed unless an operator
# has changed them since.
DROPPED_TERMS = {"屌丝"}


def sync(apps, schema_editor):
    from crossnote.moderation.detectors.terms import fold_term
    from crossnote.moderation.seed_terms import starter_entries

    TermList = apps.get_model("moderation", "TermList")
    Term = apps.get_model("moderation", "Term")
    lists = {}
    entries = starter_entries()
    for entry in entries:
        term_list = lists.get(entry.list_name)
        if term_list is None:
            term_list, _created = TermList.objects.get_or_create(
                name=entry.list_name,
                defaults={"category": entry.category, "language": entry.language,
                          "regions": list(entry.regions), "description": STARTER},
            )  # fmt: skip
            lists[entry.list_name] = term_list
        if term_list.description != STARTER:
            continue  # an operator's own list of that name
        starter_rows = Term.objects.filter(term=entry.term, term_list__description=STARTER)
        row = starter_rows.filter(term_list=term_list).first()
        if row is None:
            # A starter term that moved list (王八蛋: profanity → harassment) moves with it.
            row = starter_rows.first()
            if row is not None:
                row.term_list = term_list
            elif entry.term in NEW_TERMS:
                row = Term(term_list=term_list, term=entry.term)
            else:
                continue
        row.exceptions = sorted(set(row.exceptions) | set(entry.exceptions))
        row.ambiguous = entry.ambiguous
        row.save()
    Term.objects.filter(
        term__in=DROPPED_TERMS, term_list__description=STARTER, exceptions=[]
    ).delete()
    # Spellings the folding now reads as a listed word (f*ck is fuck) would match twice.
    folded = {fold_term(entry.term).text for entry in entries}
    listed = {entry.term for entry in entries}
    for row in Term.objects.filter(term_list__description=STARTER).exclude(term__in=listed):
        if not row.exceptions and fold_term(row.term).text in folded:
            row.delete()


class Migration(migrations.Migration):
    dependencies = [("moderation", "0007_message_kind")]

    operations = [
        migrations.AddField(
            model_name="term",
            name="ambiguous",
            field=models.BooleanField(
                default=False,
                help_text="Has innocent readings: a lone match labels at most, never holds",
            ),
        ),
        migrations.RunPython(sync, migrations.RunPython.noop),
    ]
