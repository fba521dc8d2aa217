"""Libraries that only some requests use are imported where they are used, not
when a module loads: every process start (the server's workers, each
management command, Celery, every test process) would pay for them."""

import ast
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)
APPS = ("lms", "assessments", "cms", "courses", "movement")
# openpyxl: ~0.2 s of CPU to import, for the spreadsheet exports and imports only.
IMPORTED_WHEN_USED = {"openpyxl"}


def module_level_imports(source: str) -> set[str]:
    names = set()
    for node in ast.parse(source).body:  # top-level statements only
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return names


def test_spreadsheet_library_is_imported_where_it_is_used():
    found = [
        str(path.relative_to(ROOT))
        for app in APPS
        for path in sorted((ROOT / app).rglob("*.py"))
        if module_level_imports(path.read_text(encoding="utf-8")) & IMPORTED_WHEN_USED
    ]
    assert found == []


def test_the_check_tells_module_level_from_function_level():
    source = "import io\nfrom openpyxl import Workbook\ndef f():\n    import zipfile\n"
    assert module_level_imports(source) == {"io", "openpyxl"}
