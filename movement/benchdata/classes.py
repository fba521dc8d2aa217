"""Community classes in the villages: rosters drawn from the village's learners,
scheduled sessions (the last one today) and attendance for the past ones."""

from __future__ import annotations

from collections import defaultdict

from courses.models import (
    AttendanceMark,
    AttendanceStatus,
    ClassMembership,
    ClassSession,
    CommunityClass,
    PlaceKind,
)

from .plan import Built, insert, insert_only

PLACES = list(PlaceKind)


def build_classes(built: Built) -> None:
    sizes, rng = built.sizes, built.rng
    learners_of = defaultdict(list)
    for user_id, _audience, village in built.learners:
        learners_of[village].append(user_id)
    per_commune = sizes.villages_per_commune
    plan = []  # (class, instructor, roster)
    for index in range(sizes.classes):
        village = index % len(built.villages)
        commune = village // per_commune
        place = PLACES[index % len(PLACES)]
        pool = learners_of[village]
        roster = rng.sample(pool, min(sizes.class_size, len(pool)))
        community_class = CommunityClass(
            name=f"Lớp Bình dân học vụ số {index:04d}",
            unit=built.villages[village],
            place_kind=place,
            place_name=f"{place.label} thôn {village % per_commune + 1:02d}",
            created_by_id=built.instructors[commune],
        )
        plan.append((community_class, built.instructors[commune], roster))
    classes = insert(CommunityClass, (entry[0] for entry in plan))
    through = CommunityClass.instructors.through
    insert_only(
        through,
        (
            through(communityclass_id=cls.pk, user_id=instructor)
            for cls, (_c, instructor, _r) in zip(classes, plan, strict=True)
        ),
    )
    insert_only(
        ClassMembership,
        (
            ClassMembership(community_class=cls, learner_id=learner, added_by_id=instructor)
            for cls, (_c, instructor, roster) in zip(classes, plan, strict=True)
            for learner in roster
        ),
    )
    sessions = insert(
        ClassSession,
        (
            ClassSession(
                community_class=cls,
                starts_at=built.days_ago(7 * (sizes.sessions_per_class - 1 - number)),
                topic=f"Buổi {number + 1}",
            )
            for cls in classes
            for number in range(sizes.sessions_per_class)
        ),
    )
    rosters = {
        cls.pk: (instructor, roster)
        for cls, (_c, instructor, roster) in zip(classes, plan, strict=True)
    }
    past = [s for s in sessions if s.starts_at < built.days_ago(1)]
    insert_only(
        AttendanceMark,
        (
            AttendanceMark(
                session=session,
                learner_id=learner,
                status=AttendanceStatus.PRESENT if rng.random() < 0.8 else AttendanceStatus.ABSENT,
                marked_by_id=rosters[session.community_class_id][0],
            )
            for session in past
            for learner in rosters[session.community_class_id][1]
        ),
    )
    built.classes = [
        (cls.pk, instructor, roster)
        for cls, (_c, instructor, roster) in zip(classes, plan, strict=True)
    ]
