"""The shared factories build rows the application itself could have built."""

import pytest

from lms.accounts.roles import Role
from tests.factories import AttemptFactory, QuestionFactory, QuizFactory, UnitFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_a_user_gets_its_role_and_the_shared_password():
    user = UserFactory(role=Role.INSTRUCTOR, home_unit=UnitFactory())
    assert list(user.groups.values_list("name", flat=True)) == [Role.INSTRUCTOR.value]
    assert user.check_password("Mat-khau-rat-manh-2025")
    assert user.home_unit.path == f"{user.home_unit.code}/"


def test_a_nested_unit_extends_its_parents_path():
    parent = UnitFactory()
    child = UnitFactory(parent=parent)
    assert child.path == f"{parent.path}{child.code}/"


def test_a_quiz_of_factory_questions_can_be_taken_and_submitted():
    questions = [QuestionFactory(), QuestionFactory(codes=("ND.4.2",))]
    assert {c.code for c in questions[1].competencies.all()} == {"ND.4.2"}
    quiz = QuizFactory(questions=questions)
    assert quiz.framework.code == "757-v1.0"
    attempt = AttemptFactory(quiz=quiz, user=UserFactory(), submitted=True)
    assert attempt.submitted_at is not None
    assert attempt.slots.count() == 2
