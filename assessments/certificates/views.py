"""Certificate pages: the learner's "Học tập của tôi", public verification,
downloads, the class print, the unit managers' export and revocation. Thin:
every rule lives in the actions (``access``, ``issuing``, ``documents``,
``notifications``)."""

from __future__ import annotations

import tempfile
from datetime import date

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponse, JsonResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST
from django.views.generic import RedirectView

from assessments.models import Quiz
from lms.accounts.access import staff_permission_required
from lms.html_errors import action_errors, reported_on

from . import (
    access,
    codes,
    documents,
    downloads,
    exports,
    handovers,
    issuing,
    notifications,
    verify_page,
)
from .errors import CertificateNotFound
from .ratelimit import count_failed_lookup, verification_allowed

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


# --- the learner -------------------------------------------------------------------


# "Học tập của tôi" is one page, the account page (accounts:dashboard), which shows
# learning_context() through {% my_learning %}; /learning/ redirects there for good.
learning = RedirectView.as_view(pattern_name="accounts:dashboard", permanent=True)


@login_required
@require_POST
def mark_messages_read(request):
    notifications.do_mark_notifications_read(request.user, request.POST.getlist("notification"))
    return redirect("accounts:dashboard")


# --- public verification ----------------------------------------------------------


class VerifyForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Verification code"),
        max_length=40,
        widget=forms.TextInput(
            attrs={"autocapitalize": "characters", "autocomplete": "off", "spellcheck": "false"}
        ),
        help_text=gettext_lazy("10 characters, as printed under the QR code, e.g. ABCDE-FGHJK."),
    )

    def clean_code(self):
        code = codes.normalize(self.cleaned_data["code"])
        if not codes.is_well_formed(code):
            raise forms.ValidationError(
                _("This is not a valid verification code: check each character again."),
                code="malformed",
            )
        return code


def _rate_limited(request):
    allowed, retry_after = verification_allowed(request)
    return None if allowed else _limited_page(request, retry_after)


def _limited_page(request, retry_after: int):
    response = render(
        request, "certificates/verify_limited.html", {"retry_after": retry_after}, status=429
    )
    response["Retry-After"] = str(retry_after)
    return response


@require_GET
def verify_form(request):
    """The form to type a code; a well-formed code redirects to its page."""
    form = VerifyForm(request.GET or None)
    if request.GET:
        limited = _rate_limited(request)
        if limited:
            return limited
        if form.is_valid():
            return redirect("certificates:verify", code=form.cleaned_data["code"])
        count_failed_lookup(request)
        return render(request, "certificates/verify_form.html", {"form": form}, status=400)
    return render(request, "certificates/verify_form.html", {"form": form})


@require_GET
def verify(request, code):
    """The public record. A code whose check character is wrong is refused
    before any database query; failed lookups are rate-limited per IP. An
    anonymous visit is one query and one cache read (verify_page)."""
    normalized = codes.normalize(code)
    if normalized == code and codes.is_well_formed(code) and verify_page.keeps(request):
        values = verify_page.row_values_for(request, code)
        if values is None:
            return _unknown_code(request, code)
        return verify_page.serve(
            request,
            values,
            render=lambda: _found_record_page(request, code),
            refuse=lambda wait: _limited_page(request, wait),
        )
    limited = _rate_limited(request)
    if limited:
        return limited
    if not codes.is_well_formed(normalized):
        form = VerifyForm({"code": code})
        form.is_valid()
        count_failed_lookup(request)
        return render(request, "certificates/verify_form.html", {"form": form}, status=400)
    if normalized != code:
        return redirect("certificates:verify", code=normalized)
    certificate = access.find_for_verification(normalized)
    if certificate is None:
        return _unknown_code(request, normalized, checked=True)
    return _record_page(request, certificate)


def _unknown_code(request, code, checked=False):
    """404, counted as a failure (``checked``: the limit was already asked)."""
    limited = None if checked else _rate_limited(request)
    if limited:
        return limited
    count_failed_lookup(request)
    return render(request, "certificates/verify_unknown.html", {"code": code}, status=404)


def _found_record_page(request, code):
    certificate = access.find_for_verification(code)
    if certificate is None:  # deleted in between
        return _unknown_code(request, code)
    return _record_page(request, certificate)


def _record_page(request, certificate):
    record = access.public_record(certificate)
    pdf_available = access.public_pdf_available(certificate, record["status"])
    return render(
        request, "certificates/verify.html", {"record": record, "pdf_available": pdf_available}
    )


# --- downloads ---------------------------------------------------------------------


def _in_words(request, error, *args, **kwargs):
    """A refusal for a link anyone may follow (the public PDF): its status and
    message as plain text, 404 included."""
    return HttpResponse(str(error.message), status=error.status, content_type="text/plain")


def _refused_credential(request, error, *args, **kwargs):
    # Revoked (410) or altered (409): the reason, in the JSON a wallet reads.
    return JsonResponse({"detail": str(error.message)}, status=error.status)


