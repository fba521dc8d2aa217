"""Staff pages for quizzes: list and the builder (settings plus rules)."""

from django.contrib import messages
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views import View

from assessments import permissions as perms
from assessments.actions.errors import PoolTooSmall
from assessments.actions.publishing import do_publish_quiz, needed_pool, pool_multiple
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
                (
                    rule,
                    available_count(rule, quiz.audience) if rule.kind == "random" else None,
                    needed_pool(rule.count, pool_multiple())
                    if quiz.draws_from_reviewed_pool and rule.kind == "random"
                    else None,
                )
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
        was_published = bool(pk) and Quiz.objects.filter(pk=pk, is_published=True).exists()
        try:
            with transaction.atomic():
                quiz = form.save(commit=False)
                if not quiz.pk:
                    quiz.created_by = request.user
                quiz.save()
                rules.instance = quiz
                rules.save()
                if quiz.is_published:
                    do_publish_quiz(request.user, quiz, was_published=was_published)
        except PoolTooSmall as refusal:
            # Nothing was saved: show the same input again with the reason.
            quiz = self.get_quiz(pk)
            form = QuizForm(request.POST, instance=quiz)
            rules = QuizRuleFormSet(request.POST, instance=quiz)
            form.is_valid()
            rules.is_valid()
            form.add_error("is_published", str(refusal.message))
            return self.show(request, form, rules, quiz, status=400)
        messages.success(request, _("Quiz saved."))
        return redirect("assessments:quiz_edit", pk=quiz.pk)
