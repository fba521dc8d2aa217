"""The dependency direction of DESIGN.md, checked on every import statement
(module level and inside functions): a lower app never names a higher one."""

import ast
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)

# The project's wiring (URLs, routing, API router, settings) is the one place in
# lms that names every app; the rest of lms is the core everything builds on.
LMS_WIRING = {"urls.py", "routing.py", "api.py", "asgi.py", "wsgi.py", "bench_urls.py"}

FORBIDDEN = {
    "lms": {"assessments", "cms", "courses", "movement"},
    "assessments": {"cms", "courses", "movement"},
    "courses": {"movement"},
    "cms": {"movement"},
    # Nothing imports movement; it reads lms, assessments (and courses, later).
    "movement": {"cms"},
}


def imported_top_levels(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return names


def modules_of(app: str):
    for path in sorted((ROOT / app).rglob("*.py")):
        relative = path.relative_to(ROOT / app)
        if app == "lms" and (relative.parts[0] == "settings" or str(relative) in LMS_WIRING):
            continue
        yield path


@pytest.mark.parametrize("app", sorted(FORBIDDEN))
def test_no_import_against_the_dependency_direction(app):
    if not (ROOT / app).is_dir():
        pytest.skip(f"{app}/ does not exist yet")
    offenders = []
    for path in modules_of(app):
        wrong = imported_top_levels(path) & FORBIDDEN[app]
        if wrong:
            offenders.append(f"{path.relative_to(ROOT)} imports {', '.join(sorted(wrong))}")
    assert not offenders, "\n".join(offenders)


def test_the_check_sees_function_level_imports(tmp_path):
    module = tmp_path / "m.py"
    module.write_text("def f():\n    from cms.models import X\n    import courses.api\n")
    assert imported_top_levels(module) == {"cms", "courses"}
