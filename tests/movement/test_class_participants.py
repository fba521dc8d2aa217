"""The "class participants" indicator counts, per unit subtree, the residents
marked present at a community class (courses), each once."""

from datetime import timedelta

import pytest
from django.utils import timezone

from courses.models import AttendanceMark, ClassSession, CommunityClass
from lms.accounts.roles import Role
from movement.catalogue import Indicator
from movement.registry import computed_provider


@pytest.mark.django_db
def test_participants_are_counted_once_in_every_unit_above(make_user, unit_tree):
    village, ward = unit_tree["village"], unit_tree["hoan_kiem"]
    community_class = CommunityClass.objects.create(
        name="Lớp dùng điện thoại thông minh", unit=village, place_kind="cultural_house"
    )
    now = timezone.now()
    first = ClassSession.objects.create(
        community_class=community_class, starts_at=now - timedelta(days=7)
    )
    second = ClassSession.objects.create(community_class=community_class, starts_at=now)
    learner = make_user(Role.LEARNER, home_unit=village)
    absent = make_user(Role.LEARNER, home_unit=village)
    for session in (first, second):
        AttendanceMark.objects.create(session=session, learner=learner, status="present")
    AttendanceMark.objects.create(session=first, learner=absent, status="absent")

    count = computed_provider(Indicator.CLASS_PARTICIPANTS)
    assert count(village, "resident", now.date()) == 1
    assert count(ward, "resident", now.date()) == 1
    assert count(ward, "resident", (now - timedelta(days=30)).date()) == 0
    assert count(unit_tree["son_mai"], "resident", now.date()) == 0
