"""Accounts made before data regions get the region of their profile's country."""

from django.conf import settings
from django.db import migrations


def backfill(apps, schema_editor):
    User = apps.get_model("accounts", "User")
    mapping = settings.CROSSNOTE_DATA_REGIONS
    for country, region in mapping.items():
        User.objects.filter(region=country, data_region="global").update(data_region=region)


class Migration(migrations.Migration):
    dependencies = [
        ("privacy", "0001_initial"),
        ("accounts", "0003_user_comment_permission_user_data_region_and_more"),
    ]

    operations = [migrations.RunPython(backfill, migrations.RunPython.noop)]
