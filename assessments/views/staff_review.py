"""Reviewing certification questions in the staff pages: the queue of questions
waiting for review, approve, send back with a comment, retire. Thin callers of
assessments/actions/review.py."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views import View

from assessments import permissions as perms
from assessments.actions.review import (
    can_review,
    do_approve_question,
    do_retire_question,
    do_return_question,
    is_author,
)
from assessments.models import Question
from lms.html_errors import action_errors


class ReviewQueueView(perms.StaffPermissionMixin, View):
    """Certification questions whose current version nobody has reviewed yet."""

    permission_required = perms.VIEW_BANK

    def get(self, request):
        waiting = (
            Question.objects.waiting_for_review()
            .select_related("category", "current_version__created_by", "created_by")
            .prefetch_related("competencies")
            .order_by("updated_at", "pk")
        )
        page = Paginator(waiting, 50).get_page(request.GET.get("page"))
        rows = [
            {"question": question, "own": is_author(request.user, question)} for question in page
        ]
        context = {"page": page, "rows": rows, "can_review": can_review(request.user)}
        return render(request, "assessments/staff/review_queue.html", context)


class _ReviewActionView(perms.StaffPermissionMixin, View):
    permission_required = perms.REVIEW_QUESTION

    def done(self, request, question, message):
        messages.success(request, message)
        target = request.POST.get("next", "")
        safe = url_has_allowed_host_and_scheme(
            target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        )
        return redirect(target if target and safe else "assessments:review_queue")


def _back_to_preview(request, error, pk):
    """A refused approval: the message on the question's page."""
    messages.error(request, error.message)
    return redirect("assessments:question_preview", pk=pk)


def _preview_with_error(request, error, pk):
    """A refused send-back: the question's page again, with the comment box and why."""
    from .staff_bank import preview_context

    question = get_object_or_404(Question.objects.select_related("current_version"), pk=pk)
    context = preview_context(request, question, return_error=error.message)
    return render(request, "assessments/staff/question_preview.html", context, status=error.status)


@method_decorator(action_errors(on_error=_back_to_preview), name="post")
class ApproveView(_ReviewActionView):
    def post(self, request, pk):
        question = do_approve_question(request.user, pk)
        return self.done(
            request, question, _("Approved: the question is in the certification pool.")
        )


@method_decorator(action_errors(on_error=_preview_with_error), name="post")
class ReturnView(_ReviewActionView):
    def post(self, request, pk):
        question = do_return_question(request.user, pk, request.POST.get("comment", ""))
        return self.done(request, question, _("Sent back to the author with your comment."))


@method_decorator(action_errors, name="post")
class RetireView(perms.StaffPermissionMixin, View):
    permission_required = perms.CHANGE_QUESTION

    def post(self, request, pk):
        do_retire_question(request.user, pk)
        messages.success(request, _("Retired: no quiz will draw this question again."))
        return redirect("assessments:question_preview", pk=pk)
