"""`manage.py bench_data`: refuses where it must, and on PostgreSQL builds a
small province whose figures hold together (the same code builds 300,000)."""

from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from tests.cms.fixtures import framework, library, make_image, make_item  # noqa: F401

SMALL = [
    "--no-demo",
    "--learners=300",
    "--communes=2",
    "--villages=3",
    "--classes=6",
    "--courses=4",
    "--yes-i-know",
]
on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the bench dataset is built on PostgreSQL only"
)


@pytest.fixture
def small_library(make_item):  # noqa: F811
    from tests.factories import QuizFactory

    for index in range(3):
        make_item(f"Hướng dẫn đo {index}")
    QuizFactory(slug="hoan-thanh-nguoi-dan", counts_for_certificate=True)


@pytest.mark.django_db
def test_refuses_outside_postgresql():
    if connection.vendor == "postgresql":
        pytest.skip("this database is PostgreSQL: the PostgreSQL tests below cover it")
    with pytest.raises(CommandError, match="PostgreSQL"):
        call_command("bench_data", *SMALL)


@on_postgresql
@pytest.mark.django_db
def test_refuses_with_debug_off_unless_told(settings, small_library):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="--yes-i-know"):
        call_command("bench_data", *[arg for arg in SMALL if arg != "--yes-i-know"])


@on_postgresql
@pytest.mark.django_db
def test_refuses_next_to_real_accounts(make_user, small_library):
    make_user(username="nguoi-that")
    with pytest.raises(CommandError, match="1 real accounts"):
        call_command("bench_data", *SMALL)
    from lms.units.models import Unit

    assert not Unit.objects.filter(code="BENCH").exists()


@on_postgresql
@pytest.mark.django_db
def test_builds_a_consistent_province_once(small_library):
    from assessments.certificates.models import Certificate
    from assessments.certificates.records import hash_matches
    from courses.models import AttendanceMark, ClassMembership, CourseStep, Enrolment
    from lms.accounts.models import User
    from lms.units.models import Unit
    from movement.models import CertifiedDaily, PopulationFigure, ReportedIndicatorValue

    call_command("bench_data", *SMALL)

    assert Unit.objects.filter(path__startswith="BENCH/").count() == 1 + 2 + 2 * 3
    learners = User.objects.filter(username__startswith="bench-l")
    assert learners.count() == 300
    assert set(learners.values_list("home_unit__kind", flat=True)) <= {
        "village",
        "residential_group",
    }
    # 3 library steps each; only the resident course has a completion quiz to end in.
    assert CourseStep.objects.filter(course__slug__startswith="bench-").count() == 4 * 3 + 1
    assert Enrolment.objects.filter(user__in=learners).exists()
    assert ClassMembership.objects.count() > 0 and AttendanceMark.objects.count() > 0
    certificates = Certificate.objects.filter(user__in=learners)
    assert certificates.exists()
    assert all(hash_matches(cert) for cert in certificates.select_related("framework", "unit")[:20])
    # The roll-up the dashboards read adds up to the certificates issued.
    assert sum(CertifiedDaily.objects.values_list("count", flat=True)) == certificates.count()
    assert PopulationFigure.objects.filter(unit__path__startswith="BENCH/").count() == 6 * 4
    assert (
        ReportedIndicatorValue.objects.filter(unit__path__startswith="BENCH/").count() == 6 * 8 * 4
    )

    # Past quarters are closed as in production: each keeps what closing stores,
    # every unit's figures, the province's certified count the roll-up's up to then.
    from movement import indicators
    from movement.closing import frozen_kinds
    from movement.models import ClosedQuarterFigure, ReportingPeriod

    province = Unit.objects.get(code="BENCH")
    closed = ReportingPeriod.objects.filter(closed_at__isnull=False)
    assert closed.exists()
    for period in closed:
        frozen = ClosedQuarterFigure.objects.filter(period=period, unit__path__startswith="BENCH/")
        assert frozen.count() == 9 * len(frozen_kinds())
        end = indicators.quarter_end(period.year, period.quarter)
        certified = dict(
            frozen.filter(unit=province, indicator="certified").values_list("audience", "achieved")
        )
        for audience, achieved in certified.items():
            cells = CertifiedDaily.objects.filter(audience=audience, day__lte=end)
            assert achieved == sum(cells.values_list("count", flat=True))

    with pytest.raises(CommandError, match="already holds a bench dataset"):
        call_command("bench_data", *SMALL)


def test_bench_files_stay_out_of_the_checkout(monkeypatch, tmp_path):
    """The scale bench's template (the demo's submitted report) and each size's
    database write their files to one directory outside the source tree, so a
    second checkout reading the same databases finds them."""
    from tests.bench import scale

    monkeypatch.setenv("BENCH_FILES_DIR", str(tmp_path))
    base = "postgres://postgres@127.0.0.1:5432/hvs_bench"
    template = scale._env(scale._database_url(base, "hvs_bench_tpl"), "hvs_bench")
    size = scale._env(scale._database_url(base, "hvs_bench_10000"), "hvs_bench")
    for setting in ("MEDIA_ROOT", "PRIVATE_MEDIA_ROOT"):
        assert template[setting] == size[setting]
        assert Path(size[setting]).is_relative_to(tmp_path)
        assert not Path(size[setting]).is_relative_to(scale.ROOT)


def test_bench_data_moves_only_roots_inside_the_source_tree(tmp_path, monkeypatch):
    from movement.benchdata.files import roots_outside

    monkeypatch.setenv("BENCH_FILES_DIR", str(tmp_path / "bench"))
    source = tmp_path / "checkout"
    moved = roots_outside(
        source,
        {"MEDIA_ROOT": source / "media", "PRIVATE_MEDIA_ROOT": tmp_path / "elsewhere"},
        "hvs_x",
    )
    assert moved == {"MEDIA_ROOT": tmp_path / "bench" / "hvs-bench" / "hvs_x" / "media"}
