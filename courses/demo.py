"""Demo content for ``seed_demo``: one class per demo unit (the demo ward and
any village or residential group under it), taught by the demo instructor in a
community place, with a roster, three weekly sessions and attendance for the
past ones. Built through the real actions; idempotent."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from django.utils import timezone

from lms.accounts.models import User
from lms.units.models import Unit

DEMO_UNIT_CODE = "00070"  # Phường Hoàn Kiếm, Hà Nội
DEMO_INSTRUCTOR = "giangvien"
DEMO_LEARNER = "hocvien"
# Demo residents (invented names), with birth years as a village head's list gives them.
DEMO_RESIDENTS = [
    ("Nguyễn Văn Hùng", 1956),
    ("Trần Thị Lan", 1961),
    ("Lê Văn Bảy", 1949),
    ("Phạm Thị Thu", 1965),
    ("Hoàng Văn Nam", 1958),
    ("Vũ Thị Hạnh", 1970),
]
CLASS_NAME = "Lớp Bình dân học vụ số – {unit}"
PLACES = [
    ("cultural_house", "Nhà văn hóa {unit}"),
    ("learning_centre", "Trung tâm học tập cộng đồng {unit}"),
]


def seed(stdout=None) -> None:
    ward = Unit.objects.filter(code=DEMO_UNIT_CODE).first()
    instructor = User.objects.filter(username=DEMO_INSTRUCTOR).first()
    if ward is None or instructor is None:
        _say(stdout, "Classes: no demo unit or instructor (seed_demo first); skipped.")
        return
    units = [ward, *Unit.objects.filter(parent=ward).order_by("path")]
    created = sum(_demo_class(unit, index, instructor) for index, unit in enumerate(units))
    _say(stdout, f"Classes: {created} demo classes with sessions and attendance.")


def _demo_class(unit, index, instructor) -> int:
    from .classes.actions import do_add_session, do_create_class
    from .models import CommunityClass

    name = CLASS_NAME.format(unit=unit.name)
    if CommunityClass.objects.filter(unit=unit, name=name).exists():
        return 0
    place_kind, place = PLACES[index % len(PLACES)]
    community_class = do_create_class(
        actor=instructor,
        unit=unit,
        name=name,
        place_kind=place_kind,
        place_name=place.format(unit=unit.name),
        instructors=[instructor],
    )
    today = timezone.localdate()
    evening = time(19, 0)
    sessions = [
        do_add_session(
            actor=instructor,
            community_class=community_class,
            starts_at=timezone.make_aware(datetime.combine(today + timedelta(days=days), evening)),
            topic=topic,
        )
        for days, topic in [
            (-14, "Làm quen với điện thoại thông minh"),
            (-7, "Tài khoản định danh điện tử VNeID"),
            (0, "Nhận biết lừa đảo trên mạng"),
        ]
    ]
    learners = _demo_roster(community_class, unit, instructor)
    _demo_attendance(instructor, sessions[:2], learners)
    return 1


def _demo_roster(community_class, unit, instructor) -> list:
    from .classes.actions import do_add_learner
    from .classes.roster_rows import RosterRow

    learners = []
    demo_learner = User.objects.filter(username=DEMO_LEARNER).first()
    if demo_learner is not None and demo_learner.home_unit_id == unit.pk:
        row = RosterRow(0, demo_learner.full_name, 1985, demo_learner.phone, unit.pk)
        learners.append(
            do_add_learner(actor=instructor, community_class=community_class, row=row).learner
        )
    for full_name, birth_year in DEMO_RESIDENTS:
        row = RosterRow(0, full_name, birth_year, None, unit.pk)
        from .classes.actions import find_matches

        matches = find_matches(
            full_name=full_name, birth_year=birth_year, phone=None, village_id=unit.pk
        )
        membership = do_add_learner(
            actor=instructor,
            community_class=community_class,
            row=row,
            merge_with=matches[0].user if matches else None,
        )
        learners.append(membership.learner)
    return learners


def _demo_attendance(instructor, sessions, learners) -> None:
    from .classes.attendance import do_mark_attendance

    for number, session in enumerate(sessions):
        marks = [
            # Most come; one in five missed a session.
            {"learner": learner.pk, "status": "absent" if (i + number) % 5 == 4 else "present"}
            for i, learner in enumerate(learners)
        ]
        do_mark_attendance(
            actor=instructor, session=session, payload={"session": session.pk, "marks": marks}
        )


def _say(stdout, text: str) -> None:
    if stdout is not None:
        stdout.write(text)
