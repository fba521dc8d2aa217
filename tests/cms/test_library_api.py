"""The headless API a mobile app reads."""

import pytest

pytestmark = pytest.mark.django_db


def test_items_expose_type_audiences_competencies_time_and_summary(client, make_item):
    page = make_item(
        "Video lừa đảo",
        kind="video",
        audiences=["resident", "worker"],
        competencies=["ND.5.3", "LD.5.3"],
        topics=["lừa đảo trực tuyến"],
    )
    listing = client.get(
        "/api/v2/pages/",
        {
            "type": "cms.LibraryItemPage",
            "fields": "item_type,audiences,competency_codes,estimated_minutes,summary,thumbnail",
        },
    )
    assert listing.status_code == 200
    item = listing.json()["items"][0]
    assert item["item_type"] == "video"
    assert item["audiences"] == ["resident", "worker"]
    assert sorted(item["competency_codes"]) == ["LD.5.3", "ND.5.3"]
    assert item["estimated_minutes"] == page.estimated_minutes
    assert item["summary"] == page.summary
    assert "fill-480x270" in item["thumbnail"]["url"]
    detail = client.get(f"/api/v2/pages/{page.pk}/").json()
    assert detail["transcript"] == "<p>Lời thoại của video.</p>"
    assert detail["topic_names"] == ["lừa đảo trực tuyến"]


@pytest.mark.reference_index  # public files are those live pages use (cms/files.py)
def test_images_and_documents_endpoints_are_public(client, make_item):
    make_item("Có ảnh")
    assert client.get("/api/v2/images/").json()["meta"]["total_count"] >= 1
    assert client.get("/api/v2/documents/").status_code == 200
