"""Learners across the four audiences, living in the villages, plus the staff
who run the classes and read the dashboards. No usable passwords except the
staff's (the bench signs them in)."""

from __future__ import annotations

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group

from lms.accounts.models import User
from lms.accounts.roles import Role
from lms.accounts.search import person_search_text

from .plan import PREFIX, Built, insert, person_name, pick_audience

STAFF_PASSWORD = "bench-password"  # noqa: S105 - throw-away bench accounts only


def _role_group(role: Role) -> Group:
    return Group.objects.get_or_create(name=role.value)[0]


def _learner(index: int, built: Built, village_index: int, audience: str) -> User:
    name = person_name(built.rng)
    username = f"{PREFIX}l{index:06d}"
    user = User(
        username=username,
        full_name=name,
        audience=audience,
        home_unit=built.villages[village_index],
        password="!",  # noqa: S106 - unusable; the bench signs learners in directly
        date_joined=built.days_ago(built.rng.uniform(1, 700)),
    )
    user.search_text = person_search_text(full_name=name, username=username, email="", phone=None)[
        :600
    ]
    return user


def build_learners(built: Built) -> None:
    village_count = len(built.villages)
    plan = [
        (index, built.rng.randrange(village_count), pick_audience(built.rng))
        for index in range(built.sizes.learners)
    ]
    users = insert(User, (_learner(i, built, village, aud) for i, village, aud in plan))
    built.learners = [
        (user.pk, aud, village) for user, (_i, village, aud) in zip(users, plan, strict=True)
    ]
    learner_group = _role_group(Role.LEARNER)
    insert(
        User.groups.through,
        (User.groups.through(user_id=pk, group_id=learner_group.pk) for pk, *_ in built.learners),
    )


def _staff(username: str, full_name: str, unit, role: Role, password: str) -> User:
    user = User(username=f"{PREFIX}{username}", full_name=full_name, home_unit=unit)
    user.password = password
    user.refresh_search_text()
    user.save()
    user.groups.add(_role_group(role))
    return user


def build_staff(built: Built) -> None:
    """One instructor per commune, and a manager at each level the bench reads."""
    password = make_password(STAFF_PASSWORD)
    built.instructors = [
        _staff(f"gv{index:03d}", person_name(built.rng), commune, Role.INSTRUCTOR, password).pk
        for index, commune in enumerate(built.communes)
    ]
    levels = {
        "province": built.province,
        "commune": built.communes[0],
        "village": built.villages[0],
    }
    built.managers = {
        level: _staff(f"ql-{level}", f"Quản lý {level}", unit, Role.UNIT_MANAGER, password).pk
        for level, unit in levels.items()
    }
