"""Demo content for ``seed_demo``: the demo ward gets residential groups with
residents (some certified through the roll-up), a community digital team with
a year of activities and this quarter's target met, a second team behind its
target, a class session at a cultural house this quarter, an ambassador, denominators, targets, a year of reported
VNeID figures, a public ranking and a submitted quarterly report. Idempotent."""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from lms.accounts.models import User
from lms.units.models import Unit, UnitKind

from . import actions, indicators
from .models import ActivityKind, CommunityDigitalTeam, QuarterlyReport, ReportedIndicatorValue

DEMO_UNIT_CODE = "00070"
MANAGER = "quanly"
GROUPS = [  # name, residents on the statistics, demo accounts
    ("Tổ dân phố số 1", 40, 6),
    ("Tổ dân phố số 2", 55, 4),
    ("Tổ dân phố số 3", 30, 5),
]


def seed(stdout=None) -> None:
    ward = Unit.objects.filter(code=DEMO_UNIT_CODE).first()
    manager = User.objects.filter(username=MANAGER).first()
    if ward is None or manager is None:
        _say(stdout, "Movement: no demo ward or manager; skipped.")
        return
    if CommunityDigitalTeam.objects.filter(unit__path__startswith=ward.path).exists():
        _say(stdout, "Movement: demo already loaded.")
        return
    with transaction.atomic():
        groups = [_group(ward, name, manager) for name, _n, _a in GROUPS]
    today = timezone.localdate()
    for group, (_name, population, accounts) in zip(groups, GROUPS, strict=True):
        actions.do_record_population(
            actor=manager,
            unit=group,
            audience="resident",
            value=population,
            source="Thống kê dân số của phường năm 2025",
            as_of=today.replace(month=1, day=1),
        )
        _residents(group, accounts)
    actions.do_set_target(
        actor=manager,
        unit=ward,
        audience="resident",
        year=today.year,
        indicator="certified",
        percent=80,
    )
    team = actions.do_create_team(
        actor=manager, unit=groups[0], name="Tổ công nghệ số cộng đồng số 1"
    )
    actions.do_add_member(
        actor=manager, team=team, full_name="Lê Thị Hoa", phone="0912000111", role="leader"
    )
    learner = User.objects.filter(username="hocvien").first()
    if learner is not None:
        # The demo learner logs activities from their phone ("Tổ công nghệ số của tôi").
        actions.do_add_member(
            actor=manager,
            team=team,
            full_name=learner.get_full_name() or learner.username,
            phone=learner.phone_display or "",
            user=learner,
        )
    for weeks in range(0, 52, 2):
        kind = list(ActivityKind)[weeks % 3]
        actions.do_log_activity(
            actor=manager,
            team=team,
            kind=kind,
            people=3 + weeks % 5,
            day=today - timedelta(weeks=weeks),
        )
    for y, q in indicators.previous_quarters(*indicators.quarter_of(today), 4):
        if not ReportedIndicatorValue.objects.filter(
            unit=ward, period__year=y, period__quarter=q
        ).exists():
            actions.do_report_value(
                actor=manager,
                unit=ward,
                indicator="vneid_confirmed",
                year=y,
                quarter=q,
                value=20 + 10 * q,
                evidence="Danh sách VNeID của Công an phường",
            )
    _team_targets(manager, team, groups[1])
    _learning_corner(manager, ward, groups[0])
    actions.do_set_ranking(actor=manager, unit=ward, is_public=True)
    _ambassador(manager, ward, groups[0])
    year, quarter = indicators.previous_quarters(*indicators.quarter_of(today), 2)[0]
    if not QuarterlyReport.objects.filter(
        unit=ward, period__year=year, period__quarter=quarter
    ).exists():
        report = actions.do_prepare_report(
            actor=manager,
            unit=ward,
            year=year,
            quarter=quarter,
            notes="Ra quân hướng dẫn cài đặt VNeID tại nhà văn hóa các tổ dân phố.",
        )
        actions.do_submit_report(actor=manager, report=report)
    _say(
        stdout,
        f"Movement: {len(groups)} residential groups, a team, figures and a report for {ward.name}.",
    )


def _team_targets(manager, team, second_group) -> None:
    """This quarter the first team meets its target (what it logged so far) and
    a second team is behind, so "team targets met" reads 1 of 2."""
    today = timezone.localdate()
    year, quarter = indicators.quarter_of(today)
    start = indicators.quarter_start(year, quarter)
    kind = ActivityKind.GUIDANCE_VISIT
    done = team.activities.filter(kind=kind, day__gte=start).count()
    if not done:
        actions.do_log_activity(actor=manager, team=team, kind=kind, people=4)
        done = 1
    actions.do_set_team_target(
        actor=manager, team=team, year=year, quarter=quarter, kind=kind, count=done
    )
    behind = actions.do_create_team(
        actor=manager, unit=second_group, name="Tổ công nghệ số cộng đồng số 2"
    )
    actions.do_add_member(actor=manager, team=behind, full_name="Phạm Văn Đức", role="leader")
    actions.do_set_team_target(
        actor=manager,
        team=behind,
        year=year,
        quarter=quarter,
        kind=ActivityKind.CLASS_HELD,
        count=4,
    )
    actions.do_log_activity(actor=manager, team=behind, kind=ActivityKind.CLASS_HELD, people=9)


def _learning_corner(manager, ward, group) -> None:
    """A session held this quarter at the cultural house of the first group, so
    "learning corners active" is not zero even on the first day of a quarter
    (the classes demo may have held its sessions in the previous one)."""
    from datetime import datetime, time

    from courses.classes.actions import do_add_session, do_create_class
    from courses.models import CommunityClass

    place = f"Nhà văn hóa {group.name}"
    community_class = CommunityClass.objects.filter(unit=group, place_name=place).first()
    if community_class is None:
        community_class = do_create_class(
            actor=manager,
            unit=group,
            name=f"Lớp kỹ năng số tại nhà văn hóa – {group.name}",
            place_kind="cultural_house",
            place_name=place,
        )
    now = timezone.now()
    quarter = indicators.quarter_of(timezone.localdate())
    start = timezone.make_aware(datetime.combine(indicators.quarter_start(*quarter), time(0, 0)))
    do_add_session(
        actor=manager,
        community_class=community_class,
        starts_at=max(start, now - timedelta(hours=2)),
        topic="Cài đặt và sử dụng VNeID",
    )


def _group(ward, name, manager):
    from lms.units.actions import do_create_local_unit

    existing = ward.children.filter(name=name).first()
    return existing or do_create_local_unit(
        parent=ward, name=name, kind=UnitKind.RESIDENTIAL_GROUP, acting_user=manager
    )


def _residents(group, count) -> None:
    for index in range(count):
        User.objects.get_or_create(
            username=f"demo-{group.code.lower()}-{index}",
            defaults={
                "full_name": f"Cư dân {group.name} {index + 1}",
                "home_unit": group,
                "audience": "resident",
            },
        )


def _ambassador(manager, ward, group) -> None:
    """The demo learner (who holds a certificate from the certificates demo)
    follows three residents of the first group."""
    from .errors import AmbassadorError

    learner = User.objects.filter(username="hocvien").first()
    if learner is None:
        return
    try:
        ambassador = actions.do_make_ambassador(actor=manager, unit=ward, user=learner)
    except AmbassadorError:
        return  # no certificate in this installation's demo
    for resident in User.objects.filter(home_unit=group).order_by("username")[:3]:
        actions.do_assign_learner(actor=manager, ambassador=ambassador, learner=resident)


def _say(stdout, message: str) -> None:
    if stdout is not None:
        stdout.write(message)
