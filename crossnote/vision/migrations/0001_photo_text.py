import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("notes", "0006_media_pending"),
    ]

    operations = [
        migrations.CreateModel(
            name="PhotoText",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("pending", "Waiting to be read"),
                            ("done", "Text read"),
                            ("failed", "Could not be read"),
                        ],
                        default="pending",
                        max_length=10,
                    ),
                ),
                ("lines", models.JSONField(blank=True, default=list)),
                ("text", models.TextField(blank=True)),
                ("language", models.CharField(blank=True, max_length=8)),
                ("confidence", models.FloatField(default=0.0)),
                ("engine", models.CharField(blank=True, max_length=40)),
                ("elapsed_ms", models.PositiveIntegerField(default=0)),
                ("error", models.CharField(blank=True, max_length=300)),
                ("read_at", models.DateTimeField(blank=True, null=True)),
                (
                    "image",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="photo_text",
                        to="notes.noteimage",
                    ),
                ),
                (
                    "note",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="photo_texts",
                        to="notes.note",
                    ),
                ),
            ],
            options={
                "verbose_name": "text in a photo",
                "verbose_name_plural": "text in photos",
                "indexes": [
                    models.Index(fields=["note", "status"], name="vision_phot_note_id_11dfad_idx")
                ],
            },
        ),
    ]
