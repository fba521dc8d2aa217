"""No module over ~400 lines outside data and migrations (issue 11, COMMON.md): a
module that grows past it mixes concerns and gets split by concern."""

from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)
APPS = ("lms", "cms", "assessments", "courses", "movement")
MAX_LINES = 400

# Data, not code: each entry says what it holds. A module joins this list only
# when it is a table of values a reviewer reads as data.
DATA_MODULES = {
    # The Vietnamese demo library (guides, lessons, quizzes) that seed_demo loads.
    "cms/demo/content.py",
}


def app_modules():
    for app in APPS:
        for path in sorted((ROOT / app).rglob("*.py")):
            relative = path.relative_to(ROOT)
            if "migrations" in relative.parts:
                continue
            yield relative.as_posix(), path


def line_count(path: Path) -> int:
    return len(path.read_text(encoding="utf-8").splitlines())


def test_no_code_module_over_400_lines():
    too_long = [
        f"{name}: {count} lines"
        for name, path in app_modules()
        if name not in DATA_MODULES and (count := line_count(path)) > MAX_LINES
    ]
    assert not too_long, "split by concern:\n" + "\n".join(too_long)


def test_the_allow_list_names_only_existing_long_modules():
    # A data module that shrank or moved leaves the list, so it never shelters code.
    modules = dict(app_modules())
    stale = [
        name
        for name in sorted(DATA_MODULES)
        if name not in modules or line_count(modules[name]) <= MAX_LINES
    ]
    assert not stale, stale


def test_the_walk_sees_the_apps_and_skips_migrations():
    names = {name for name, _ in app_modules()}
    assert "lms/settings/base.py" in names
    assert "cms/models/items.py" in names
    assert not any("/migrations/" in name for name in names)
