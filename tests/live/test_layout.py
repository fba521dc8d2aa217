"""Issue 11 §2 for the live app: actions split by concern, modules under
~400 lines, views and the consumer thin callers that never import each other."""

import ast
from pathlib import Path

import assessments.live

LIVE = Path(assessments.live.__file__).parent


def _imports(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom):
            names.add("." * node.level + (node.module or ""))
            names.update(f"{'.' * node.level}{node.module or ''}.{a.name}" for a in node.names)
        elif isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
    return names


def test_views_never_import_the_consumer():
    imported = _imports(LIVE / "views.py")
    assert not any("consumers" in name for name in imported), imported


def test_views_and_consumer_write_nothing_themselves():
    for name in ("views.py", "consumers.py"):
        source = (LIVE / name).read_text()
        for write in (".save(", ".update(", ".create(", ".delete(", "select_for_update"):
            assert write not in source, (name, write)


def test_every_live_module_is_under_400_lines():
    for path in LIVE.rglob("*.py"):
        if "migrations" in path.parts:
            continue
        assert len(path.read_text().splitlines()) <= 400, path


def test_actions_are_split_by_concern():
    modules = {p.stem for p in (LIVE / "actions").glob("*.py")}
    assert {"access", "joining", "answers", "transitions", "outcomes"} <= modules
