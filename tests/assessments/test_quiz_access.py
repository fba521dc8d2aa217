"""The rule of who may take which quiz (assessments.audience_access), and the query the
list, detail and start use agreeing with it."""

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from assessments.actions.quiz_access import quizzes_for_learner
from assessments.audience_access import QuizAccess, quiz_access
from lms.accounts.roles import Role
from lms.audiences import Audience

audiences = st.sampled_from(Audience.values)
learner_audiences = st.sampled_from(["", *Audience.values])


@settings(deadline=None)
@given(audiences, st.booleans(), learner_audiences, st.booleans())
def test_only_ones_own_audience_is_own(quiz_audience, practice, learner_audience, manages):
    access = quiz_access(
        quiz_audience=quiz_audience,
        open_for_practice=practice,
        learner_audience=learner_audience,
        manages_quizzes=manages,
    )
    assert (access == QuizAccess.OWN) == (learner_audience == quiz_audience)
    if learner_audience != quiz_audience:
        # another audience's quiz: only when opened for practice, or staff previewing
        assert (access is not None) == (practice or manages)


@pytest.mark.django_db
def test_the_query_agrees_with_the_rule(make_user, bank, make_quiz):
    quizzes = [
        make_quiz(bank[:1], audience=audience, open_for_practice=practice, slug=f"q-{i}")
        for i, (audience, practice) in enumerate(itertools.product(Audience.values, (False, True)))
    ]
    make_quiz(bank[:1], audience="resident", is_published=False, slug="draft")
    people = [make_user(Role.LEARNER, audience=a) for a in ["", *Audience.values]]
    people.append(make_user(Role.INSTRUCTOR, audience=""))
    for person in people:
        visible = set(quizzes_for_learner(person).values_list("slug", flat=True))
        expected = {
            quiz.slug
            for quiz in quizzes
            if quiz_access(
                quiz_audience=quiz.audience,
                open_for_practice=quiz.open_for_practice,
                learner_audience=person.audience,
                manages_quizzes=person.has_perm("assessments.change_quiz"),
            )
        }
        assert visible == expected, person.audience
