"""Per-area scores for every attempt graded before the table existed, read from
the stored result (any version: the area figures have the same keys in all)."""

from django.db import migrations

BATCH = 1000


def backfill(apps, schema_editor):
    Attempt = apps.get_model("assessments", "Attempt")
    AttemptAreaScore = apps.get_model("assessments", "AttemptAreaScore")
    CompetencyArea = apps.get_model("framework", "CompetencyArea")
    area_ids: dict[int, dict[str, int]] = {}
    rows = []
    attempts = (
        Attempt.objects.filter(state="submitted", area_scores__isnull=True)
        .exclude(result={})
        .values_list("pk", "quiz__framework_id", "result")
        .order_by("pk")
    )
    for attempt_id, framework_id, result in attempts.iterator(chunk_size=BATCH):
        if framework_id not in area_ids:
            area_ids[framework_id] = dict(
                CompetencyArea.objects.filter(framework_id=framework_id).values_list("code", "pk")
            )
        per_area = (result or {}).get("per_area") or {}
        failed = set((result or {}).get("failed_areas") or ())
        for code, figures in per_area.items():
            if code not in area_ids[framework_id] or not isinstance(figures, dict):
                continue  # the unassigned bucket, or an area since removed
            rows.append(
                AttemptAreaScore(
                    attempt_id=attempt_id,
                    area_id=area_ids[framework_id][code],
                    points=figures.get("points") or 0,
                    max_points=figures.get("max_points") or 0,
                    percent=figures.get("percent"),
                    passed_area_minimum=code not in failed,
                )
            )
        if len(rows) >= BATCH:
            AttemptAreaScore.objects.bulk_create(rows)
            rows = []
    AttemptAreaScore.objects.bulk_create(rows)


def forget(apps, schema_editor):
    apps.get_model("assessments", "AttemptAreaScore").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("assessments", "0008_attempt_area_scores")]

    operations = [migrations.RunPython(backfill, forget)]
