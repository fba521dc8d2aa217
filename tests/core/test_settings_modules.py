"""lms/settings/base.py gathers the settings of one module per concern with star
imports: a setting assigned in two of them would silently take the value of
whichever base.py imports last (imports are sorted by name, not by meaning)."""

import ast
from collections import defaultdict
from pathlib import Path

from django.conf import settings

FOLDER = Path(settings.BASE_DIR) / "lms" / "settings"
# The environments choose their own values on top of base.py, on purpose.
ENVIRONMENTS = {"dev.py", "test.py", "production.py", "bench.py", "__init__.py"}


def assigned_settings(path: Path) -> set[str]:
    """Upper-case names a module assigns at its top level and a star import passes
    on (imports and _private names excluded)."""
    names = set()
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        targets = []
        if isinstance(node, ast.Assign):
            targets = node.targets
        elif isinstance(node, ast.AnnAssign | ast.AugAssign):
            targets = [node.target]
        for target in targets:
            for name in ast.walk(target):
                if isinstance(name, ast.Name) and name.id.isupper() and name.id[0] != "_":
                    names.add(name.id)
    return names


def test_each_setting_is_assigned_by_one_module_only():
    owners = defaultdict(list)
    for path in sorted(FOLDER.glob("*.py")):
        if path.name not in ENVIRONMENTS:
            for name in assigned_settings(path):
                owners[name].append(path.name)
    shared = {name: files for name, files in owners.items() if len(files) > 1}
    assert not shared, shared


def test_the_check_sees_a_setting_assigned_twice(tmp_path):
    module = tmp_path / "m.py"
    module.write_text("from .x import Y\nA = 1\nB: int = 2\nA += 1\nlower = 3\n_P = 4\n")
    assert assigned_settings(module) == {"A", "B"}


def test_base_gathers_every_concern():
    # One setting of each module reaches django.conf.settings.
    assert settings.DATABASES["default"]["ENGINE"]  # databases.py
    assert "KEY_FUNCTION" in settings.CACHES["default"]  # services.py
    assert settings.AUTH_USER_MODEL == "accounts.User"  # security.py
    assert settings.STORAGES["private"]  # storage.py
    assert settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]["object-src"]  # content_security.py
    assert {"mp4", "webm", "pdf"} <= set(settings.WAGTAILDOCS_EXTENSIONS)  # library.py
    assert settings.ASSESSMENTS_RECOMMENDER  # assessments.py
    assert settings.LIVE_MAX_PARTICIPANTS  # live.py
    assert settings.PRIVACY_NOTICE_VERSION  # privacy.py
    assert settings.MOVEMENT_AMBASSADOR_MAX_LEARNERS  # movement.py
    assert {
        "assessments-submit-expired-attempts",
        "certificates-check-integrity",
        "privacy-apply-retention",
        "movement-rebuild-rollup",
    } <= set(settings.CELERY_BEAT_SCHEDULE)
