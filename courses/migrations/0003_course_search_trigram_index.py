from django.db import migrations

from lms.core.trigram import CreateTrigramIndex


class Migration(migrations.Migration):
    dependencies = [("courses", "0002_classes")]

    operations = [
        CreateTrigramIndex("courses_course", "search_text", "courses_course_search_trgm"),
    ]
