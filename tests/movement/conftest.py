"""A ward with two residential groups, a manager, residents holding certificates
(rows made directly: how they were earned is the certificates' tests' business)."""

import pytest
from django.utils import timezone

from lms.accounts.roles import Role
from lms.units.models import UnitKind
from movement import actions


@pytest.fixture(autouse=True)
def _private_media(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private-media"
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


@pytest.fixture
def ward(make_unit):
    province = make_unit("Tỉnh Quảng Ngãi", UnitKind.PROVINCE, code="51")
    ward = make_unit("Phường Lê Ích Mộc", UnitKind.WARD, parent=province, code="21001")
    group_1 = make_unit("Tổ dân phố 1", UnitKind.RESIDENTIAL_GROUP, parent=ward, code="21001-01")
    group_2 = make_unit("Tổ dân phố 2", UnitKind.RESIDENTIAL_GROUP, parent=ward, code="21001-02")
    other = make_unit("Xã Sơn Mai", UnitKind.COMMUNE, parent=province, code="21700")
    return {"province": province, "ward": ward, "g1": group_1, "g2": group_2, "other": other}


@pytest.fixture
def manager(make_user, ward):
    return make_user(Role.UNIT_MANAGER, username="quanly", home_unit=ward["ward"])


@pytest.fixture
def framework(db):
    from lms.framework.models import FrameworkVersion

    return FrameworkVersion.objects.get_or_create(
        code="test-757", defaults={"version": "1.0", "name": "Khung thử"}
    )[0]


@pytest.fixture
def certify(framework, django_capture_on_commit_callbacks):
    """Give a learner a valid certificate (the roll-up follows by the signal)."""
    from assessments.certificates.codes import new_code
    from assessments.certificates.models import Certificate

    def give(user, audience="resident", issued_at=None):
        with django_capture_on_commit_callbacks(execute=True):
            return Certificate.objects.create(
                user=user,
                full_name=user.full_name,
                audience=audience,
                framework=framework,
                unit=None,
                unit_name="Phường Lê Ích Mộc",
                issued_at=issued_at or timezone.now(),
                score_percent=90,
                code=new_code(),  # well-formed: the learner's home page shows it
                content_hash="0" * 64,
            )

    return give


@pytest.fixture
def residents(make_user, ward, certify):
    """Group 1: 3 residents, 2 certified; group 2: 2 residents, 1 certified."""
    people = {}
    for key, count, certified in (("g1", 3, 2), ("g2", 2, 1)):
        people[key] = []
        for index in range(count):
            user = make_user(home_unit=ward[key], full_name=f"Người dân {key}-{index}")
            if index < certified:
                certify(user)
            people[key].append(user)
    return people


@pytest.fixture
def figures(manager, ward, residents):
    """The ward aims at 80 % of its residents; group 1 has 3 residents, group 2 has 10."""
    today = timezone.localdate()
    actions.do_set_target(
        actor=manager,
        unit=ward["ward"],
        audience="resident",
        year=today.year,
        indicator="certified",
        percent=80,
    )
    for key, value in (("g1", 3), ("g2", 10)):
        actions.do_record_population(
            actor=manager,
            unit=ward[key],
            audience="resident",
            value=value,
            source="Thống kê",
            as_of=today,
        )
