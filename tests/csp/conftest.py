"""The CSP tests visit every kind of page, so they borrow each app's fixtures."""

import pytest

from lms.accounts.roles import Role
from tests.assessments.conftest import bank, make_question, make_quiz, quiz  # noqa: F401
from tests.certificates.conftest import (  # noqa: F401
    certificate,
    completion_quiz,
    issuer,
    learner,
    resident_areas,
    take_quiz,
)
from tests.cms.fixtures import framework, library, make_image, make_item  # noqa: F401
from tests.live.conftest import live_questions, make_session, session  # noqa: F401


@pytest.fixture
def instructor(make_user):
    return make_user(Role.INSTRUCTOR, audience="", full_name="Cô Lan")
