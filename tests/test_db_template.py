"""The SQLite template database (tests/db_template.py) is used only while
everything that shapes the migrated database is unchanged."""

from tests import db_template


def _tree(root):
    migrations = root / "lms" / "units" / "migrations"
    migrations.mkdir(parents=True)
    (migrations / "0001_initial.py").write_text("operations = []\n")
    (root / "lms" / "framework").mkdir()
    (root / "lms" / "framework" / "757.json").write_text("{}")
    return migrations


def test_a_changed_migration_or_data_file_names_a_new_template(tmp_path):
    migrations = _tree(tmp_path)
    first = db_template.digest(tmp_path)
    assert db_template.digest(tmp_path) == first

    (migrations / "0001_initial.py").write_text("operations = [1]\n")
    second = db_template.digest(tmp_path)
    assert second != first

    (tmp_path / "lms" / "framework" / "757.json").write_text('{"v": 2}')
    assert db_template.digest(tmp_path) not in {first, second}


def test_a_new_migration_names_a_new_template(tmp_path):
    migrations = _tree(tmp_path)
    first = db_template.digest(tmp_path)
    (migrations / "0002_more.py").write_text("operations = []\n")
    assert db_template.digest(tmp_path) != first


def test_a_changed_set_of_shared_rows_names_a_new_template(tmp_path):
    _tree(tmp_path)
    (tmp_path / "tests").mkdir()
    shared_rows = tmp_path / "tests" / "shared_rows.py"
    shared_rows.write_text("def build(): load_framework()\n")
    first = db_template.digest(tmp_path)
    shared_rows.write_text("def build(): load_framework(); build_library()\n")
    assert db_template.digest(tmp_path) != first


def test_compiled_files_do_not_count(tmp_path):
    migrations = _tree(tmp_path)
    first = db_template.digest(tmp_path)
    (migrations / "__pycache__").mkdir()
    (migrations / "__pycache__" / "0001_initial.cpython-311.pyc").write_bytes(b"\0")
    assert db_template.digest(tmp_path) == first
