"""Staff pages for the question bank: list with filters, create, edit, preview."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views import View

from assessments import permissions as perms
from assessments.actions import (
    QuestionData,
    category_for_path,
    do_create_question,
    do_update_question,
)
from assessments.actions.review import can_review, is_author
from assessments.filters import QuestionFilter
from assessments.forms.questions import (
    CHOICE_ROWS,
    AnswerForm,
    ChoiceFormSet,
    QuestionMetaForm,
    build_spec,
    initial_from_spec,
)
from assessments.models import QType, Question, QuestionUsage
from assessments.presentation import open_question
from assessments.responses import option_order


class QuestionListView(perms.StaffPermissionMixin, View):
    permission_required = perms.VIEW_BANK

    def get(self, request):
        queryset = Question.objects.select_related("category").prefetch_related("competencies")
        filterset = QuestionFilter(request.GET, queryset=queryset)
        page = Paginator(filterset.qs.order_by("category__path", "name", "pk"), 50).get_page(
            request.GET.get("page")
        )
        query = request.GET.copy()
        query.pop("page", None)
        context = {
            "filter": filterset,
            "page": page,
            "querystring": query.urlencode(),
            "qtypes": QType.choices,
            "can_add": request.user.has_perm(perms.ADD_QUESTION),
        }
        return render(request, "assessments/staff/bank.html", context)


class _QuestionFormView(perms.StaffPermissionMixin, View):
    template_name = "assessments/staff/question_form.html"

    def forms(self, request, qtype, question=None):
        initial_meta, initial_answer, rows = {}, {}, []
        if question is not None:
            version = question.current_version
            initial_answer, rows = initial_from_spec(version.question_spec)
            initial_meta = {
                "category": question.category,
                "name": question.name,
                "idnumber": question.idnumber or "",
                "status": question.status,
                "usage": question.usage,
                "difficulty": question.difficulty,
                "default_points": question.default_points,
                "audiences": question.audiences,
                "competencies": list(question.competencies.all()),
                "tags": ", ".join(question.tags.names()),
                "stem": version.stem,
                "image_alt": version.image_alt,
                "general_feedback": version.general_feedback,
            }
        rows = rows + [{} for _ in range(max(0, CHOICE_ROWS - len(rows)))]
        data = request.POST if request.method == "POST" else None
        files = request.FILES if request.method == "POST" else None
        meta = QuestionMetaForm(data, files, initial=initial_meta)
        answer = AnswerForm(data, initial=initial_answer, qtype=qtype)
        choices = ChoiceFormSet(data, initial=rows, prefix="choice")
        return meta, answer, choices

    def render_forms(self, request, qtype, meta, answer, choices, question=None, error=None):
        context = {
            "qtype": qtype,
            "qtype_label": QType(qtype).label,
            "meta": meta,
            "answer": answer,
            "choices": choices if qtype in ("single", "multiple") else None,
            "question": question,
            "spec_error": error,
        }
        return render(
            request, self.template_name, context, status=400 if request.method == "POST" else 200
        )

    def save(self, request, qtype, question=None):
        meta, answer, choices = self.forms(request, qtype, question)
        valid = meta.is_valid() & answer.is_valid()
        if qtype in ("single", "multiple"):
            valid &= choices.is_valid()
        error = None
        if valid:
            try:
                spec = build_spec(qtype, answer, choices, meta.cleaned_data["general_feedback"])
            except ValidationError as problem:
                error = " ".join(problem.messages)
                valid = False
        if not valid:
            return self.render_forms(request, qtype, meta, answer, choices, question, error)
        cleaned = meta.cleaned_data
        category = cleaned["category"] or category_for_path(cleaned["new_category"])
        data = QuestionData(
            name=cleaned["name"],
            stem=cleaned["stem"],
            stem_format="html",
            spec=spec,
            category=category,
            idnumber=cleaned["idnumber"],
            status=cleaned["status"],
            usage=cleaned["usage"]
            or (question.usage if question is not None else QuestionUsage.CERTIFICATION),
            difficulty=cleaned["difficulty"],
            default_points=cleaned["default_points"],
            audiences=cleaned["audiences"],
            competencies=list(cleaned["competencies"]),
            tags=[tag.strip() for tag in cleaned["tags"].split(",")],
            image=cleaned.get("image"),
            image_alt=cleaned["image_alt"],
        )
        if question is None:
            question = do_create_question(data, request.user)
            messages.success(request, _("Question created."))
        else:
            question = do_update_question(question, data, request.user)
            messages.success(request, _("Question saved."))
        return redirect("assessments:question_preview", pk=question.pk)


class QuestionCreateView(_QuestionFormView):
    permission_required = perms.ADD_QUESTION

    def qtype(self, request):
        qtype = request.GET.get("type") or request.POST.get("qtype") or "single"
        if qtype not in QType.values:
            raise Http404
        return qtype

    def get(self, request):
        qtype = self.qtype(request)
        return self.render_forms(request, qtype, *self.forms(request, qtype))

    def post(self, request):
        return self.save(request, self.qtype(request))


class QuestionEditView(_QuestionFormView):
    permission_required = perms.CHANGE_QUESTION

    def get_question(self, pk):
        return get_object_or_404(Question.objects.select_related("current_version"), pk=pk)

    def get(self, request, pk):
        question = self.get_question(pk)
        return self.render_forms(
            request,
            question.qtype,
            *self.forms(request, question.qtype, question),
            question=question,
        )

    def post(self, request, pk):
        question = self.get_question(pk)
        return self.save(request, question.qtype, question)


class _PreviewSlot:
    """A stand-in slot so the preview uses the learners' own template and code."""

    def __init__(self, version, order):
        self.position = 1
        self.question_version = version
        self.option_order = order
        self.response = None
        self.is_answered = False


def preview_context(request, question, return_error=None) -> dict:
    import random

    version = question.current_version
    order = option_order(version.question_spec, True, random.Random())  # noqa: S311
    own = is_author(request.user, question)
    return {
        "question": question,
        "version": version,
        "q": open_question(_PreviewSlot(version, order), total=1),
        "versions": question.versions.order_by("-number"),
        "can_change": request.user.has_perm(perms.CHANGE_QUESTION),
        "can_review": can_review(request.user) and not own,
        "own_question": own,
        "return_error": return_error,
    }


class QuestionPreviewView(perms.StaffPermissionMixin, View):
    permission_required = perms.VIEW_BANK

    def get(self, request, pk):
        question = get_object_or_404(
            Question.objects.select_related("current_version", "category", "approved_by"), pk=pk
        )
        context = preview_context(request, question)
        return render(request, "assessments/staff/question_preview.html", context)
