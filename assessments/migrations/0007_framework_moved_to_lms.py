"""The framework's models left for lms.framework (issue 11 §1).

State only: quizzes, rules and questions keep their columns and foreign keys;
the models are forgotten here once every reference points at lms.framework."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("assessments", "0006_question_search_text"),
        ("framework", "0001_moved_from_assessments"),
        ("cms", "0002_competency_in_lms_framework"),
        ("certificates", "0003_framework_in_lms"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.AlterField(
                    model_name="quizrule",
                    name="competency",
                    field=models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="framework.competency",
                        verbose_name="competency",
                    ),
                ),
                migrations.AlterField(
                    model_name="quizrule",
                    name="area",
                    field=models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="framework.competencyarea",
                        verbose_name="competency area",
                    ),
                ),
                migrations.AlterField(
                    model_name="quiz",
                    name="framework",
                    field=models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        to="framework.frameworkversion",
                        verbose_name="framework",
                    ),
                ),
                migrations.AlterField(
                    model_name="question",
                    name="competencies",
                    field=models.ManyToManyField(
                        blank=True,
                        related_name="questions",
                        to="framework.competency",
                        verbose_name="competencies",
                    ),
                ),
                migrations.DeleteModel(name="Competency"),
                migrations.DeleteModel(name="CompetencyArea"),
                migrations.DeleteModel(name="FrameworkVersion"),
            ],
        ),
    ]
