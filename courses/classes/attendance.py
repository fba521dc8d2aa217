"""Attendance actions: a batch from the instructor's phone, or a learner
checking in by scanning the session's QR code (a signed, expiring token)."""

from __future__ import annotations

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from courses.models import AttendanceMark, ClassMembership, ClassSession
from lms.audit.record import record_event

from .errors import ClassError
from .marks import changed_marks, parse_marks

CHECK_IN_SALT = "courses.class-check-in"


class CheckInRefused(ClassError):
    code = "check_in_refused"
    default_message = gettext_lazy(
        "This check-in code is not valid or has expired. Ask your instructor to show it again."
    )


def roster_ids(community_class) -> list[int]:
    return list(
        ClassMembership.objects.filter(community_class=community_class).values_list(
            "learner_id", flat=True
        )
    )


def do_mark_attendance(*, actor, session, payload, via="tap", extra=None) -> dict[str, int]:
    """Apply a batch; all or nothing. Returns how many marks changed."""
    community_class = session.community_class
    wanted = parse_marks(payload, session_id=session.pk, roster=roster_ids(community_class))
    with transaction.atomic():
        existing = dict(
            AttendanceMark.objects.filter(session=session, learner_id__in=wanted).values_list(
                "learner_id", "status"
            )
        )
        changed = changed_marks(wanted, existing)
        if changed:
            # One statement for the batch; the unique (session, learner) makes a
            # batch sent twice, or by two phones at once, update, never double.
            AttendanceMark.objects.bulk_create(
                [
                    AttendanceMark(
                        session=session, learner_id=learner, status=status, marked_by=actor, via=via
                    )
                    for learner, status in changed.items()
                ],
                update_conflicts=True,
                unique_fields=["session", "learner"],
                update_fields=["status", "marked_by", "via", "marked_at"],
            )
            record_event(
                actor=actor,
                verb="courses.attendance_marked",
                target=community_class,
                unit=community_class.unit,
                extra={"session": session.pk, "via": via, "marks": changed, **(extra or {})},
            )
    return {"received": len(wanted), "changed": len(changed)}


def check_in_token(session) -> str:
    return signing.dumps({"session": session.pk}, salt=CHECK_IN_SALT, compress=True)


def access_check_in_session(token: str) -> ClassSession:
    try:
        data = signing.loads(token, salt=CHECK_IN_SALT, max_age=settings.CLASS_CHECK_IN_MAX_AGE)
    except signing.BadSignature as exc:  # SignatureExpired is one too
        raise CheckInRefused() from exc
    session = (
        ClassSession.objects.select_related("community_class__unit")
        .filter(pk=data.get("session"))
        .first()
    )
    if session is None:
        raise CheckInRefused()
    return session


def do_check_in(*, learner, token: str) -> ClassSession:
    session = access_check_in_session(token)
    if not ClassMembership.objects.filter(
        community_class=session.community_class, learner=learner
    ).exists():
        raise ClassError(_("You are not on this class's list. Ask your instructor to add you."))
    do_mark_attendance(
        actor=learner,
        session=session,
        payload={"session": session.pk, "marks": [{"learner": learner.pk, "status": "present"}]},
        via="qr",
    )
    return session
