"""A populated installation (attempts, a signed certificate, a live session
with answers, audit events, media) and a second, empty database to restore into."""

import contextlib

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connections
from django.db.utils import load_backend
from django.test.utils import override_settings

from assessments.live import actions as live
from assessments.scoring import correct_response
from lms.accounts.roles import Role
from lms.audit.record import record_event
from tests.certificates.conftest import (  # noqa: F401
    _private_dirs,
    completion_quiz,
    framework,
    issuer,
    learner,
    resident_areas,
    take_quiz,
)

KEY = "thu-nghiem-khoa-sao-luu-du-dai-32-ky-tu-tro-len"
RESTORED = "restored"


@pytest.fixture(autouse=True)
def _same_cache_epoch_after():
    # A restore renews this process's cache epoch; the rolled-back database has the old one.
    from lms.backup import epoch

    before = epoch.current()
    yield
    epoch.set_current(before)


@pytest.fixture
def backup_key(monkeypatch):
    monkeypatch.setenv("BACKUP_ENCRYPTION_KEY", KEY)
    return KEY


@pytest.fixture
def certificate(learner, completion_quiz, take_quiz, issuer):  # noqa: F811
    """Committed data (transactional tests): submitting issues it after the commit."""
    from assessments.certificates.issuing import do_issue_if_eligible

    take_quiz(learner, completion_quiz)
    return do_issue_if_eligible(learner, "resident", completion_quiz.framework).certificate


@pytest.fixture
def populated(certificate, completion_quiz, learner, make_user):  # noqa: F811
    """What an installation holds after a morning of classes."""
    from assessments.certificates.documents import signed_credential

    instructor = make_user(Role.INSTRUCTOR, audience="", full_name="Cô Lan")
    session = live.do_start_session(
        instructor, quiz=completion_quiz, options=live.SessionOptions(title="Lớp sáng thứ Hai")
    )
    guest = live.do_join(session, name="Bà Hoa")
    live.do_advance(session, instructor)
    session.refresh_from_db()
    spec = session.questions.get(position=0).question_version.question_spec
    live.do_answer(guest, 0, correct_response(spec))
    record_event(actor=learner, verb="test.before_backup", target=certificate)
    default_storage.save("library/so-tay.txt", ContentFile("Sổ tay an toàn số".encode()))
    return {
        "certificate": certificate,
        "credential": signed_credential(certificate),  # creates the signing key too
        "session": session,
        "learner": learner,
    }


class _Everything:
    def __init__(self, alias):
        self.alias = alias

    def db_for_read(self, model, **hints):
        return self.alias

    db_for_write = db_for_read

    def allow_relation(self, *args, **hints):
        return True


@contextlib.contextmanager
def routed_to(alias):
    """Every ORM query goes to ``alias`` (reading the restored installation)."""
    with override_settings(DATABASE_ROUTERS=[_Everything(alias)]):
        yield


def _admin_cursor():
    return connections["default"].cursor()


@pytest.fixture
def restore_target(tmp_path):
    """A new, empty database registered as the ``restored`` alias; dropped after."""
    source = connections["default"].settings_dict
    target = {**source}
    if connections["default"].vendor == "postgresql":
        name = f"{source['NAME'].removeprefix('test_')}_restore_test"
        target["NAME"] = name
        with _admin_cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            cursor.execute(f'CREATE DATABASE "{name}"')
    else:
        target["NAME"] = str(tmp_path / "restored.sqlite3")
    # Set as a connection, not in settings: Django's tests allow such dynamic aliases.
    connections[RESTORED] = load_backend(target["ENGINE"]).DatabaseWrapper(target, RESTORED)
    yield RESTORED
    connections[RESTORED].close()
    del connections[RESTORED]
    if connections["default"].vendor == "postgresql":
        with _admin_cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{target["NAME"]}" WITH (FORCE)')


def table_names(alias) -> list[str]:
    connection = connections[alias]
    with connection.cursor() as cursor:
        return connection.introspection.table_names(cursor)
