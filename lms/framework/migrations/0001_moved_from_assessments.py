"""The framework's models move from assessments to lms.framework (issue 11 §1).

The tables, their rows and every foreign key pointing at them stay as they are:
this step only tells Django's state that the models now belong here (on the old
table names), and carries over their content types so permissions, Wagtail's
search index entries and admin log rows keep pointing at the same models.
0002 then renames the tables."""

import django.db.models.deletion
import modelsearch.index
from django.db import migrations, models

import lms.framework.models

MOVED_MODELS = ("frameworkversion", "competencyarea", "competency")


def carry_content_types(apps, schema_editor):
    content_type = apps.get_model("contenttypes", "ContentType")
    db = schema_editor.connection.alias
    for model in MOVED_MODELS:
        if content_type.objects.using(db).filter(app_label="framework", model=model).exists():
            continue
        content_type.objects.using(db).filter(app_label="assessments", model=model).update(
            app_label="framework"
        )


def return_content_types(apps, schema_editor):
    content_type = apps.get_model("contenttypes", "ContentType")
    content_type.objects.using(schema_editor.connection.alias).filter(
        app_label="framework", model__in=MOVED_MODELS
    ).update(app_label="assessments")


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("assessments", "0006_question_search_text"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name='FrameworkVersion',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('code', models.SlugField(max_length=40, unique=True, verbose_name='code')),
                        ('version', models.CharField(max_length=20, verbose_name='version')),
                        ('name', models.CharField(max_length=255, verbose_name='name')),
                        ('name_en', models.CharField(blank=True, max_length=255, verbose_name='name in English')),
                        ('decision', models.CharField(blank=True, max_length=255, verbose_name='issuing decision')),
                        ('issued_on', models.DateField(blank=True, null=True, verbose_name='issued on')),
                        ('sources', models.JSONField(blank=True, default=list, verbose_name='sources')),
                        ('note', models.TextField(blank=True, verbose_name='status note')),
                        ('is_current', models.BooleanField(default=True, help_text='Used for new quizzes and certificates.', verbose_name='current')),
                        ('pass_mark_percent', models.DecimalField(decimal_places=2, default=70, max_digits=5, verbose_name='overall pass mark (%)')),
                        ('area_minimum_percent', models.DecimalField(decimal_places=2, default=50, max_digits=5, verbose_name='minimum per competency area (%)')),
                        ('questions_per_test', models.PositiveSmallIntegerField(blank=True, null=True)),
                        ('time_limit_minutes', models.PositiveSmallIntegerField(blank=True, null=True)),
                        ('guidance_source', models.CharField(blank=True, max_length=255)),
                        ('guidance_basis', models.TextField(blank=True)),
                    ],
                    options={
                        'db_table': 'assessments_frameworkversion',
                        'verbose_name': 'framework version',
                        'verbose_name_plural': 'framework versions',
                        'ordering': ['-issued_on', 'code'],
                    },
                ),
                migrations.CreateModel(
                    name='CompetencyArea',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('audience', models.CharField(choices=[('resident', 'Residents'), ('student', 'Pupils and students'), ('official', 'Officials and public employees'), ('worker', 'Enterprise workers')], max_length=20, verbose_name='audience')),
                        ('appendix', models.CharField(blank=True, max_length=40, verbose_name='appendix')),
                        ('code', models.CharField(max_length=20, verbose_name='code')),
                        ('name', models.CharField(max_length=255, verbose_name='name')),
                        ('name_en', models.CharField(blank=True, max_length=255, verbose_name='name in English')),
                        ('description', models.TextField(blank=True, verbose_name='description')),
                        ('position', models.PositiveSmallIntegerField(default=0)),
                        ('framework', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='areas', to='framework.frameworkversion')),
                    ],
                    options={
                        'db_table': 'assessments_competencyarea',
                        'verbose_name': 'competency area',
                        'verbose_name_plural': 'competency areas',
                        'ordering': ['framework', 'audience', 'position'],
                    },
                    bases=(lms.framework.models.LocalizedNameMixin, models.Model),
                ),
                migrations.CreateModel(
                    name='Competency',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('code', models.CharField(max_length=20, verbose_name='code')),
                        ('name', models.CharField(max_length=255, verbose_name='name')),
                        ('name_en', models.CharField(blank=True, max_length=255, verbose_name='name in English')),
                        ('description', models.TextField(blank=True, verbose_name='description')),
                        ('position', models.PositiveSmallIntegerField(default=0)),
                        ('area', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='competencies', to='framework.competencyarea')),
                        ('framework', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='competencies', to='framework.frameworkversion')),
                    ],
                    options={
                        'db_table': 'assessments_competency',
                        'verbose_name': 'competency',
                        'verbose_name_plural': 'competencies',
                        'ordering': ['framework', 'area__audience', 'area__position', 'position'],
                    },
                    bases=(lms.framework.models.LocalizedNameMixin, modelsearch.index.Indexed, models.Model),
                ),
                migrations.AddConstraint(
                    model_name='competencyarea',
                    constraint=models.UniqueConstraint(fields=('framework', 'code'), name='area_code_per_framework'),
                ),
                migrations.AddConstraint(
                    model_name='competency',
                    constraint=models.UniqueConstraint(fields=('framework', 'code'), name='competency_code_per_framework'),
                ),
            ],
        ),
        migrations.RunPython(carry_content_types, return_content_types),
    ]
