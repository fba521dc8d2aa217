"""A certificate's framework version now lives in lms.framework.

State only: the column and its foreign key are unchanged (see
framework.0001_moved_from_assessments)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("certificates", "0002_private_certificate_pdfs"),
        ("framework", "0001_moved_from_assessments"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.AlterField(
                    model_name="certificate",
                    name="framework",
                    field=models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        to="framework.frameworkversion",
                        verbose_name="framework version",
                    ),
                ),
            ],
        ),
    ]
