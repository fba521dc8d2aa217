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
from .marks import MANUAL_SOURCES, changed_marks, kept_marks, parse_marks

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
    """Apply a batch; all or nothing. Returns how many marks changed, and how
    many an automatic batch (``via`` "qr" or "live") left as the instructor set them."""
    community_class = session.community_class
    wanted = parse_marks(payload, session_id=session.pk, roster=roster_ids(community_class))
    with transaction.atomic():
        existing = {
            learner: (status, source)
            for learner, status, source in AttendanceMark.objects.select_for_update()
            .filter(session=session, learner_id__in=wanted)
            .values_list("learner_id", "status", "via")
        }
        changed = changed_marks(wanted, existing, via)
        kept = kept_marks(wanted, existing, via)
        if changed:
            _write(session, actor, via, changed, existing)
        if changed or kept:
            record_event(
                actor=actor,
                verb="courses.attendance_marked",
                target=community_class,
                unit=community_class.unit,
                extra={
                    "session": session.pk,
                    "via": via,
                    "marks": changed,
                    **({"kept": kept} if kept else {}),
                    **(extra or {}),
                },
            )
    counts = {"received": len(wanted), "changed": len(changed)}
    return {**counts, "kept": len(kept)} if kept else counts


def _write(session, actor, via, changed, existing) -> None:
    """One statement per kind of write; the unique (session, learner) makes a
    batch sent twice, or by two phones at once, update, never double."""
    rows = [
        AttendanceMark(session=session, learner_id=learner, status=status, marked_by=actor, via=via)
        for learner, status in changed.items()
    ]
    if via in MANUAL_SOURCES:
        AttendanceMark.objects.bulk_create(
            rows,
            update_conflicts=True,
            unique_fields=["session", "learner"],
            update_fields=["status", "marked_by", "via", "marked_at"],
        )
        return
    # Automatic: the rows it replaces are locked above; a blank it fills may meanwhile
    # have been tapped by the instructor, whose mark then stays (no upsert there).
    replaced = [row for row in rows if row.learner_id in existing]
    filled = [row for row in rows if row.learner_id not in existing]
    if replaced:
        AttendanceMark.objects.bulk_create(
            replaced,
            update_conflicts=True,
            unique_fields=["session", "learner"],
            update_fields=["status", "marked_by", "via", "marked_at"],
        )
    if filled:
        AttendanceMark.objects.bulk_create(filled, ignore_conflicts=True)


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
    counts = do_mark_attendance(
        actor=learner,
        session=session,
        payload={"session": session.pk, "marks": [{"learner": learner.pk, "status": "present"}]},
        via="qr",
    )
    if counts.get("kept"):
        raise ClassError(
            _(
                "Your instructor has already marked you absent for this session. Ask them to change it."
            )
        )
    return session
