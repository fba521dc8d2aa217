"""Issue 13, point 8: every write of the movement app is an action that leaves
an audit event naming who did it, to what, in which unit. The test calls every
do_… action the app exports (a new one fails the test until it is added here)
and reads the audit trail back."""

import pytest
from django.utils import timezone

from lms.accounts.roles import Role
from lms.audit.models import AuditEvent
from movement import actions
from movement.audit_verbs import VERBS
from movement.models import QuarterlyReport, ReportedIndicatorValue

pytestmark = pytest.mark.django_db


def test_every_action_writes_one_audit_event(manager, ward, residents, make_user):
    today = timezone.localdate()
    year, quarter = today.year, (today.month - 1) // 3 + 1
    admin = make_user(Role.ADMINISTRATOR, username="quantri")
    member = make_user(home_unit=ward["g1"], full_name="Lê Thị Hoa")
    state = {}

    def team():
        state["team"] = actions.do_create_team(actor=manager, unit=ward["g1"], name="Tổ số 1")
        return state["team"]

    def ambassador():
        state["amb"] = actions.do_make_ambassador(
            actor=manager, unit=ward["ward"], user=residents["g1"][0]
        )
        return state["amb"]

    def assign():
        state["assign"] = actions.do_assign_learner(
            actor=manager, ambassador=state["amb"], learner=residents["g1"][2]
        )
        return state["assign"]

    def team_value():
        state["value"] = actions.do_team_report_value(
            actor=member, team=state["team"], indicator="vneid_confirmed", value=4, evidence="DS"
        )
        return state["value"]

    def prepare():
        state["report"] = actions.do_prepare_report(
            actor=manager, unit=ward["ward"], year=year, quarter=quarter
        )
        return state["report"]

    calls = [
        ("do_create_team", "movement.team_created", team),
        (
            "do_add_member",
            "movement.team_member_added",
            lambda: actions.do_add_member(
                actor=manager, team=state["team"], full_name="Lê Thị Hoa", user=member
            ),
        ),
        (
            "do_set_team_target",
            "movement.team_target_set",
            lambda: actions.do_set_team_target(
                actor=manager,
                team=state["team"],
                year=year,
                quarter=quarter,
                kind="guidance_visit",
                count=30,
            ),
        ),
        (
            "do_log_activity",
            "movement.activity_logged",
            lambda: actions.do_log_activity(
                actor=member, team=state["team"], kind="guidance_visit", people=2
            ),
        ),
        ("do_make_ambassador", "movement.ambassador_named", ambassador),
        ("do_assign_learner", "movement.learner_assigned", assign),
        (
            "do_end_assignment",
            "movement.assignment_ended",
            lambda: actions.do_end_assignment(actor=manager, assignment=state["assign"]),
        ),
        (
            "do_record_population",
            "movement.population_recorded",
            lambda: actions.do_record_population(
                actor=manager,
                unit=ward["g1"],
                audience="resident",
                value=30,
                source="Thống kê",
                as_of=today,
            ),
        ),
        (
            "do_set_target",
            "movement.target_set",
            lambda: actions.do_set_target(
                actor=manager,
                unit=ward["ward"],
                audience="resident",
                year=year,
                indicator="certified",
                percent=80,
            ),
        ),
        (
            "do_set_ranking",
            "movement.ranking_set",
            lambda: actions.do_set_ranking(actor=manager, unit=ward["ward"], is_public=True),
        ),
        (
            "do_report_value",
            "movement.value_reported",
            lambda: actions.do_report_value(
                actor=manager,
                unit=ward["ward"],
                indicator="cashless_payment",
                year=year,
                quarter=quarter,
                value=12,
                evidence="Ngân hàng",
            ),
        ),
        ("do_team_report_value", "movement.value_reported", team_value),
        (
            "do_review_value",
            "movement.value_accepted",
            lambda: actions.do_review_value(actor=manager, entry=state["value"], accept=True),
        ),
        ("do_prepare_report", "movement.report_prepared", prepare),
        (
            "do_mark_reminded",
            "movement.report_reminder_sent",
            lambda: actions.do_mark_reminded(state["report"]),
        ),
        (
            "do_submit_report",
            "movement.report_submitted",
            lambda: actions.do_submit_report(actor=manager, report=state["report"]),
        ),
        (
            "do_record_report_download",
            "movement.report_downloaded",
            lambda: actions.do_record_report_download(
                actor=manager, report=state["report"], kind="pdf"
            ),
        ),
        (
            "do_close_period",
            "movement.period_closed",
            lambda: actions.do_close_period(actor=admin, year=year, quarter=quarter),
        ),
    ]
    exported = {name for name in actions.__all__ if name.startswith("do_")}
    assert {name for name, _verb, _call in calls} == exported

    for name, verb, call in calls:
        before = AuditEvent.objects.count()
        call()
        events = list(AuditEvent.objects.order_by("pk")[before:])
        assert [e.verb for e in events] == [verb], name
        event = events[0]
        assert event.verb in VERBS, name
        assert event.target_id, name
        if name != "do_mark_reminded":  # the beat's reminder has no person behind it
            assert event.actor_id is not None, name
    assert ReportedIndicatorValue.objects.filter(status="accepted").count() == 2
    assert QuarterlyReport.objects.get().is_submitted
