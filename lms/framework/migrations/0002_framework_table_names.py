"""The framework's tables take this app's names. A rename keeps every row, and
the database carries the foreign keys that point at them along (PostgreSQL
always; SQLite since 3.26)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("framework", "0001_moved_from_assessments"),
        ("assessments", "0007_framework_moved_to_lms"),
    ]

    operations = [
        migrations.AlterModelTable(name="frameworkversion", table=None),
        migrations.AlterModelTable(name="competencyarea", table=None),
        migrations.AlterModelTable(name="competency", table=None),
    ]
