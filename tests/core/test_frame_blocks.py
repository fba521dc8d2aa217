"""The site's frame (lms/templates/base.html) keeps its page-independent blocks
with the rest of the frame, per template extending it: ``head`` (a page's own
stylesheets), ``body_class`` and ``scripts`` are the same on every request of a
template, so a warm request no longer renders them, while each template still
shows its own. What changes per request stays a hole: the "My data" page's
refresh while an export is being prepared is in its ``meta`` block."""

import pytest
from django.urls import reverse

from lms.accounts.roles import Role
from lms.privacy.models import PrivacyRequest, RequestKind, RequestStatus

pytestmark = pytest.mark.django_db

MY_DATA = reverse("privacy:my_data")
KEPT_BLOCKS = {"head", "body_class", "scripts"}


@pytest.fixture
def learner(make_user):
    return make_user(Role.LEARNER)


def test_a_warm_page_renders_none_of_the_frames_kept_blocks(client, learner, blocks_rendered):
    client.force_login(learner)
    client.get(MY_DATA)
    blocks_rendered.clear()
    response = client.get(MY_DATA)
    assert response.status_code == 200
    assert "content" in blocks_rendered  # the page's own part is rendered every time
    assert not KEPT_BLOCKS & set(blocks_rendered), blocks_rendered


def test_each_template_keeps_its_own_blocks(client, learner):
    client.force_login(learner)
    for _ in range(2):  # the first render keeps the frame, the second reads it
        quizzes = client.get(reverse("assessments:quiz_list")).content.decode()
        data = client.get(MY_DATA).content.decode()
    assert "assessments/quiz" in quizzes and "assessments/quiz" not in data
    assert '<body class="">' in data


def _requests_refresh(client) -> bool:
    return '<meta http-equiv="refresh" content="5">' in client.get(MY_DATA).content.decode()


def test_my_data_refreshes_while_an_export_is_prepared_and_stops_when_it_is_ready(client, learner):
    client.force_login(learner)
    assert not _requests_refresh(client)
    export = PrivacyRequest.objects.create(
        kind=RequestKind.EXPORT,
        subject=learner,
        subject_ref=learner.pk,
        requested_by=learner,
        token="t0ken",
    )
    assert _requests_refresh(client)
    export.status = RequestStatus.READY
    export.save()
    assert not _requests_refresh(client)
