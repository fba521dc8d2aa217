"""A person's own copy: everything the apps declare they hold about them, as a
ZIP of JSON files plus a readable HTML summary, built in the worker."""

from __future__ import annotations

import io
import json
import secrets
import zipfile

from celery import shared_task
from django.core.files.base import ContentFile
from django.core.serializers.json import DjangoJSONEncoder
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from lms.audit.record import record_event

from .erasure import ErasureError, is_erased
from .models import PrivacyRequest, RequestKind, RequestStatus
from .registry import Holding, holdings


class ExportError(ErasureError):
    code = "export_refused"


def exported_fields(holding: Holding) -> list[str]:
    names = ["pk", *holding.fields, *holding.exported]
    return list(dict.fromkeys(names))


def person_copy(person, on_progress=None) -> dict[str, list[dict]]:
    """Model label -> the rows about ``person`` with their declared fields."""
    copy: dict[str, list[dict]] = {}
    every = holdings()
    for done, holding in enumerate(every, start=1):
        rows = holding.rows_of(person).values(*exported_fields(holding))
        key = (
            holding.model
            if holding.person in ("pk", "user")
            else f"{holding.model}.{holding.person}"
        )
        copy.setdefault(key, []).extend(rows)
        if on_progress:
            on_progress(int(done * 100 / len(every)))
    return copy


def summary_sections(copy: dict[str, list[dict]]):
    sections = []
    for holding in holdings():
        key = (
            holding.model
            if holding.person in ("pk", "user")
            else f"{holding.model}.{holding.person}"
        )
        rows = copy.get(key, [])
        model = holding.model_class
        columns = exported_fields(holding)
        headers = [
            str(model._meta.get_field(name).verbose_name) if name != "pk" else "#"
            for name in columns
        ]
        sections.append(
            {
                "title": f"{model._meta.verbose_name_plural}",
                "category": holding.category,
                "purpose": holding.purpose,
                "kept_for": holding.kept_for,
                "headers": headers,
                "rows": [[row.get(name) for name in columns] for row in rows],
            }
        )
    return sections


def build_zip(person, on_progress=None) -> bytes:
    copy = person_copy(person, on_progress)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "du-lieu-cua-toi.json",
            json.dumps(copy, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2),
        )
        for key, rows in copy.items():
            archive.writestr(
                f"json/{key}.json",
                json.dumps(rows, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2),
            )
        with translation.override("vi"):
            html = render_to_string(
                "privacy/export_summary.html",
                {"person": person, "sections": summary_sections(copy), "made_at": timezone.now()},
            )
        archive.writestr("tom-tat.html", html)
    return buffer.getvalue()


def do_request_export(*, actor, person) -> PrivacyRequest:
    """Open an export; the worker builds it. A second request while one is being
    prepared is refused (the database's partial unique constraint decides)."""
    if is_erased(person):
        raise ExportError(_("This account has been erased."))
    try:
        with transaction.atomic():
            request = PrivacyRequest.objects.create(
                kind=RequestKind.EXPORT,
                subject=person,
                subject_ref=person.pk,
                requested_by=actor,
                token=secrets.token_hex(16),
            )
            record_event(
                actor=actor,
                verb="privacy.export_requested",
                target=request,
                unit=person.home_unit,
                extra={"account": person.pk},
            )
    except IntegrityError as exc:
        raise ExportError(_("A copy of this person's data is already being prepared.")) from exc
    transaction.on_commit(lambda: build_export.delay(request.pk))
    return request


def do_build_export(request_id: int) -> PrivacyRequest:
    request = PrivacyRequest.objects.select_related("subject").get(pk=request_id)
    if request.status not in (RequestStatus.PENDING, RequestStatus.RUNNING):
        return request
    PrivacyRequest.objects.filter(pk=request.pk).update(status=RequestStatus.RUNNING)

    def on_progress(percent):
        PrivacyRequest.objects.filter(pk=request.pk).update(progress=min(percent, 99))

    try:
        content = build_zip(request.subject, on_progress)
    except Exception:
        PrivacyRequest.objects.filter(pk=request.pk).update(status=RequestStatus.FAILED)
        raise
    with transaction.atomic():
        request.file.save("export.zip", ContentFile(content), save=False)
        request.status = RequestStatus.READY
        request.progress = 100
        request.size_bytes = len(content)
        request.finished_at = timezone.now()
        request.save(update_fields=["file", "status", "progress", "size_bytes", "finished_at"])
    return request


# Beside the action that queues it (tasks.py re-exports it for Celery's discovery):
# this module never imports tasks.py, so the two do not import each other.
@shared_task(name="privacy.build_export")
def build_export(request_id: int) -> int:
    return do_build_export(request_id).progress


def access_export(actor, request_id: int, token: str) -> PrivacyRequest:
    """An export its person or the staff member who asked for it may download."""
    from lms.errors import NotFound

    request = (
        PrivacyRequest.objects.filter(pk=request_id, kind=RequestKind.EXPORT, token=token)
        .select_related("subject")
        .first()
    )
    if request is None or not actor.is_authenticated:
        raise NotFound()
    if actor.pk not in (request.subject_id, request.requested_by_id):
        raise NotFound()
    return request


def do_record_export_download(actor, request: PrivacyRequest) -> None:
    """A ready copy handed to ``actor`` (access_export allowed them): on the trail,
    as every export downloaded is."""
    record_event(
        actor=actor,
        verb="privacy.export_downloaded",
        target=request,
        unit=request.subject.home_unit if request.subject else None,
        extra={"account": request.subject_ref},
    )
