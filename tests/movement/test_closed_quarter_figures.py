"""Issue 13 §4: "a period's value never changes once the period is closed".
Closing a quarter stores every unit's computed figures for it; the dashboard's
trend then reads them, so a certificate revoked or a denominator entered after
the close moves the open quarter's point only."""

import re
from datetime import datetime, time

import pytest
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assessments.certificates.issuing import do_revoke_certificate
from lms.accounts.roles import Role
from lms.audit.models import AuditEvent
from movement import actions, indicators
from movement.catalogue import COUNTED, REPORTED, Indicator

pytestmark = pytest.mark.django_db


def _previous_quarter():
    year, quarter = indicators.quarter_of(timezone.localdate())
    return indicators.previous_quarters(year, quarter, 2)[0]


def _trend(client, unit) -> dict[str, str]:
    """The trend table's cells, by quarter label ("Q3/2026": "66,6", Vietnamese decimals)."""
    html = client.get(reverse("movement:dashboard", args=[unit.code])).content.decode()
    table = html[html.index('id="trend-caption"') :]
    table = table[: table.index("</table>")]
    labels = re.findall(r'<th scope="col">(Q\d/\d{4})</th>', table)
    cells = re.findall(r"<td>([^<]*) %</td>", table)
    return dict(zip(labels, cells, strict=True))


@pytest.fixture
def closed(make_user, manager, ward, certify, django_capture_on_commit_callbacks):
    """Three residents of group 1 certified last quarter, 10 residents in the
    ward, last quarter closed by an administrator."""
    year, quarter = _previous_quarter()
    issued = timezone.make_aware(datetime.combine(indicators.quarter_start(year, quarter), time(9)))
    people = [make_user(home_unit=ward["g1"], audience="resident") for _ in range(3)]
    certificates = [certify(person, issued_at=issued) for person in people]
    actions.do_record_population(
        actor=manager,
        unit=ward["ward"],
        audience="resident",
        value=10,
        source="Thống kê phường",
        as_of=timezone.localdate(),
    )
    admin = make_user(Role.ADMINISTRATOR)
    actions.do_close_period(actor=admin, year=year, quarter=quarter)
    return {"label": f"Q{quarter}/{year}", "certificates": certificates, "admin": admin}


def test_a_closed_quarter_keeps_its_trend_point(
    client, manager, ward, closed, django_capture_on_commit_callbacks
):
    year, quarter = indicators.quarter_of(timezone.localdate())
    now_label = f"Q{quarter}/{year}"
    client.force_login(manager)
    before = _trend(client, ward["ward"])
    assert before[closed["label"]] == "30,0"
    assert before[now_label] == "30,0"

    with django_capture_on_commit_callbacks(execute=True):
        do_revoke_certificate(closed["certificates"][0], "Cấp nhầm", by=closed["admin"])
    after_revoking = _trend(client, ward["ward"])
    assert after_revoking[closed["label"]] == "30,0"
    assert after_revoking[now_label] == "20,0"

    actions.do_record_population(
        actor=manager,
        unit=ward["ward"],
        audience="resident",
        value=20,
        source="Thống kê phường, bổ sung",
        as_of=timezone.localdate(),
    )
    after_figure = _trend(client, ward["ward"])
    assert after_figure[closed["label"]] == "30,0"
    assert after_figure[now_label] == "10,0"
    # A residential group's dashboard reads its own frozen point too.
    assert _trend(client, ward["g1"])[closed["label"]] == "—"  # no figure of its own then


def test_closing_stores_every_units_figures_in_one_write(ward, closed):
    from movement.models import ClosedQuarterFigure

    year, quarter = _previous_quarter()
    rows = ClosedQuarterFigure.objects.filter(period__year=year, period__quarter=quarter)
    certified = {
        row.unit_id: (row.achieved, row.denominator, row.target)
        for row in rows.filter(indicator=Indicator.CERTIFIED, audience="resident")
    }
    target = 80 if year == 2025 else 100
    assert certified[ward["ward"].pk] == (3, 10, target)
    assert certified[ward["g1"].pk] == (3, None, target)
    assert certified[ward["province"].pk] == (3, 10, target)
    indicators_per_unit = 4 + len(REPORTED) + len(COUNTED)  # certified per audience + the rest
    units = len(ward)
    assert rows.count() == units * indicators_per_unit
    event = AuditEvent.objects.get(verb="movement.period_closed")
    assert event.extra["frozen_figures"] == units * indicators_per_unit