def _pdf_response(certificate):
    """Stream the PDF from private storage; no shared cache may keep a copy."""
    response = FileResponse(
        downloads.open_pdf(certificate),
        as_attachment=True,
        filename=downloads.download_name(certificate),
        content_type="application/pdf",
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
@never_cache
@action_errors
def download_pdf(request, code):
    """The PDF for its holder, administrators and unit managers in scope. A
    revoked certificate is only ever served with "ĐÃ THU HỒI" across it."""
    return _pdf_response(access.access_certificate(request.user, code))


@require_GET
@never_cache
@action_errors(answer=_in_words)
def public_pdf(request, code):
    """The PDF for anyone with the code, linked from the verification page (rate-
    limited like it); none for a revoked certificate (410)."""
    limited = _rate_limited(request)
    if limited:
        return limited
    try:
        certificate = access.access_public_pdf(code)
    except CertificateNotFound:
        count_failed_lookup(request)
        raise
    return _pdf_response(certificate)


@login_required
@never_cache
@action_errors(on_error=_refused_credential)
def credential(request, code):
    """The signed Open Badges 3.0 credential (JSON-LD)."""
    certificate = access.access_certificate(request.user, code)
    document = documents.signed_credential(certificate)
    response = JsonResponse(
        document,
        json_dumps_params={"ensure_ascii": False, "indent": 2},
        content_type="application/ld+json",
    )
    response["Content-Disposition"] = f'attachment; filename="chung-nhan-{certificate.code}.json"'
    return response


def issuer_key(request):
    """/.well-known/hocvuso-issuer.json: the public key that checks credentials."""
    response = JsonResponse(documents.issuer_document(), json_dumps_params={"ensure_ascii": False})
    response["Access-Control-Allow-Origin"] = "*"
    response["Cache-Control"] = "public, max-age=3600"
    return response


# --- staff: class print, export, revoke ------------------------------------------


class PrintForm(forms.Form):
    quiz = forms.ModelChoiceField(
        label=gettext_lazy("Quiz"), queryset=Quiz.objects.none(), empty_label=None
    )

    def __init__(self, user, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["quiz"].queryset = access.printable_quizzes(user)


@staff_permission_required("certificates.print_certificates")
def print_class(request):
    form = PrintForm(request.user, request.GET or None)
    if request.GET and form.is_valid():
        quiz = form.cleaned_data["quiz"]
        certificates = list(access.access_class_certificates(request.user, quiz))
        if certificates:
            handovers.do_record_class_print(request.user, quiz, certificates)
            response = HttpResponse(
                documents.class_pdf(certificates), content_type="application/pdf"
            )
            response["Content-Disposition"] = f'attachment; filename="chung-nhan-{quiz.slug}.pdf"'
            return response
        messages.info(
            request, _("No learner in your units holds a certificate from this quiz yet.")
        )
    return render(request, "certificates/print_class.html", {"form": form})


class ExportForm(forms.Form):
    format = forms.ChoiceField(
        label=gettext_lazy("Format"), choices=[("csv", "CSV"), ("xlsx", "Excel (.xlsx)")]
    )
    since = forms.DateField(
        label=gettext_lazy("Issued since"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    unit = forms.CharField(label=gettext_lazy("Unit code"), required=False, max_length=32)


@staff_permission_required("certificates.export_certificates")
def export(request):
    from lms.units.scope import units_in_scope

    form = ExportForm(request.GET or None)
    if not (request.GET and form.is_valid()):
        return render(request, "certificates/export.html", {"form": form})
    unit = None
    if form.cleaned_data["unit"]:
        # Only units in the manager's scope are found at all.
        unit = get_object_or_404(units_in_scope(request.user), code=form.cleaned_data["unit"])
    queryset = exports.filter_certificates(
        access.certificates_in_scope(request.user), since=form.cleaned_data["since"], unit=unit
    )
    stamp = date.today().isoformat()
    handovers.do_record_export(
        request.user,
        queryset,
        fmt=form.cleaned_data["format"],
        since=form.cleaned_data["since"],
        unit=unit,
    )
    if form.cleaned_data["format"] == "csv":
        response = StreamingHttpResponse(
            exports.csv_chunks(queryset, office=True), content_type="text/csv; charset=utf-8"
        )
        response["Content-Disposition"] = f'attachment; filename="chung-nhan-{stamp}.csv"'
        return response
    spool = tempfile.SpooledTemporaryFile(max_size=8 * 1024 * 1024)  # noqa: SIM115
    exports.write_xlsx(queryset, spool, office=True)
    spool.seek(0)
    return FileResponse(
        spool, as_attachment=True, filename=f"chung-nhan-{stamp}.xlsx", content_type=XLSX_TYPE
    )


class RevokeForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Reason"), max_length=500, widget=forms.Textarea(attrs={"rows": 3})
    )


@staff_permission_required("certificates.revoke_certificate")
@action_errors
def revoke(request, code):
    certificate = access.access_certificate(request.user, code)
    if certificate.user_id == request.user.pk and not request.user.is_superuser:
        raise Http404
    form = RevokeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        # A refusal (no reason, already revoked) is said on the form, answered 200.
        with reported_on(form):
            issuing.do_revoke_certificate(certificate, form.cleaned_data["reason"], by=request.user)
            messages.success(request, _("The certificate has been revoked."))
            return redirect("certificates:verify", code=certificate.code)
    return render(request, "certificates/revoke.html", {"form": form, "certificate": certificate})
