import secrets

from django.db import migrations, models


def first_epoch(apps, schema_editor):
    CacheEpoch = apps.get_model("backup", "CacheEpoch")
    CacheEpoch.objects.using(schema_editor.connection.alias).get_or_create(
        pk=1, defaults={"value": secrets.token_hex(8)}
    )


class Migration(migrations.Migration):
    initial = True

    dependencies = []

    operations = [
        migrations.CreateModel(
            name="CacheEpoch",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("value", models.CharField(max_length=32, verbose_name="value")),
                ("changed_at", models.DateTimeField(auto_now=True, verbose_name="changed")),
            ],
            options={
                "verbose_name": "cache epoch",
                "verbose_name_plural": "cache epochs",
            },
        ),
        migrations.RunPython(first_epoch, migrations.RunPython.noop),
    ]
