from django.db import migrations

from lms.core.trigram import CreateTrigramIndex, CreateUpperIndex


class Migration(migrations.Migration):
    dependencies = [("assessments", "0009_backfill_attempt_area_scores")]

    operations = [
        CreateTrigramIndex("assessments_question", "search_text", "assessments_question_search_trgm"),
        # The bank search also finds a question by its exact ID number (iexact).
        CreateUpperIndex("assessments_question", "idnumber", "assessments_question_idnumber_upper"),
    ]
