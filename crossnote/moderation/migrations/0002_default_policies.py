"""Load the default policy set (crossnote/moderation/default_policies.yaml)."""

from pathlib import Path

import yaml
from django.db import migrations

POLICIES = Path(__file__).resolve().parent.parent / "default_policies.yaml"


def load(apps, schema_editor):
    Policy = apps.get_model("moderation", "Policy")
    for item in yaml.safe_load(POLICIES.read_text()):
        name = item.pop("name")
        Policy.objects.get_or_create(name=name, defaults=item)


def unload(apps, schema_editor):
    names = [item["name"] for item in yaml.safe_load(POLICIES.read_text())]
    apps.get_model("moderation", "Policy").objects.filter(name__in=names).delete()


class Migration(migrations.Migration):
    dependencies = [("moderation", "0001_initial")]
    operations = [migrations.RunPython(load, unload)]
