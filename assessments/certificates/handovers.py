"""Certificates handed to staff as files (the office export, the class print):
names and dates of birth leave the site, so who took which rows is recorded
(lms.audit) when the file is handed over."""

from __future__ import annotations

from lms.audit.record import record_event

EXPORTED_VERB = "certificates.exported"
PRINTED_VERB = "certificates.printed"


def do_record_export(user, queryset, *, fmt: str, since, unit) -> None:
    record_event(
        actor=user,
        verb=EXPORTED_VERB,
        unit=unit,
        extra={"format": fmt, "rows": queryset.count(), "since": str(since or "")},
    )


def do_record_class_print(user, quiz, certificates) -> None:
    record_event(
        actor=user,
        verb=PRINTED_VERB,
        target=quiz,
        extra={"certificates": [certificate.code for certificate in certificates]},
    )
