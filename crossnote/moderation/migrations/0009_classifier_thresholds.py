"""The classifier policies act at the model's own per-language thresholds (chosen on validation
data and stored with the model; see crossnote/moderation/default_policies.yaml): the label row's
fixed 0.9 becomes 0 ("at the model's threshold"), and a hold row acts where the model found a
threshold with precision ≥ 0.95. A label row an operator changed is left as they set it."""

from django.db import migrations

LABEL = "Likely offensive (classifier)"
HOLD = "Very likely offensive (classifier)"
OLD_MIN_SCORE = 0.9


def forwards(apps, schema_editor):
    Policy = apps.get_model("moderation", "Policy")
    Policy.objects.filter(
        name=LABEL, layer="classifier", action="label", min_score=OLD_MIN_SCORE
    ).update(min_score=0.0)
    Policy.objects.get_or_create(
        name=HOLD,
        defaults={
            "category": "profanity",
            "layer": "classifier",
            "min_score": 0.0,
            "action": "hold",
            "guideline": "respect",
        },
    )


def backwards(apps, schema_editor):
    Policy = apps.get_model("moderation", "Policy")
    Policy.objects.filter(name=LABEL, layer="classifier", min_score=0.0).update(
        min_score=OLD_MIN_SCORE
    )
    Policy.objects.filter(name=HOLD, layer="classifier").delete()


class Migration(migrations.Migration):
    dependencies = [("moderation", "0008_term_ambiguous_and_context")]
    operations = [migrations.RunPython(forwards, backwards)]
