"""Import and export of questions in the browser (same actions as the commands)."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views import View

from assessments import permissions as perms
from assessments.actions import import_questions
from assessments.actions.bank import do_record_questions_export
from assessments.exports.questions import (
    export_questions_gift,
    export_questions_xlsx,
    export_questions_xml,
)
from assessments.filters import QuestionFilter
from assessments.forms.imports import ImportForm
from assessments.importers.xlsx import template_workbook
from assessments.importers.xlsx_columns import COLUMNS
from assessments.models import Question

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
XML_TYPE = "application/xml; charset=utf-8"


class ImportView(perms.StaffPermissionMixin, View):
    permission_required = perms.ADD_QUESTION

    def get(self, request):
        return self.show(request, ImportForm())

    def show(self, request, form, report=None, status=200):
        context = {"form": form, "report": report, "columns": COLUMNS}
        return render(request, "assessments/staff/import.html", context, status=status)

    def post(self, request):
        form = ImportForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.show(request, form, status=400)
        data = form.cleaned_data
        report = import_questions(
            data["format"],
            data["file"].read(),
            category=data["category"],
            dry_run=data["dry_run"],
            skip_invalid=data["skip_invalid"],
            publish=data["publish"],
            usage=data["usage"] or None,
            user=request.user,
        )
        if report.errors and not data["skip_invalid"]:
            messages.error(request, _("Nothing was imported: the file has errors."))
            return self.show(request, form, report, status=400)
        count = report.imported + report.updated
        if data["dry_run"]:
            messages.info(request, _("The file is valid: %(count)s questions.") % {"count": count})
        else:
            messages.success(request, _("Imported %(count)s questions.") % {"count": count})
        return self.show(request, ImportForm(), report)


class TemplateView(perms.StaffPermissionMixin, View):
    permission_required = perms.ADD_QUESTION

    def get(self, request):
        response = HttpResponse(template_workbook(), content_type=XLSX_TYPE)
        response["Content-Disposition"] = 'attachment; filename="mau-cau-hoi.xlsx"'
        return response


class ExportView(perms.StaffPermissionMixin, View):
    permission_required = perms.VIEW_BANK

    def get(self, request):
        questions = QuestionFilter(request.GET, queryset=Question.objects.all()).qs
        fmt = request.GET.get("format")
        do_record_questions_export(
            request.user, questions, fmt if fmt in ("xlsx", "xml") else "gift"
        )
        if request.GET.get("format") == "xlsx":
            response = HttpResponse(export_questions_xlsx(questions), content_type=XLSX_TYPE)
            response["Content-Disposition"] = 'attachment; filename="cau-hoi.xlsx"'
            return response
        if request.GET.get("format") == "xml":
            response = HttpResponse(export_questions_xml(questions), content_type=XML_TYPE)
            response["Content-Disposition"] = 'attachment; filename="cau-hoi.moodle.xml"'
            return response
        text, skipped = export_questions_gift(questions)
        response = HttpResponse(text, content_type="text/plain; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="cau-hoi.gift.txt"'
        if skipped:
            response["X-Skipped-Ordering-Questions"] = str(len(skipped))
        return response
