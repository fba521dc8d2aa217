"""`manage.py bench_library_data`: a large library and bank written in bulk that the
site serves and searches like any other, the same on every run, never on a real site."""

import pytest
from django.core.management import CommandError, call_command
from wagtail.models import Page

from assessments.bank_search import questions_matching
from assessments.models import Question
from cms.models import LibraryItemPage
from cms.models.browsing import visible_items
from cms.search import search_items

pytestmark = pytest.mark.django_db


def test_grows_a_library_and_bank_the_site_serves_and_searches(client, library, make_item):
    make_item("Bài có sẵn")
    call_command("bench_library_data", items=26, questions=40)
    assert LibraryItemPage.objects.count() == 26
    assert Question.objects.filter(current_version__isnull=False).count() == 40
    assert Page.find_problems() == ([], [], [], [], [])
    assert set(LibraryItemPage.objects.values_list("item_type", flat=True)) == {
        "guide",
        "video",
        "infographic",
        "lesson",
        "document",
    }
    assert set(LibraryItemPage.objects.values_list("audience_codes", flat=True)) == {
        "|resident|",
        "|student|",
        "|official|",
        "|worker|",
    }
    for item in LibraryItemPage.objects.filter(slug__startswith="bench-")[:5]:
        assert client.get(item.url).status_code == 200
    shelf = client.get(library["shelves"]["student"].url)
    assert shelf.status_code == 200 and "(bài " in shelf.content.decode()
    assert search_items("bai 7", visible_items()).exists()
    assert Question.objects.filter(questions_matching("tinh huong 12")).exists()
    # Again to the same size: nothing added; bigger: only the difference.
    call_command("bench_library_data", items=26, questions=40)
    assert LibraryItemPage.objects.count() == 26
    call_command("bench_library_data", items=30, questions=40)
    assert LibraryItemPage.objects.count() == 30
    assert Page.find_problems() == ([], [], [], [], [])


def test_refuses_a_database_with_real_people_unless_forced(library, make_user):
    make_user()
    with pytest.raises(CommandError):
        call_command("bench_library_data", items=5, questions=5)
    assert LibraryItemPage.objects.count() == 0
    call_command("bench_library_data", items=5, questions=5, force=True)
    assert LibraryItemPage.objects.count() == 5
