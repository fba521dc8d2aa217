"""The rows every test of a session may assume, built once per test process
right after the migrations (tests/conftest.py's ``django_db_setup``) and kept
in the SQLite template (tests/db_template.py), beside what the migrations and
post_migrate leave (role groups with their permissions, Wagtail's root page and
default site):

- the shipped skills framework;
- the site's home page and the library root with its four audience shelves,
  published (cms.demo). Most library and course tests stand on them; built per
  test they cost each such test about half a second of page saves, revisions
  and publishing.

Ordinary tests roll back to these rows; transactional ones flush the tables and
restore them from the serialized copy (``serialized_rollback``)."""


def build() -> None:
    load_framework()
    build_library()


def load_framework() -> None:
    from lms.framework.loader import fixture_paths, load_framework_file

    for path in fixture_paths():
        load_framework_file(path)


def build_library() -> None:
    from cms.demo import ensure_home_page, ensure_library

    ensure_library(ensure_home_page())
