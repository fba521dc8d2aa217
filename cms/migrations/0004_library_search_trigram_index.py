from django.db import migrations

from lms.core.trigram import CreateTrigramIndex


class Migration(migrations.Migration):
    dependencies = [("cms", "0003_course_pages")]

    operations = [
        CreateTrigramIndex("cms_libraryitempage", "search_text", "cms_item_search_trgm"),
    ]
