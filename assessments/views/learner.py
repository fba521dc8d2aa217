"""Learner pages: quiz list, intro, one question per screen, finish, result.

Every page works as plain HTML forms; attempt.js only adds autosave and a
ticking timer. Open attempts never show keys, fractions or feedback."""

from __future__ import annotations

import re

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from assessments.actions import (
    access_attempt,
    finish_if_expired,
    save_answer,
    start_or_resume_attempt,
    submit_own_attempt,
)
from assessments.actions.attempts import timer_deadline
from assessments.actions.errors import (
    AttemptClosed,
    AttemptNotFound,
    InvalidAnswer,
    SlotNotInAttempt,
)
from assessments.actions.quiz_access import (
    QuizNotFound,
    access_for,
    access_quiz_for_learner,
    quizzes_for_learner,
)
from assessments.actions.retakes import next_start_at, retake_message
from assessments.audience_access import QuizAccess
from assessments.certificates.progress import certificate_news
from assessments.models import Attempt, AttemptState
from assessments.presentation import open_question, review
from assessments.recommend import recommendations, weakest_competencies
from assessments.scoring.attempts import combine_attempts
from assessments.scoring.deadlines import review_after_close_applies
from lms.framework.models import CompetencyArea
from lms.html_errors import action_errors, flash_and_redirect


def _wants_json(request) -> bool:
    return request.headers.get("X-Autosave") == "1"


def _accessible_quiz(request, slug):
    try:
        return access_quiz_for_learner(request.user, slug)
    except QuizNotFound:
        raise Http404 from None


@login_required
def quiz_list(request):
    quizzes = quizzes_for_learner(request.user)
    attempts: dict[int, list[Attempt]] = {}
    for attempt in Attempt.objects.filter(user=request.user, quiz__in=quizzes).order_by("number"):
        attempts.setdefault(attempt.quiz_id, []).append(attempt)
    rows = []
    for quiz in quizzes:
        mine = attempts.get(quiz.pk, [])
        grades = [a.percent for a in mine if a.state == AttemptState.SUBMITTED]
        rows.append(
            {
                "quiz": quiz,
                "practice": access_for(request.user, quiz) != QuizAccess.OWN,
                "open": next((a for a in mine if a.is_open), None),
                "grade": combine_attempts(grades, quiz.grading_method),
                "passed": any(a.passed for a in mine),
            }
        )
    return render(request, "assessments/learner/quiz_list.html", {"rows": rows})


@login_required
def quiz_detail(request, slug):
    quiz, access = _accessible_quiz(request, slug)
    mine = list(Attempt.objects.filter(quiz=quiz, user=request.user).order_by("number"))
    open_attempt = next((a for a in mine if a.is_open), None)
    left = None if not quiz.max_attempts else max(0, quiz.max_attempts - len(mine))
    context = {
        "quiz": quiz,
        "attempts": [a for a in mine if not a.is_open],
        "open_attempt": open_attempt,
        "attempts_left": left,
        "is_open": quiz.is_open_at(),
        "practice": access != QuizAccess.OWN,
        "retake_wait": _retake_wait(quiz, request.user) if open_attempt is None else None,
    }
    return render(request, "assessments/learner/quiz_detail.html", context)


def _retake_wait(quiz, user) -> str | None:
    available_at = next_start_at(quiz, user)
    if available_at is None or timezone.now() >= available_at:
        return None
    return retake_message(available_at)


def _quiz_page(request, slug):
    return reverse("assessments:quiz", args=[slug])


@login_required
@require_POST
@action_errors(on_error=flash_and_redirect(_quiz_page))
def start(request, slug):
    quiz, _access = _accessible_quiz(request, slug)
    attempt = start_or_resume_attempt(quiz, request.user)
    first_open = attempt.slots.filter(response__isnull=True).order_by("position").first()
    return redirect(
        "assessments:question",
        attempt_id=attempt.pk,
        position=first_open.position if first_open else 1,
    )


def _own_attempt(request, attempt_id) -> Attempt:
    try:
        return access_attempt(request.user, attempt_id)
    except AttemptNotFound:
        raise Http404 from None


def _closed_redirect(request, attempt, error=None):
    if _wants_json(request):
        message = str(error.message if error else AttemptClosed.default_message)
        return JsonResponse({"saved": False, "closed": True, "detail": message}, status=409)
    if error is not None:
        messages.warning(request, error.message)
    return redirect("assessments:result", attempt_id=attempt.pk)


def _timer(attempt) -> dict | None:
    end = timer_deadline(attempt)
    if end is None:
        return None
    seconds = max(0, int((end - timezone.now()).total_seconds()))
    return {"deadline": end, "seconds_left": seconds}


