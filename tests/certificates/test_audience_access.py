"""Who may take which completion quiz (issue 10, point 2): a learner takes the
completion quiz of their own audience; a quiz opened to other audiences for
practice issues them no certificate; the audience changes only by an explicit,
recorded step."""

import pytest
from django.urls import reverse
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from assessments.certificates.issuing import do_issue_if_eligible
from assessments.certificates.models import Certificate
from assessments.models import Attempt
from lms.accounts.audience import AudienceLocked, do_change_audience
from lms.accounts.roles import Role
from lms.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


def api_for(user):
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
    return api


@pytest.fixture
def official(make_user, unit_tree):
    return make_user(Role.LEARNER, audience="official", home_unit=unit_tree["village"])


def test_api_refuses_another_audiences_completion_quiz(official, completion_quiz):
    api = api_for(official)
    assert api.get(f"/api/v1/quizzes/{completion_quiz.slug}/").status_code == 404
    response = api.post(f"/api/v1/quizzes/{completion_quiz.slug}/start/")
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"
    assert completion_quiz.slug not in str(api.get("/api/v1/quizzes/").json())
    assert not Attempt.objects.exists()


def test_html_refuses_another_audiences_completion_quiz(client, official, completion_quiz):
    client.force_login(official)
    assert client.get(reverse("assessments:quiz", args=[completion_quiz.slug])).status_code == 404
    start = client.post(reverse("assessments:start", args=[completion_quiz.slug]))
    assert start.status_code == 404
    assert not Attempt.objects.exists()


def test_own_audience_takes_it_through_the_api(learner, completion_quiz):
    api = api_for(learner)
    assert api.get(f"/api/v1/quizzes/{completion_quiz.slug}/").status_code == 200
    assert api.post(f"/api/v1/quizzes/{completion_quiz.slug}/start/").status_code == 201


def test_a_practice_open_quiz_is_taken_but_issues_no_other_audiences_certificate(
    official, learner, completion_quiz, take_quiz, client
):
    completion_quiz.open_for_practice = True
    completion_quiz.save()
    api = api_for(official)
    assert api.get(f"/api/v1/quizzes/{completion_quiz.slug}/").status_code == 200
    started = api.post(f"/api/v1/quizzes/{completion_quiz.slug}/start/")
    assert started.status_code == 201
    attempt = take_quiz(official, completion_quiz)
    assert attempt.passed and attempt.learner_audience == "official"
    result = do_issue_if_eligible(official, "resident", completion_quiz.framework)
    assert result.certificate is None
    assert not Certificate.objects.filter(user=official).exists()
    client.force_login(official)
    page = client.get(reverse("assessments:quiz", args=[completion_quiz.slug]))
    assert page.status_code == 200
    # the learner of the quiz's own audience still earns it
    take_quiz(learner, completion_quiz)
    assert do_issue_if_eligible(learner, "resident", completion_quiz.framework).certificate


def test_an_attempt_taken_under_another_audience_never_counts_after_a_change(
    official, completion_quiz, take_quiz, make_user
):
    completion_quiz.open_for_practice = True
    completion_quiz.save()
    take_quiz(official, completion_quiz)  # practice, as an official
    do_change_audience(actor=official, person=official, audience="resident")
    result = do_issue_if_eligible(official, "resident", completion_quiz.framework)
    assert result.certificate is None


# --- changing one's audience ----------------------------------------------------


def test_a_learner_changes_their_audience_before_any_certificate(client, learner):
    client.force_login(learner)
    response = client.post(reverse("accounts:change_audience"), {"audience": "official"})
    assert response.status_code == 302
    learner.refresh_from_db()
    assert learner.audience == "official"
    event = AuditEvent.objects.get(verb="accounts.audience_changed")
    assert event.actor == learner and event.target_id == str(learner.pk)
    assert event.extra == {"old": "resident", "new": "official"}


def test_a_certificate_holder_cannot_change_their_own_audience(client, certificate, learner):
    client.force_login(learner)
    response = client.post(reverse("accounts:change_audience"), {"audience": "official"})
    assert response.status_code == 409
    learner.refresh_from_db()
    assert learner.audience == "resident"
    assert not AuditEvent.objects.filter(verb="accounts.audience_changed").exists()
    with pytest.raises(AudienceLocked):
        do_change_audience(actor=learner, person=learner, audience="official")


def test_a_unit_manager_changes_the_audience_of_someone_in_scope(
    client, certificate, learner, make_user, unit_tree
):
    manager = make_user(Role.UNIT_MANAGER, home_unit=unit_tree["hoan_kiem"], audience="")
    client.force_login(manager)
    url = reverse("accounts:change_person_audience", args=[learner.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"audience": "official"})
    assert response.status_code == 302
    learner.refresh_from_db()
    assert learner.audience == "official"
    event = AuditEvent.objects.get(verb="accounts.audience_changed")
    assert event.actor == manager and event.extra == {"old": "resident", "new": "official"}


def test_a_manager_elsewhere_or_another_learner_cannot(client, learner, make_user, unit_tree):
    elsewhere = make_user(Role.UNIT_MANAGER, home_unit=unit_tree["son_mai"], audience="")
    other = make_user(Role.LEARNER, home_unit=unit_tree["village"])
    url = reverse("accounts:change_person_audience", args=[learner.pk])
    for person in (elsewhere, other):
        client.force_login(person)
        assert client.post(url, {"audience": "official"}).status_code == 404
    learner.refresh_from_db()
    assert learner.audience == "resident"
    assert not AuditEvent.objects.filter(verb="accounts.audience_changed").exists()


def test_an_unknown_audience_changes_nothing(client, learner):
    client.force_login(learner)
    response = client.post(reverse("accounts:change_audience"), {"audience": "alien"})
    assert response.status_code == 400
    learner.refresh_from_db()
    assert learner.audience == "resident"
