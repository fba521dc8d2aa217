"""A manager sets denominators and targets and reads the dashboard; bad input
is refused with a Vietnamese message and changes nothing."""

import pytest
from django.urls import reverse
from django.utils import timezone

from lms.accounts.roles import Role
from lms.audit.models import AuditEvent
from movement.models import CertifiedDaily, PopulationFigure, ReportedIndicatorValue, Target

pytestmark = pytest.mark.django_db


def post_figure(client, unit, form, **data):
    payload = {"form": form, **{f"{form}-{key}": value for key, value in data.items()}}
    return client.post(reverse("movement:figures", args=[unit.code]), payload)


def test_certificates_fill_the_roll_up(residents, ward):
    cells = {(c.unit_id, c.audience): c.count for c in CertifiedDaily.objects.all()}
    assert cells == {(ward["g1"].pk, "resident"): 2, (ward["g2"].pk, "resident"): 1}


def test_revoking_a_certificate_updates_the_roll_up(
    residents, ward, django_capture_on_commit_callbacks
):
    certificate = residents["g1"][0].certificates.get()
    with django_capture_on_commit_callbacks(execute=True):
        certificate.status = "revoked"
        certificate.save()
    assert CertifiedDaily.objects.get(unit=ward["g1"]).count == 1


def test_manager_sees_the_gap_and_which_group_is_behind(client, manager, residents, ward):
    client.force_login(manager)
    today = timezone.localdate().isoformat()
    response = post_figure(
        client,
        ward["ward"],
        "target",
        audience="resident",
        indicator="certified",
        year=timezone.localdate().year,
        percent=80,
    )
    assert response.status_code == 302
    for key, value in (("g1", 3), ("g2", 10)):
        response = post_figure(
            client,
            ward[key],
            "population",
            audience="resident",
            value=value,
            source="Thống kê phường",
            as_of=today,
        )
        assert response.status_code == 302
    response = client.get(reverse("movement:dashboard", args=[ward["ward"].code]))
    body = response.content.decode()
    assert response.status_code == 200
    # 3 of 13 certified; 80 % of 13 is 11 (ceil 10.4) → 8 more.
    assert "23,0 %" in body or "23.0 %" in body
    assert "Còn 8 người dân cần được công nhận để đạt 80 %" in body
    # The group furthest behind comes first.
    assert body.index("Tổ dân phố 2") < body.index("Tổ dân phố 1")
    assert AuditEvent.objects.filter(verb="movement.population_recorded").count() == 2


def test_the_home_page_leads_to_the_dashboard(client, manager, ward):
    client.force_login(manager)
    home = client.get(reverse("accounts:dashboard")).content.decode()
    assert reverse("movement:index") in home
    response = client.get(reverse("movement:index"))
    assert response["Location"] == reverse("movement:dashboard", args=[ward["ward"].code])


def test_targets_are_inherited_downward(client, manager, residents, ward):
    client.force_login(manager)
    year = timezone.localdate().year
    response = post_figure(
        client,
        ward["ward"],
        "target",
        audience="resident",
        indicator="certified",
        year=year,
        percent=90,
    )
    assert response.status_code == 302
    from movement.measure import target_for

    assert target_for(ward["g1"], "resident", "certified", year) == 90
    assert target_for(ward["other"], "resident", "certified", year) in (80, 100)


@pytest.mark.parametrize(
    ("form", "data", "message"),
    [
        (
            "population",
            {"audience": "resident", "value": 0, "source": "x", "as_of": "2025-01-01"},
            "lớn hơn 0",
        ),
        (
            "population",
            {"audience": "resident", "value": 1, "source": "x", "as_of": "2025-01-01"},
            "đã được công nhận",
        ),
        (
            "target",
            {"audience": "resident", "indicator": "certified", "year": 2025, "percent": 120},
            "từ 0 đến 100",
        ),
        (
            "value",
            {
                "indicator": "vneid_confirmed",
                "year": 2099,
                "quarter": 1,
                "value": 5,
                "evidence": "x",
            },
            "chưa bắt đầu",
        ),
    ],
)
def test_bad_input_changes_nothing(client, manager, residents, ward, form, data, message):
    client.force_login(manager)
    response = post_figure(client, ward["g1"], form, **data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not PopulationFigure.objects.exists()
    assert not Target.objects.exists()
    assert not ReportedIndicatorValue.objects.exists()
    assert not AuditEvent.objects.filter(verb__startswith="movement.").exists()


def test_a_closed_period_refuses_values(client, manager, ward, make_user):
    from movement import actions

    admin = make_user(Role.ADMINISTRATOR)
    year = timezone.localdate().year
    actions.do_close_period(actor=admin, year=year, quarter=1)
    client.force_login(manager)
    response = post_figure(
        client,
        ward["ward"],
        "value",
        indicator="vneid_confirmed",
        year=year,
        quarter=1,
        value=10,
        evidence="Danh sách công an phường",
    )
    assert response.status_code == 409
    assert "đã khóa" in response.content.decode()
    assert not ReportedIndicatorValue.objects.exists()


def test_scope(client, manager, make_user, ward):
    client.force_login(manager)
    outside = client.get(reverse("movement:dashboard", args=[ward["other"].code]))
    assert outside.status_code == 404
    response = post_figure(
        client,
        ward["other"],
        "population",
        audience="resident",
        value=5,
        source="x",
        as_of="2025-01-01",
    )
    assert response.status_code == 404 and not PopulationFigure.objects.exists()
    learner = make_user(home_unit=ward["g1"])
    client.force_login(learner)
    assert client.get(reverse("movement:dashboard", args=[ward["ward"].code])).status_code == 403
    assert client.get(reverse("movement:index")).status_code == 403


def test_the_nightly_rebuild_matches_the_cells_kept_by_the_signal(residents, ward):
    from movement.tasks import rebuild_rollup

    kept = sorted(CertifiedDaily.objects.values_list("unit_id", "audience", "day", "count"))
    CertifiedDaily.objects.all().delete()
    assert rebuild_rollup.apply().get() == 2
    assert sorted(CertifiedDaily.objects.values_list("unit_id", "audience", "day", "count")) == kept