def _destination(go: str, position: int, total: int) -> tuple[str, int]:
    if go == "finish":
        return "finish", position
    if go == "prev":
        return "question", max(1, position - 1)
    # ASCII digits only: "²" passes str.isdigit() but is no page number.
    if re.fullmatch(r"[0-9]{1,4}", go) and 1 <= int(go) <= total:
        return "question", int(go)
    if position >= total:
        return "finish", position
    return "question", position + 1


@login_required
def question(request, attempt_id, position):
    attempt = _own_attempt(request, attempt_id)
    if finish_if_expired(attempt) or not attempt.is_open:
        return _closed_redirect(request, attempt)
    slots = list(attempt.slots.select_related("question_version").order_by("position"))
    total = len(slots)
    slot = next((s for s in slots if s.position == position), None)
    if slot is None:
        raise Http404
    error = None
    if request.method == "POST":
        try:
            if slot.question_version.qtype != "description":
                saved = save_answer(
                    request.user,
                    attempt.pk,
                    position,
                    None,
                    from_form=(request.POST.get, request.POST.getlist),
                    attempt=attempt,
                )
                slot = saved.slot
            if _wants_json(request):
                return JsonResponse({"saved": True, "position": position})
            where, target = _destination(request.POST.get("go", "next"), position, total)
            if where == "finish":
                return redirect("assessments:finish", attempt_id=attempt.pk)
            return redirect("assessments:question", attempt_id=attempt.pk, position=target)
        except AttemptClosed as closed:
            return _closed_redirect(request, attempt, closed)
        except (InvalidAnswer, SlotNotInAttempt) as problem:
            if _wants_json(request):
                return JsonResponse({"saved": False, "detail": str(problem.message)}, status=400)
            error = problem.message
    context = {
        "attempt": attempt,
        "quiz": attempt.quiz,
        "q": open_question(slot, total=total),
        "total": total,
        "jump": [{"position": s.position, "answered": s.is_answered} for s in slots],
        "timer": _timer(attempt),
        "error": error,
        "progress_percent": round(100 * position / total) if total else 0,
    }
    return render(
        request, "assessments/learner/question.html", context, status=400 if error else 200
    )


@login_required
def finish(request, attempt_id):
    attempt = _own_attempt(request, attempt_id)
    if request.method == "POST":
        submit_own_attempt(request.user, attempt.pk)
        return redirect("assessments:result", attempt_id=attempt.pk)
    if finish_if_expired(attempt) or not attempt.is_open:
        return redirect("assessments:result", attempt_id=attempt.pk)
    slots = list(attempt.slots.select_related("question_version").order_by("position"))
    rows = [
        {
            "position": s.position,
            "answered": s.is_answered or s.question_version.qtype == "description",
        }
        for s in slots
    ]
    context = {
        "attempt": attempt,
        "quiz": attempt.quiz,
        "rows": rows,
        "unanswered": sum(1 for row in rows if not row["answered"]),
        "timer": _timer(attempt),
    }
    return render(request, "assessments/learner/finish.html", context)


def review_options(attempt) -> set[str]:
    quiz = attempt.quiz
    # The same close that cuts every attempt off (assessments.scoring.deadlines).
    closed = review_after_close_applies(quiz.closes_at, timezone.now())
    chosen = quiz.review_after_close if closed else quiz.review_after_submit
    return set(chosen or [])


def area_profile(attempt) -> list[dict]:
    result = attempt.graded_result
    if result is None:
        return []
    per_area = result.per_area
    areas = CompetencyArea.objects.filter(
        framework=attempt.quiz.framework_id, code__in=list(per_area)
    )
    failed = set(result.failed_areas)
    minimum = attempt.quiz.effective_area_minimum
    rows = []
    for area in areas.order_by("position"):
        percent = per_area[area.code].percent or 0
        rows.append(
            {
                "code": area.code,
                "name": area.display_name,
                "percent": percent,
                "width": max(0, min(100, round(percent))),
                "failed": area.code in failed,
                "minimum": minimum,
            }
        )
    return rows


@login_required
def result(request, attempt_id):
    attempt = _own_attempt(request, attempt_id)
    finish_if_expired(attempt)
    if attempt.is_open:
        return redirect("assessments:question", attempt_id=attempt.pk, position=1)
    options = review_options(attempt)
    slots = attempt.slots.select_related("question_version").order_by("position")
    detail = options - {"score"}
    codes = weakest_competencies(attempt.graded_result)
    context = {
        "attempt": attempt,
        "quiz": attempt.quiz,
        "show_score": "score" in options,
        "profile": area_profile(attempt) if "score" in options else [],
        "reviews": [review(slot, options) for slot in slots] if detail else [],
        "learn_next": recommendations(codes, audience=attempt.quiz.audience),
        "pass_mark": attempt.quiz.effective_pass_mark,
        "certificate_news": certificate_news(attempt) if "score" in options else None,
    }
    return render(request, "assessments/learner/result.html", context)


def attempt_url(attempt) -> str:
    return reverse("assessments:question", kwargs={"attempt_id": attempt.pk, "position": 1})
