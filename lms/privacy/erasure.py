"""Erasure at the person's request: every app's holdings, in one transaction.

Rows that statistics count (attempts, certificates, attendance) stay, tied to an
account that no longer says who it was; what identifies the person is blanked or
deleted as each app declared. The erasure itself is recorded without the data."""

from __future__ import annotations

from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lms.audit.record import record_event
from lms.errors import Conflict, NotFound, PermissionDenied

from .models import ConsentMethod, ConsentRecord, PrivacyRequest, RequestKind, RequestStatus
from .registry import Holding, holdings


class ErasureError(Conflict):
    code = "erasure_refused"


def is_erased(user) -> bool:
    return PrivacyRequest.objects.filter(
        subject_ref=user.pk, kind=RequestKind.ERASURE, status=RequestStatus.DONE
    ).exists()


def access_person(actor, person_id: int):
    """The person a privacy request is about: oneself, or someone in a unit
    manager's scope. Anyone else is not found (no ids leak)."""
    from lms.units.scope import people_in_scope

    if actor.is_authenticated and actor.pk == person_id:
        return actor
    person = people_in_scope(actor).filter(pk=person_id).first()
    if person is None:
        raise NotFound()
    return person


def registered_themselves(user) -> bool:
    return ConsentRecord.objects.filter(user=user, method=ConsentMethod.SIGN_UP).exists()


def do_request_erasure(*, actor, person) -> PrivacyRequest:
    if is_erased(person):
        raise ErasureError(_("This account has already been erased."))
    with transaction.atomic():
        if PrivacyRequest.objects.filter(
            subject_ref=person.pk,
            kind=RequestKind.ERASURE,
            status__in=[RequestStatus.PENDING, RequestStatus.RUNNING],
        ).exists():
            raise ErasureError(_("An erasure request for this account is already waiting."))
        request = PrivacyRequest.objects.create(
            kind=RequestKind.ERASURE,
            subject=person,
            subject_ref=person.pk,
            requested_by=actor,
            token="",
        )
        record_event(
            actor=actor,
            verb="privacy.erasure_requested",
            target=request,
            unit=person.home_unit,
            extra={"account": person.pk},
        )
    return request


def check_can_confirm(actor, request: PrivacyRequest) -> None:
    """A unit manager with the person in scope confirms; a person who registered
    themselves may confirm their own request."""
    from lms.units.scope import people_in_scope

    person = request.subject
    if person is None or request.status != RequestStatus.PENDING:
        raise ErasureError(_("This request is no longer waiting."))
    if actor.pk == person.pk:
        if not registered_themselves(person):
            raise PermissionDenied(
                _("Your account was made by your class or commune: the commune office confirms.")
            )
        return
    if not people_in_scope(actor).filter(pk=person.pk).exists():
        raise NotFound()


def _empty_value(field: models.Field):
    if field.null:
        return None
    if isinstance(field, models.JSONField):
        return field.get_default()
    if isinstance(field, models.CharField | models.TextField):
        return ""
    if isinstance(field, models.FileField):
        return ""
    return field.get_default()


def _erase_holding(holding: Holding, person) -> int:
    rows = holding.rows_of(person)
    link = (
        holding.model_class._meta.get_field(holding.person_field)
        if holding.select is None and holding.person != "pk"
        else None
    )
    if link is not None and link.many_to_many:
        # Instructors of a class: the person leaves the list, the class stays.
        count = 0
        for row in rows:
            getattr(row, holding.person_field).remove(person)
            count += 1
        return count
    if holding.on_erase == "delete":
        count = rows.count()
        rows.delete()
        return count
    model = holding.model_class
    values = {}
    for name in holding.fields:
        if name in holding.blank:
            continue
        values[name] = _empty_value(model._meta.get_field(name))
    if holding.on_erase == "detach" and model._meta.get_field(holding.person_field).null:
        # A required link (the instructor of a session) stays, to an account that
        # no longer says who it was.
        values[holding.person_field] = None
    computed = {name: v for name, v in holding.blank.items() if callable(v)}
    values.update({name: v for name, v in holding.blank.items() if not callable(v)})
    if not computed:
        return rows.update(**values)
    count = 0
    for row in rows:
        for name, value in values.items():
            setattr(row, name, value)
        for name, make in computed.items():
            setattr(row, name, make(row))
        row.save(update_fields=[*values, *computed])
        count += 1
    return count


def do_erase_person(*, actor, request: PrivacyRequest) -> dict[str, int]:
    """Carry out a confirmed erasure. Returns rows touched per model."""
    check_can_confirm(actor, request)
    person = request.subject
    unit = person.home_unit
    user_label = person._meta.label
    with transaction.atomic():
        locked = PrivacyRequest.objects.select_for_update().get(pk=request.pk)
        if locked.status != RequestStatus.PENDING:
            raise ErasureError(_("This request is no longer waiting."))
        # The audit trail first (it finds events through the other apps' rows, some
        # of which are deleted below), the account itself last.
        ordered = sorted(
            holdings(), key=lambda h: (h.model == user_label, h.model != "audit.AuditEvent")
        )
        for holding in ordered:
            if holding.before_erase is not None:
                holding.before_erase(actor, person)
        touched = {}
        for holding in ordered:
            touched[f"{holding.model}:{holding.person}"] = _erase_holding(holding, person)
        person.set_unusable_password()
        person.save(update_fields=["password"])
        locked.status = RequestStatus.DONE
        locked.confirmed_by = actor
        locked.finished_at = timezone.now()
        locked.subject = None
        locked.save(update_fields=["status", "confirmed_by", "finished_at", "subject"])
        # What was done, never to whom by name: the account number only.
        record_event(
            actor=actor if actor.pk != person.pk else None,
            verb="privacy.person_erased",
            unit=unit,
            extra={"account": person.pk, "request": locked.pk, "rows": touched},
        )
    return touched
