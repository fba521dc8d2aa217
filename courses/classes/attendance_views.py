"""Attendance on the instructor's phone (buttons that work without JavaScript;
a script queues taps offline and sends them in one batch), and the learners'
check-in by the session's QR code."""

import json

import segno
from django.contrib import messages
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from courses.models import AttendanceMark, AttendanceStatus
from lms.accounts.access import signed_in_required
from lms.errors import ActionError

from . import actions, attendance
from .errors import ClassError
from .view_helpers import with_class


def _session_of(community_class, session_id):
    session = community_class.sessions.filter(pk=session_id).first()
    if session is None:
        raise Http404
    return session


@never_cache
@with_class
def take_attendance(request, community_class, session_id):
    session = _session_of(community_class, session_id)
    if request.method == "POST":  # one tap without JavaScript: a form per name
        learner = request.POST.get("learner", "")
        status = request.POST.get("status", AttendanceStatus.PRESENT)
        payload = {
            "session": session.pk,
            "marks": [
                {"learner": int(learner) if learner.isdigit() else learner, "status": status}
            ],
        }
        try:
            attendance.do_mark_attendance(actor=request.user, session=session, payload=payload)
        except ClassError as error:
            messages.error(request, str(error.message))
        return redirect("classes:attendance", class_id=community_class.pk, session_id=session.pk)
    marks = dict(AttendanceMark.objects.filter(session=session).values_list("learner_id", "status"))
    members = [(m, marks.get(m.pk)) for m in actions.roster_query(community_class)]
    context = {
        "community_class": community_class,
        "session": session,
        "members": members,
        "present": sum(1 for _m, status in members if status == AttendanceStatus.PRESENT),
        "batch_url": reverse("classes:attendance_batch", args=[community_class.pk]),
        **_quiz_context(request.user, community_class, session),
    }
    return render(request, "courses/classes/attendance.html", context)


def _quiz_context(user, community_class, session) -> dict:
    """The live quizzes of the session, and the start form for its instructors today."""
    from .forms import ClassQuizForm
    from .live_quiz import may_start_class_quiz, session_quizzes

    today = timezone.localtime(session.starts_at).date() == timezone.localdate()
    may_start = today and may_start_class_quiz(user, community_class)
    return {
        "live_quizzes": session_quizzes(session),
        "quiz_form": ClassQuizForm(user) if may_start else None,
    }


@require_POST
@with_class
def attendance_batch(request, community_class):
    """JSON: {"session": id, "marks": [{"learner": id, "status": "present"}, …]}."""
    try:
        payload = json.loads(request.body or b"{}")
    except ValueError:
        payload = None
    session_id = payload.get("session") if isinstance(payload, dict) else None
    session = community_class.sessions.filter(
        pk=session_id if isinstance(session_id, int) else None
    ).first()
    try:
        if session is None:
            from .errors import WrongClassMark

            raise WrongClassMark()
        counts = attendance.do_mark_attendance(actor=request.user, session=session, payload=payload)
    except ActionError as error:
        return JsonResponse({"code": error.code, "detail": str(error.message)}, status=error.status)
    return JsonResponse({"ok": True, **counts})


@never_cache
@with_class
def check_in_code(request, community_class, session_id):
    session = _session_of(community_class, session_id)
    url = request.build_absolute_uri(
        reverse("classes:check_in", args=[attendance.check_in_token(session)])
    )
    qr = segno.make(url, error="m").svg_inline(scale=8, border=2, dark="#111")
    return render(
        request,
        "courses/classes/check_in_code.html",
        {"community_class": community_class, "session": session, "qr_svg": qr, "url": url},
    )


@never_cache
@signed_in_required
def check_in(request, token):
    try:
        session = attendance.access_check_in_session(token)
    except ActionError as error:
        return render(
            request, "courses/classes/check_in.html", {"error": error.message}, status=400
        )
    if request.method == "POST":
        try:
            attendance.do_check_in(learner=request.user, token=token)
        except ActionError as error:
            return render(
                request,
                "courses/classes/check_in.html",
                {"error": error.message, "session": session},
                status=error.status,
            )
        messages.success(request, _("You are marked present. Welcome!"))
        return redirect("classes:mine")
    return render(request, "courses/classes/check_in.html", {"session": session})
