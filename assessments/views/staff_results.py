"""Quiz results, exports and the essay grading queue for staff."""

from django import forms
from django.contrib import messages
from django.http import HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from assessments import permissions as perms
from assessments.access import attempts_visible_to
from assessments.actions import grade_essay
from assessments.actions.grading import essay_queue
from assessments.actions.results import (
    access_quiz_results,
    do_record_results_export,
    quiz_results,
)
from assessments.exports.results import results_csv, results_xlsx
from assessments.models import AttemptSlot, AttemptState
from assessments.presentation import response_text
from lms.html_errors import action_errors

from .staff_imports import XLSX_TYPE


@method_decorator(action_errors, name="dispatch")
class QuizResultsView(perms.StaffPermissionMixin, View):
    permission_required = perms.VIEW_RESULTS

    def get(self, request, pk):
        quiz = access_quiz_results(request.user, pk=pk)
        results = quiz_results(request.user, quiz)
        context = {
            "quiz": quiz,
            "attempts": results.attempts,
            "count": results.count,
            "passed": results.passed,
            "stats": results.statistics,
        }
        return render(request, "assessments/staff/results.html", context)


@method_decorator(action_errors, name="dispatch")
class ResultsExportView(perms.StaffPermissionMixin, View):
    permission_required = perms.VIEW_RESULTS

    def get(self, request, pk, fmt):
        quiz = access_quiz_results(request.user, pk=pk)
        do_record_results_export(request.user, quiz, fmt)
        name = f"ket-qua-{quiz.slug}"
        if fmt == "csv":
            response = StreamingHttpResponse(
                results_csv(quiz, request.user), content_type="text/csv; charset=utf-8"
            )
        else:
            response = HttpResponse(results_xlsx(quiz, request.user), content_type=XLSX_TYPE)
        response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
        return response


class GradingQueueView(perms.StaffPermissionMixin, View):
    permission_required = perms.GRADE

    def get(self, request):
        slots = essay_queue(viewer=request.user).order_by("attempt__submitted_at")[:200]
        return render(request, "assessments/staff/grading.html", {"slots": slots})


class GradeForm(forms.Form):
    percent = forms.DecimalField(label=gettext_lazy("Grade (%)"), min_value=0, max_value=100)
    comment = forms.CharField(
        label=gettext_lazy("Comment for the learner"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class GradeView(perms.StaffPermissionMixin, View):
    permission_required = perms.GRADE

    def get_slot(self, slot_id):
        return get_object_or_404(
            AttemptSlot.objects.select_related(
                "attempt__user", "attempt__quiz", "question_version"
            ),
            pk=slot_id,
            attempt__state=AttemptState.SUBMITTED,
            attempt__in=attempts_visible_to(self.request.user).values("pk"),
        )

    def show(self, request, slot, form, status=200):
        spec = slot.question_version.question_spec
        context = {"slot": slot, "form": form, "answer": response_text(spec, slot.response)}
        return render(request, "assessments/staff/grade.html", context, status=status)

    def get(self, request, slot_id):
        slot = self.get_slot(slot_id)
        initial = {}
        if slot.manual_fraction is not None:
            initial = {"percent": slot.manual_fraction * 100, "comment": slot.manual_comment}
        return self.show(request, slot, GradeForm(initial=initial))

    def post(self, request, slot_id):
        slot = self.get_slot(slot_id)
        form = GradeForm(request.POST)
        if not form.is_valid():
            return self.show(request, slot, form, status=400)
        grade_essay(
            slot.pk,
            float(form.cleaned_data["percent"]) / 100,
            request.user,
            form.cleaned_data["comment"],
        )
        messages.success(request, _("Grade saved."))
        return redirect("assessments:grading")
