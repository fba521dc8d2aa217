"""The competency a library item is tagged with now lives in lms.framework.

State only: the column and its foreign key are unchanged (see
framework.0001_moved_from_assessments)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0001_library_pages"),
        ("framework", "0001_moved_from_assessments"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.AlterField(
                    model_name="itemcompetency",
                    name="competency",
                    field=models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="framework.competency",
                        verbose_name="competency",
                    ),
                ),
            ],
        ),
    ]
