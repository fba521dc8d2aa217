"""Staff pages for quizzes: list and the builder (settings plus rules)."""

from django.contrib import messages
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views import View

from assessments import permissions as perms
from assessments.actions.selection import available_count
from assessments.forms.quizzes import QuizForm, QuizRuleFormSet
from assessments.models import FrameworkVersion, Quiz


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


class QuizEditView(perms.StaffPermissionMixin, View):
    def get_permission_required(self):
        return [perms.CHANGE_QUIZ if "pk" in self.kwargs else perms.ADD_QUIZ]

    def get_quiz(self, pk):
        if pk is None:
            return Quiz(framework=FrameworkVersion.objects.current())
        return get_object_or_404(Quiz, pk=pk)

    def show(self, request, form, rules, quiz, status=200):
        rule_counts = []
        if quiz.pk:
            rule_counts = [
                (rule, available_count(rule, quiz.audience) if rule.kind == "random" else None)
                for rule in quiz.rules.select_related("area", "competency", "category", "question")
            ]
        context = {"form": form, "rules": rules, "quiz": quiz, "rule_counts": rule_counts}
        return render(request, "assessments/staff/quiz_form.html", context, status=status)

    def get(self, request, pk=None):
        quiz = self.get_quiz(pk)
        return self.show(request, QuizForm(instance=quiz), QuizRuleFormSet(instance=quiz), quiz)

    def post(self, request, pk=None):
        quiz = self.get_quiz(pk)
        form = QuizForm(request.POST, instance=quiz)
        rules = QuizRuleFormSet(request.POST, instance=quiz)
        if not (form.is_valid() and rules.is_valid()):
            return self.show(request, form, rules, quiz, status=400)
        with transaction.atomic():
            quiz = form.save(commit=False)
            if not quiz.pk:
                quiz.created_by = request.user
            quiz.save()
            rules.instance = quiz
            rules.save()
        messages.success(request, _("Quiz saved."))
        return redirect("assessments:quiz_edit", pk=quiz.pk)
