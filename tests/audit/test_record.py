import pytest
from django.db import transaction

from lms.audit.models import AuditEvent
from lms.audit.record import events_for, record_event


@pytest.mark.django_db
def test_event_keeps_labels_after_actor_is_deleted(make_user, unit_tree):
    manager = make_user(username="quanly_thu")
    learner = make_user(username="hocvien_thu")
    record_event(
        actor=manager,
        verb="accounts.reset_code_issued",
        target=learner,
        unit=unit_tree["hoan_kiem"],
        extra={"why": "quên mật khẩu"},
    )
    manager.delete()
    event = events_for(learner).get()
    assert event.actor is None
    assert event.actor_label == "quanly_thu"
    assert event.target_type == "accounts.user"
    assert event.target_id == str(learner.pk)
    assert event.extra == {"why": "quên mật khẩu"}


@pytest.mark.django_db
def test_event_rolls_back_with_the_change(make_user):
    learner = make_user()
    with pytest.raises(RuntimeError), transaction.atomic():
        record_event(actor=None, verb="test.rolled_back", target=learner)
        raise RuntimeError
    assert not AuditEvent.objects.filter(verb="test.rolled_back").exists()