def test_a_closed_quarter_is_read_in_one_query_per_page(client, manager, ward, closed):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from movement.figures_cache import figures_changed

    client.force_login(manager)
    url = reverse("movement:dashboard", args=[ward["ward"].code])
    client.get(url)
    figures_changed()
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    assert sum('FROM "movement_closedquarterfigure"' in q["sql"] for q in captured) == 1


_changes = st.lists(
    st.one_of(
        st.tuples(st.just("revoke"), st.integers(min_value=0, max_value=2)),
        st.tuples(st.just("certify"), st.sampled_from(["g1", "g2"])),
        st.tuples(st.just("figure"), st.integers(min_value=10, max_value=500)),
        st.tuples(st.just("target"), st.integers(min_value=0, max_value=100)),
    ),
    min_size=1,
    max_size=6,
)


@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(changes=_changes)
def test_no_later_write_moves_a_closed_quarter(
    changes, manager, ward, closed, certify, make_user, django_capture_on_commit_callbacks
):
    """Whatever is written after the close (certificates revoked or issued,
    denominators, targets), the closed quarter's figures, the ward's and its
    groups', read back the same."""
    from django.db import transaction

    from movement.measure import progress_table

    year, quarter = _previous_quarter()
    until = indicators.quarter_end(year, quarter)

    def figures():
        own, kids = progress_table(ward["ward"], "resident", Indicator.CERTIFIED, year, until)
        return [(row.unit.pk, row.progress) for row in (own, *kids)]

    at_close = figures()
    with transaction.atomic():
        for kind, value in changes:
            if kind == "revoke":
                certificate = closed["certificates"][value]
                certificate.refresh_from_db()
                if certificate.status == "valid":
                    with django_capture_on_commit_callbacks(execute=True):
                        do_revoke_certificate(certificate, "Cấp nhầm", by=closed["admin"])
            elif kind == "certify":
                certify(
                    make_user(home_unit=ward[value]),
                    issued_at=timezone.make_aware(
                        datetime.combine(indicators.quarter_start(year, quarter), time(10))
                    ),
                )
            elif kind == "figure":
                actions.do_record_population(
                    actor=manager,
                    unit=ward["ward"],
                    audience="resident",
                    value=value,
                    source="Thống kê",
                    as_of=timezone.localdate(),
                )
            else:
                actions.do_set_target(
                    actor=manager,
                    unit=ward["ward"],
                    audience="resident",
                    year=year,
                    indicator=Indicator.CERTIFIED,
                    percent=value,
                )
            assert figures() == at_close
        transaction.set_rollback(True)


def test_a_quarter_that_has_not_started_cannot_be_closed(make_user):
    """Closing freezes the quarter's computed figures at that instant, so a
    quarter with no figures yet would be frozen empty for good."""
    from django.core.management import CommandError, call_command

    from movement.errors import FutureQuarter
    from movement.models import ClosedQuarterFigure, ReportingPeriod

    admin = make_user(Role.ADMINISTRATOR, username="quan-tri")
    year, quarter = indicators.quarter_of(timezone.localdate())
    next_year, next_quarter = (year + 1, 1) if quarter == 4 else (year, quarter + 1)
    with pytest.raises(FutureQuarter):
        actions.do_close_period(actor=admin, year=next_year, quarter=next_quarter)
    with pytest.raises(CommandError, match="chưa bắt đầu"):
        call_command("close_quarter", next_year, next_quarter, "--by", "quan-tri")
    assert not ReportingPeriod.objects.filter(closed_at__isnull=False).exists()
    assert not ClosedQuarterFigure.objects.exists()
    assert not AuditEvent.objects.filter(verb="movement.period_closed").exists()
