"""Uploaded images and documents are public only once a live, public page uses them
(issue 9, point 3): the API and the document links hide the rest from anonymous
visitors and learners; editors still see every file they may choose in the admin."""

import pytest
from django.core.files.base import ContentFile
from wagtail.documents.models import Document
from wagtail.models import PageViewRestriction

from lms.accounts.roles import Role

# What is public is what a live page uses, read from the reference index.
pytestmark = [pytest.mark.django_db, pytest.mark.reference_index]


def make_document(title):
    document = Document(title=title)
    document.file.save(f"{title}.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"), save=False)
    document.save()
    return document


def listed_ids(client, endpoint):
    response = client.get(f"/api/v2/{endpoint}/")
    assert response.status_code == 200
    return {item["id"] for item in response.json()["items"]}


@pytest.fixture
def files(make_item, make_image):
    """One image and one document on a live page; others unused, on a draft, or restricted."""
    live = make_item("Có ảnh", kind="document")
    draft = make_item("Bản nháp", kind="document", publish=False)
    restricted = make_item("Chỉ thành viên", kind="document")
    PageViewRestriction.objects.create(page=restricted, restriction_type="login")
    return {
        "live_image": live.image,
        "live_document": live.document,
        "draft_image": draft.image,
        "draft_document": draft.document,
        "restricted_image": restricted.image,
        "unused_image": make_image("Ảnh chưa dùng"),
        "unused_document": make_document("chua-dung"),
    }


def test_anonymous_sees_only_images_on_live_public_pages(client, files):
    assert listed_ids(client, "images") == {files["live_image"].pk}
    assert client.get(f"/api/v2/images/{files['live_image'].pk}/").status_code == 200
    for hidden in ("draft_image", "restricted_image", "unused_image"):
        assert client.get(f"/api/v2/images/{files[hidden].pk}/").status_code == 404


def test_anonymous_sees_only_documents_on_live_public_pages(client, files):
    assert listed_ids(client, "documents") == {files["live_document"].pk}
    assert client.get(f"/api/v2/documents/{files['live_document'].pk}/").status_code == 200
    for hidden in ("draft_document", "unused_document"):
        assert client.get(f"/api/v2/documents/{files[hidden].pk}/").status_code == 404


def test_a_learner_signed_in_sees_no_more_than_anonymous(client, files, make_user):
    client.force_login(make_user(Role.LEARNER))
    assert listed_ids(client, "images") == {files["live_image"].pk}
    assert listed_ids(client, "documents") == {files["live_document"].pk}


def test_an_editor_sees_every_file(client, files, make_user, library):
    from cms.demo.permissions import ensure_editorial_setup

    ensure_editorial_setup(library["root"])
    client.force_login(make_user(Role.EDITOR))
    assert {files[k].pk for k in files if k.endswith("image")} <= listed_ids(client, "images")
    assert {files[k].pk for k in files if k.endswith("document")} <= listed_ids(client, "documents")
    assert client.get(f"/api/v2/images/{files['unused_image'].pk}/").status_code == 200


def test_unpublishing_the_page_hides_its_files_again(client, files, make_item):
    page = make_item("Sẽ gỡ", kind="document")
    assert page.document.pk in listed_ids(client, "documents")
    page.unpublish()
    assert page.document.pk not in listed_ids(client, "documents")
    assert page.image.pk not in listed_ids(client, "images")


def test_the_document_link_serves_only_documents_on_live_pages(client, files):
    live, unused = files["live_document"], files["unused_document"]
    assert client.get(live.url).status_code == 200
    assert client.get(unused.url).status_code == 404
    assert client.get(files["draft_document"].url).status_code == 404


def test_an_editor_may_open_an_unused_document(client, files, make_user, library):
    from cms.demo.permissions import ensure_editorial_setup

    ensure_editorial_setup(library["root"])
    client.force_login(make_user(Role.EDITOR))
    assert client.get(files["unused_document"].url).status_code == 200
