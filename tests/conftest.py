"""Shared fixtures: small factories that build exactly what a test needs."""

import itertools
import os

import pytest

from lms.accounts.roles import Role, grant_role

_counter = itertools.count(1)
PASSWORD = "Mat-khau-rat-manh-2025"


@pytest.fixture(autouse=True)
def _fresh_cache():
    # The page cache and axes counters live in the cache: no test sees another's.
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def make_unit(db):
    from lms.units.models import Unit, UnitKind

    def make(name="Phường Thử Nghiệm", kind=UnitKind.WARD, parent=None, code=None):
        code = code or f"T{next(_counter):05d}"
        return Unit.objects.create(
            code=code,
            name=name,
            kind=kind,
            parent=parent,
            path=f"{parent.path if parent else ''}{code}/",
        )

    return make


@pytest.fixture
def unit_tree(make_unit):
    """Two provinces, a ward in each, and a village in the first ward."""
    from lms.units.models import UnitKind

    hanoi = make_unit("Thành phố Hà Nội", UnitKind.CITY, code="01")
    hoan_kiem = make_unit("Phường Hoàn Kiếm", UnitKind.WARD, parent=hanoi, code="00070")
    village = make_unit(
        "Tổ dân phố số 1", UnitKind.RESIDENTIAL_GROUP, parent=hoan_kiem, code="00070-001"
    )
    quang_ngai = make_unit("Tỉnh Quảng Ngãi", UnitKind.PROVINCE, code="51")
    son_mai = make_unit("Xã Sơn Mai", UnitKind.COMMUNE, parent=quang_ngai, code="21700")
    return {
        "hanoi": hanoi,
        "hoan_kiem": hoan_kiem,
        "village": village,
        "quang_ngai": quang_ngai,
        "son_mai": son_mai,
    }


@pytest.fixture
def make_user(db):
    from lms.accounts.models import User

    def make(
        role: Role | None = Role.LEARNER,
        *,
        username=None,
        phone=None,
        email="",
        full_name="Nguyễn Văn An",
        home_unit=None,
        audience="resident",
        password=PASSWORD,
    ):
        user = User(
            username=username or f"user{next(_counter)}",
            phone=phone,
            email=email,
            full_name=full_name,
            home_unit=home_unit,
            audience=audience,
        )
        user.set_password(password)
        user.save()
        if role is not None:
            grant_role(user, role)
        return user

    return make


@pytest.fixture
def chromium_path():
    """Debian's Chromium for browser tests: skipped without it, except in CI."""
    path = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
    if not os.path.exists(path):
        if os.environ.get("CI") == "true":
            pytest.fail(f"Chromium is required in CI but {path} does not exist")
        pytest.skip(f"browser test skipped: no Chromium at {path} (apt-get install chromium)")
    return path


BROWSER_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture
def browser(chromium_path, monkeypatch):
    """Headless Debian Chromium driven by Playwright's sync API."""
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; the live server
    # does its database work in its own threads, so Django's guard is moot here.
    # Set for this test only: it must never leak into a deployment check.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=chromium_path, args=BROWSER_ARGS)
        yield launched
        launched.close()
