"""lms/core/model_copy.py: the same copy as ``copy.copy`` of a model instance."""

import copy

import pytest

from lms.core.model_copy import model_copy

pytestmark = pytest.mark.django_db


def test_a_copy_has_the_same_fields_and_its_own_state_and_related_cache(make_user):
    from lms.audit.models import AuditEvent

    user = make_user()
    event = AuditEvent.objects.create(actor=user, verb="test.copied")
    event = AuditEvent.objects.select_related("actor").get(pk=event.pk)
    mine, django_s = model_copy(event), copy.copy(event)
    assert type(mine) is AuditEvent
    # (Django's also keeps the version its pickling hook notes.)
    assert mine.__dict__.keys() == django_s.__dict__.keys() - {"_django_version"}
    assert mine._state.__dict__.keys() == django_s._state.__dict__.keys()
    assert mine.pk == event.pk and mine.actor is event.actor and mine == event
    mine.verb = "changed"
    mine._state.fields_cache.clear()
    mine.note_for_this_request = "x"
    assert event.verb == "test.copied" and event._state.fields_cache
    assert not hasattr(event, "note_for_this_request")
    assert mine._state.db == event._state.db and mine._state.adding is False
