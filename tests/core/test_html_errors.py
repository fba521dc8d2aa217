"""One decorator turns an action's error into the styled page, a flash message
or a form error (lms/html_errors.py), driven through real views."""

import pytest
from django import forms
from django.test import RequestFactory
from django.urls import reverse

from lms.accounts.roles import Role
from lms.errors import ActionError, Conflict
from lms.html_errors import action_errors, reported_on


@pytest.mark.django_db
def test_an_action_error_answers_the_styled_page_with_its_status(rf: RequestFactory):
    from django.contrib.auth.models import AnonymousUser

    @action_errors
    def view(request):
        raise Conflict("Đã có người khác thay đổi.")

    request = rf.post("/")
    request.user = AnonymousUser()
    response = view(request)
    assert response.status_code == 409
    html = response.content.decode()
    assert "Đã có người khác thay đổi." in html
    assert "Không thực hiện được" in html
    assert "site.css" in html


def test_reported_on_puts_the_message_on_the_form_and_keeps_the_status():
    form = forms.Form(data={})
    form.is_valid()
    with reported_on(form) as outcome:
        raise Conflict("Trùng tên.")
    assert outcome.status == 409
    assert form.non_field_errors() == ["Trùng tên."]


@pytest.mark.django_db
def test_a_reset_code_for_someone_outside_the_scope_is_the_styled_404(client, make_user, unit_tree):
    manager = make_user(Role.UNIT_MANAGER, home_unit=unit_tree["hoan_kiem"])
    stranger = make_user(Role.LEARNER, home_unit=unit_tree["son_mai"])
    client.force_login(manager)
    response = client.post(reverse("accounts:issue_reset_code", args=[stranger.pk]))
    assert response.status_code == 404
    assert "Không tìm thấy trang" in response.content.decode()


def test_refusals_too_puts_a_404_on_the_form():
    from lms.errors import NotFound

    form = forms.Form(data={})
    form.is_valid()
    with pytest.raises(NotFound), reported_on(form):
        raise NotFound("Không có mã này.")
    with reported_on(form, refusals_too=True) as outcome:
        raise NotFound("Không có mã này.")
    assert outcome.status == 404
    assert form.non_field_errors() == ["Không có mã này."]


def test_answer_takes_every_refusal_and_hidden_ones_are_404(rf: RequestFactory):
    from django.http import Http404, HttpResponse

    from lms.errors import NotFound, PermissionDenied

    def in_words(request, error):
        return HttpResponse(str(error.message), status=error.status)

    @action_errors(answer=in_words)
    def plain(request):
        raise NotFound("Không có.")

    response = plain(rf.get("/"))
    assert (response.status_code, response.content.decode()) == (404, "Không có.")

    @action_errors(hidden=(PermissionDenied,))
    def hidden(request):
        raise PermissionDenied("Không phải của bạn.")

    with pytest.raises(Http404):
        hidden(rf.get("/"))


def _all_subclasses(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from _all_subclasses(sub)


def test_every_refusal_by_state_is_a_conflict():
    # One class says "the thing's state refuses this" (409), so handlers and
    # clients can rely on it; a hand-written 409 elsewhere would drift.
    import importlib

    for module in (
        "assessments.certificates.errors",
        "assessments.live.errors",
        "courses.errors",
        "lms.backup.errors",
        "lms.privacy.erasure",
        "lms.accounts.audience",
        "movement.errors",
    ):
        importlib.import_module(module)
    stray = [
        f"{cls.__module__}.{cls.__qualname__}"
        for cls in _all_subclasses(ActionError)
        if cls.status == 409
        and not issubclass(cls, Conflict)
        and not cls.__module__.startswith("tests.")
    ]
    assert stray == []
