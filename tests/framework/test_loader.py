import pytest
from django.core.management import call_command

from lms.audiences import Audience
from lms.framework.models import Competency, CompetencyArea, FrameworkVersion


@pytest.mark.django_db
def test_framework_fixture_loads_all_four_audiences_idempotently():
    call_command("load_framework")
    framework = FrameworkVersion.objects.get(code="757-v1.0")
    assert framework.version == "1.0"
    assert "757/QĐ-BKHCN" in framework.decision
    assert framework.sources, "the fixture cites its sources"
    assert set(CompetencyArea.objects.values_list("audience", flat=True)) == set(Audience.values)
    counts = (CompetencyArea.objects.count(), Competency.objects.count())
    assert counts[1] >= 40
    call_command("load_framework")
    assert (CompetencyArea.objects.count(), Competency.objects.count()) == counts
    # Each audience has artificial intelligence in its framework (the decree's focus).
    for audience in Audience.values:
        names = " ".join(
            CompetencyArea.objects.filter(audience=audience).values_list("name", flat=True)
        ) + " ".join(
            Competency.objects.filter(area__audience=audience).values_list("name", flat=True)
        )
        assert "trí tuệ nhân tạo" in names.lower() or "AI" in names


@pytest.mark.django_db
def test_administrators_edit_names_and_a_reload_keeps_added_competencies():
    call_command("load_framework")
    area = CompetencyArea.objects.first()
    Competency.objects.create(
        framework=area.framework, area=area, code="LOCAL.1", name="Năng lực bổ sung"
    )
    call_command("load_framework")
    assert Competency.objects.filter(code="LOCAL.1").exists()


@pytest.mark.django_db
def test_framework_api_is_public_and_nested(client):
    call_command("load_framework")
    data = client.get("/api/v1/frameworks/757-v1.0/").json()
    assert data["version"] == "1.0"
    first_area = data["areas"][0]
    assert first_area["competencies"][0]["code"].startswith(first_area["code"])
