from django.db import migrations

from lms.core.trigram import CreateTrigramIndex


class Migration(migrations.Migration):
    """The shelf pages filter on ``audience_codes LIKE '%|resident|%'``: on PostgreSQL a
    trigram index answers it; the column and its values are unchanged (SQLite as is)."""

    dependencies = [("cms", "0004_library_search_trigram_index")]

    operations = [
        CreateTrigramIndex("cms_libraryitempage", "audience_codes", "cms_item_audience_trgm"),
    ]
