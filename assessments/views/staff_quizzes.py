"""Staff pages for quizzes: list and the builder (settings plus rules). Thin
callers of assessments/actions/quizzes.py."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View

from assessments import permissions as perms
from assessments.actions.errors import PoolTooSmall
from assessments.actions.quizzes import access_quiz_for_editing, do_save_quiz, rule_availability
from assessments.forms.quizzes import RULES_PREFIX, QuizForm, QuizRuleFormSet, with_one_more_rule
from assessments.models import Quiz
from lms.html_errors import action_errors


class QuizListView(perms.StaffPermissionMixin, View):
    permission_required = perms.VIEW_QUIZ

    def get(self, request):
        quizzes = Quiz.objects.select_related("framework").order_by("audience", "title")
        context = {
            "quizzes": quizzes,
            "can_add": request.user.has_perm(perms.ADD_QUIZ),
            "can_view_results": request.user.has_perm(perms.VIEW_RESULTS),
        }
        return render(request, "assessments/staff/quizzes.html", context)


@method_decorator(action_errors, name="dispatch")
class QuizEditView(perms.StaffPermissionMixin, View):
    def get_permission_required(self):
        return [perms.CHANGE_QUIZ if "pk" in self.kwargs else perms.ADD_QUIZ]

    def show(self, request, form, rules, quiz, status=200):
        context = {
            "form": form,
            "rules": rules,
            "quiz": quiz,
            "rule_counts": rule_availability(quiz),
        }
        return render(request, "assessments/staff/quiz_form.html", context, status=status)

    def forms(self, data, quiz):
        return (
            QuizForm(data, instance=quiz),
            QuizRuleFormSet(data, instance=quiz, prefix=RULES_PREFIX),
        )

    def get(self, request, pk=None):
        quiz = access_quiz_for_editing(request.user, pk)
        return self.show(request, *self.forms(None, quiz), quiz)

    def post(self, request, pk=None):
        quiz = access_quiz_for_editing(request.user, pk)
        if "add_rule" in request.POST:
            # Nothing is saved: the same input again, with one more empty rule.
            return self.show(request, *self.forms(with_one_more_rule(request.POST), quiz), quiz)
        form, rules = self.forms(request.POST, quiz)
        if not (form.is_valid() and rules.is_valid()):
            return self.show(request, form, rules, quiz, status=400)
        try:
            quiz = do_save_quiz(
                request.user,
                form.save(commit=False),
                rules=rules.save(commit=False),
                deleted_rules=rules.deleted_objects,
            )
        except PoolTooSmall as refusal:
            # Nothing was saved: show the same input again with the reason.
            quiz = access_quiz_for_editing(request.user, pk)
            form, rules = self.forms(request.POST, quiz)
            form.is_valid()
            rules.is_valid()
            form.add_error("is_published", str(refusal.message))
            return self.show(request, form, rules, quiz, status=400)
        messages.success(request, _("Quiz saved."))
        return redirect("assessments:quiz_edit", pk=quiz.pk)
