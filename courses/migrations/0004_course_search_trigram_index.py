from django.db import migrations

from lms.core.trigram import CreateTrigramIndex


class Migration(migrations.Migration):
    dependencies = [("courses", "0003_class_course_and_live_quizzes")]

    operations = [
        CreateTrigramIndex("courses_course", "search_text", "courses_course_search_trgm"),
    ]
