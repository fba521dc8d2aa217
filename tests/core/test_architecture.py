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


# --- the certificates boundary (issue 11 §1) ----------------------------------------


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imported_modules(path: Path) -> set[str]:
    """Every module an import statement in ``path`` names (module level and inside
    functions), relative imports resolved, ``from package import submodule`` as the
    submodule when one exists."""
    package = module_name(path) if path.name == "__init__.py" else module_name(path.parent)
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            for alias in node.names:
                # ``from pkg import sub`` imports the submodule (the package's
                # __init__ only runs first); ``from pkg import name`` imports pkg.
                candidate = ROOT.joinpath(*f"{module}.{alias.name}".split("."))
                if candidate.with_suffix(".py").exists() or candidate.is_dir():
                    found.add(f"{module}.{alias.name}")
                else:
                    found.add(module)
    return found


def import_graph(package: str) -> dict[str, set[str]]:
    folder = ROOT.joinpath(*package.split("."))
    modules = {module_name(path): path for path in folder.rglob("*.py")}
    return {
        name: {target for target in imported_modules(path) if target in modules and target != name}
        for name, path in modules.items()
    }


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Every strongly connected group of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for target in sorted(graph[node]):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_no_import_cycle_between_certificate_modules():
    graph = import_graph("assessments.certificates")
    assert "assessments.certificates.tasks" in graph
    assert not cycles(graph), cycles(graph)
    # The one-way chain the split promised: tasks import the actions, never the reverse.
    for action_module in ("issuing", "documents", "notifications", "access"):
        assert (
            "assessments.certificates.tasks"
            not in graph[f"assessments.certificates.{action_module}"]
        )


def test_the_cycle_finder_sees_a_cycle():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


CORE = [
    "assessments/actions",
    "assessments/scoring",
    "assessments/models",
    "assessments/signals.py",
]


@pytest.mark.parametrize("core", CORE)
def test_the_assessments_core_does_not_import_certificates(core):
    target = ROOT / core
    paths = [target] if target.is_file() else sorted(target.rglob("*.py"))
    offenders = [
        f"{path.relative_to(ROOT)} imports {module}"
        for path in paths
        for module in sorted(imported_modules(path))
        if module == "assessments.certificates" or module.startswith("assessments.certificates.")
    ]
    assert not offenders, "\n".join(offenders)


def test_no_import_cycle_among_cms_modules():
    found = cycles(import_graph("cms"))
    assert not found, found


APPS = ("lms", "cms", "assessments", "courses", "movement")


def project_import_graph() -> dict[str, set[str]]:
    """Every module of the apps (migrations aside) and the project modules it
    imports, across app boundaries too."""
    paths = {
        module_name(path): path
        for app in APPS
        if (ROOT / app).is_dir()
        for path in (ROOT / app).rglob("*.py")
        if "migrations" not in path.relative_to(ROOT).parts
    }
    return {
        name: {target for target in imported_modules(path) if target in paths and target != name}
        for name, path in paths.items()
    }


def test_no_import_cycle_in_the_whole_project():
    # Function-level imports count: a cycle hidden inside a function is still two
    # modules that each need the other (issue 11 §1). A task queued by an action
    # lives beside the action (or in a module both import), never in a tasks.py
    # the action imports back.
    graph = project_import_graph()
    assert "movement.tasks" in graph and "lms.privacy.tasks" in graph
    found = cycles(graph)
    assert not found, found
