from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from lms.core.replica import reads_from_replica
from lms.text import slugify

from .report import build_report, class_certificates, report_xlsx
from .view_helpers import with_class

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@with_class
@reads_from_replica
def report(request, community_class):
    context = {"community_class": community_class, "report": build_report(community_class)}
    return render(request, "courses/classes/report.html", context)


@with_class
@reads_from_replica
def report_export(request, community_class):
    data = report_xlsx(community_class, build_report(community_class))
    response = HttpResponse(data, content_type=XLSX_TYPE)
    name = slugify(community_class.name) or "lop"
    response["Content-Disposition"] = f'attachment; filename="bao-cao-{name}.xlsx"'
    return response


@with_class
@reads_from_replica
def print_certificates(request, community_class):
    """All certificates of the class in one PDF: the certificates app's batch print."""
    from django.conf import settings

    from assessments.certificates.documents import class_pdf

    certificates = list(class_certificates(community_class)[: settings.CERTIFICATE_PRINT_MAX])
    if not certificates:
        messages.info(request, _("No learner of this class holds a certificate yet."))
        return redirect("classes:report", class_id=community_class.pk)
    response = HttpResponse(class_pdf(certificates), content_type="application/pdf")
    name = slugify(community_class.name) or "lop"
    response["Content-Disposition"] = f'attachment; filename="chung-nhan-{name}.pdf"'
    return response
