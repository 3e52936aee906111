"""Seed the slang glossary with internet slang both communities met in January 2025."""

from django.db import migrations

SLANG = {
    "yyds": {"en": "GOAT (the greatest of all time)", "zh": "永远的神"},
    "绝绝子": {"en": "absolutely amazing", "zh": "绝绝子"},
    "cat tax": {"en": "cat tax (a cat photo as payment)", "zh": "猫税（晒猫照当“交税”）"},
    "种草": {"en": "got me wanting to buy it", "zh": "种草"},
    "拔草": {"en": "finally bought it / got over wanting it", "zh": "拔草"},
    "破防": {"en": "that hit me hard", "zh": "破防"},
    "躺平": {"en": "lying flat (opting out of the rat race)", "zh": "躺平"},
    "内卷": {"en": "rat race (involution)", "zh": "内卷"},
    "打卡": {"en": "checked in (visited the hot spot)", "zh": "打卡"},
    "宝子": {"en": "babe (friendly address)", "zh": "宝子"},
    "集美": {"en": "sisters (friendly address)", "zh": "集美"},
    "emo": {"en": "feeling down", "zh": "emo（情绪低落）"},
    "no cap": {"en": "no lie", "zh": "不骗你"},
    "slay": {"en": "nailed it", "zh": "太绝了"},
    "TikTok refugee": {"en": "TikTok refugee", "zh": "TikTok难民"},
}


def seed(apps, schema_editor):
    SlangTerm = apps.get_model("language", "SlangTerm")
    for term, meanings in SLANG.items():
        SlangTerm.objects.get_or_create(term=term, defaults={"meanings": meanings})


def unseed(apps, schema_editor):
    apps.get_model("language", "SlangTerm").objects.filter(term__in=list(SLANG)).delete()


class Migration(migrations.Migration):
    dependencies = [("language", "0001_initial")]
    operations = [migrations.RunPython(seed, unseed)]
