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


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imported_modules(path: Path, known: set[str]) -> set[str]:
    """The project modules a file imports (module level and inside functions),
    relative imports resolved; ``from pkg import name`` counts ``pkg.name`` when
    that is a module, else ``pkg``."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    package = module_name(path).split(".")
    if path.name != "__init__.py":
        package = package[:-1]
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1]
                module = ".".join([*base, *([node.module] if node.module else [])])
            else:
                module = node.module or ""
            for alias in node.names:
                child = f"{module}.{alias.name}"
                found.add(child if child in known else module)
    return found & known


def import_cycles(app: str) -> list[list[str]]:
    """Cycles in the import graph of one app's modules (depth-first search)."""
    paths = {module_name(path): path for path in (ROOT / app).rglob("*.py")}
    known = set(paths)
    graph = {name: sorted(imported_modules(path, known) - {name}) for name, path in paths.items()}
    cycles, state = [], {}

    def visit(node, stack):
        state[node] = "open"
        stack.append(node)
        for target in graph[node]:
            if state.get(target) == "open":
                cycles.append([*stack[stack.index(target) :], target])
            elif target not in state:
                visit(target, stack)
        stack.pop()
        state[node] = "done"

    for name in sorted(graph):
        if name not in state:
            visit(name, [])
    return cycles


def test_no_import_cycle_among_cms_modules():
    cycles = import_cycles("cms")
    assert not cycles, "\n".join(" → ".join(cycle) for cycle in cycles)


def test_the_cycle_check_finds_a_cycle(tmp_path, monkeypatch):
    package = tmp_path / "pkg"
    (package / "sub").mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "a.py").write_text("from pkg.sub import b\n")
    (package / "sub" / "__init__.py").write_text("")
    (package / "sub" / "b.py").write_text("def f():\n    from ..a import x\n")
    monkeypatch.setitem(globals(), "ROOT", tmp_path)
    assert import_cycles("pkg") == [["pkg.a", "pkg.sub.b", "pkg.a"]]
