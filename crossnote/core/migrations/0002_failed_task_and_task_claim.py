"""Dead letters for background tasks that kept failing, and claims that keep tasks idempotent."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("core", "0001_cache_table")]

    operations = [
        migrations.CreateModel(
            name="FailedTask",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("task_name", models.CharField(max_length=200)),
                ("signature", models.CharField(max_length=64, unique=True)),
                ("args", models.JSONField(blank=True, default=list)),
                ("kwargs", models.JSONField(blank=True, default=dict)),
                ("task_id", models.CharField(blank=True, max_length=64)),
                ("exception", models.TextField()),
                ("traceback", models.TextField(blank=True)),
                ("attempts", models.PositiveIntegerField(default=0)),
                ("failures", models.PositiveIntegerField(default=1)),
                ("first_failed_at", models.DateTimeField()),
                ("last_failed_at", models.DateTimeField(db_index=True)),
            ],
            options={
                "ordering": ["-last_failed_at"],
                "verbose_name": "failed task",
                "verbose_name_plural": "failed tasks",
            },
        ),
        migrations.CreateModel(
            name="TaskClaim",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("key", models.CharField(max_length=200, unique=True)),
                ("task_id", models.CharField(blank=True, max_length=64)),
                ("claimed_at", models.DateTimeField()),
                ("finished_at", models.DateTimeField(blank=True, null=True)),
            ],
        ),
    ]
