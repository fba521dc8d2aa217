"""Wagtail's search and reference indexes are kept in the tests marked
``search_index`` and ``reference_index`` only (tests/search_index.py,
tests/reference_index.py): there a saved image is found through the search
backend (on PostgreSQL too, its real full-text index) and a published page's
image counts as used; elsewhere a save skips the index and a read fails with
the reason."""

import pytest
from wagtail.images.models import Image
from wagtail.models import ReferenceIndex
from wagtail.search.backends import get_search_backend

from tests import reference_index, search_index

pytestmark = pytest.mark.django_db


@pytest.mark.search_index
def test_a_marked_test_finds_what_it_saved(make_image):
    image = make_image("Cảnh giác lừa đảo")
    assert list(get_search_backend().search("lừa đảo", Image)) == [image]
    assert list(Image.objects.search("cảnh giác")) == [image]


def test_an_unmarked_test_may_not_search_the_index(make_image):
    make_image("Cảnh giác lừa đảo")
    with pytest.raises(search_index.SearchIndexNotKept, match="search_index"):
        list(get_search_backend().search("lừa đảo", Image))
    with pytest.raises(search_index.SearchIndexNotKept):
        list(get_search_backend().autocomplete("cảnh", Image))


def test_an_unmarked_test_saves_without_indexing(make_image):
    make_image("Cảnh giác lừa đảo")
    with search_index.kept(True):
        assert list(get_search_backend().search("lừa đảo", Image)) == []


def test_the_framework_is_indexed_for_the_session(framework):
    from lms.framework.models import Competency

    with search_index.kept(True):
        found = list(get_search_backend().search("ND.4.1", Competency))
    assert [competency.code for competency in found] == ["ND.4.1"]


@pytest.mark.reference_index
def test_a_marked_test_sees_which_page_uses_an_image(make_item):
    from cms.files import visible_images

    page = make_item("Ảnh trên trang")
    assert [ref.object_id for ref in ReferenceIndex.get_references_to(page.image)] == [str(page.pk)]
    assert list(visible_images()) == [page.image]


def test_an_unmarked_test_may_not_read_the_reference_index(make_item):
    from cms.files import visible_images

    make_item("Ảnh trên trang")
    with pytest.raises(reference_index.ReferenceIndexNotKept, match="reference_index"):
        list(visible_images())
    with pytest.raises(reference_index.ReferenceIndexNotKept):
        ReferenceIndex.objects.count()
