"""Pages of personal data: the notice, consent, a person's own copy and erasure,
the office's handling of a request, and the processing register. Thin callers of
the actions in consent.py, export.py and erasure.py."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from lms.accounts.roles import Role, has_role
from lms.errors import ActionError, NotFound

from . import consent as consent_actions
from .erasure import access_person, do_erase_person, do_request_erasure, registered_themselves
from .export import access_export, do_record_export_download, do_request_export
from .middleware import CONSENT_DUE
from .models import ConsentMethod, PrivacyRequest, RequestKind, RequestStatus
from .registry import holdings


def _notice_context():
    return {
        "controller": settings.PRIVACY_CONTROLLER or _("the unit running this site"),
        "contact": settings.PRIVACY_CONTACT,
        "notice_version": settings.PRIVACY_NOTICE_VERSION,
        "guest_days": settings.PRIVACY_GUEST_RETENTION_DAYS,
        "guardian_age": settings.PRIVACY_GUARDIAN_CONSENT_AGE,
    }


def notice(request):
    return render(request, "privacy/notice.html", _notice_context())


def _safe_next(request, default="accounts:dashboard"):
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}):
        return target
    return default


@login_required
def consent(request):
    user = request.user
    needs_guardian = consent_actions.person_needs_guardian(user)
    if request.method == "POST" and not needs_guardian:
        if request.POST.get("agree") != "on":
            messages.error(request, _("Tick the box to agree, or sign out."))
        else:
            consent_actions.do_record_consent(user=user, method=ConsentMethod.SIGN_IN)
            request.session.pop(CONSENT_DUE, None)
            return redirect(_safe_next(request))
    return render(
        request,
        "privacy/consent.html",
        {**_notice_context(), "needs_guardian": needs_guardian, "next": _safe_next(request, "")},
    )


def _requests_of(person):
    return PrivacyRequest.objects.filter(subject_ref=person.pk).order_by("-created_at")[:10]


@login_required
def my_data(request):
    user = request.user
    if request.method == "POST":
        try:
            action = request.POST.get("action")
            if action == "export":
                do_request_export(actor=user, person=user)
                messages.success(request, _("Your copy is being prepared."))
            elif action == "erase":
                do_request_erasure(actor=user, person=user)
                messages.success(request, _("Your erasure request is recorded."))
            elif action == "confirm_erase":
                waiting = _waiting_erasure(user)
                if waiting is None or request.POST.get("sure") != "on":
                    raise ActionError(_("Tick the box to confirm the erasure."))
                do_erase_person(actor=user, request=waiting)
                logout(request)
                return render(request, "privacy/erased.html")
        except ActionError as exc:
            messages.error(request, str(exc.message))
        return redirect("privacy:my_data")
    return render(
        request,
        "privacy/my_data.html",
        {
            "requests": _requests_of(user),
            "waiting_erasure": _waiting_erasure(user),
            "may_confirm_self": registered_themselves(user),
            "consents": user.consents.all()[:5],
            "has_current_consent": consent_actions.has_current_consent(user),
        },
    )


def _waiting_erasure(person):
    return PrivacyRequest.objects.filter(
        subject_ref=person.pk, kind=RequestKind.ERASURE, status=RequestStatus.PENDING
    ).first()


@login_required
def export_status(request, request_id: int, token: str):
    try:
        export = access_export(request.user, request_id, token)
    except NotFound as exc:
        raise Http404 from exc
    return JsonResponse({"status": export.status, "progress": export.progress})


@login_required
def export_download(request, request_id: int, token: str):
    try:
        export = access_export(request.user, request_id, token)
    except NotFound as exc:
        raise Http404 from exc
    if export.status != RequestStatus.READY or not export.file:
        raise Http404
    do_record_export_download(request.user, export)
    return FileResponse(
        export.file.open("rb"),
        as_attachment=True,
        filename=f"du-lieu-ca-nhan-{export.subject_ref}.zip",
        content_type="application/zip",
    )


@login_required
def manage_person(request, user_id: int):
    """At the commune office: a person in scope asks for their copy or their
    erasure, or a guardian consents for a learner under 16."""
    if request.user.pk == user_id:
        return redirect("privacy:my_data")
    try:
        person = access_person(request.user, user_id)
    except NotFound as exc:
        raise Http404 from exc
    if request.method == "POST":
        try:
            action = request.POST.get("action")
            if action == "export":
                do_request_export(actor=request.user, person=person)
                messages.success(request, _("The copy is being prepared."))
            elif action == "erase":
                do_request_erasure(actor=request.user, person=person)
                messages.success(request, _("The erasure request is recorded."))
            elif action == "confirm_erase":
                waiting = _waiting_erasure(person)
                if waiting is None or request.POST.get("sure") != "on":
                    raise ActionError(_("Tick the box to confirm the erasure."))
                do_erase_person(actor=request.user, request=waiting)
                messages.success(request, _("The account has been erased."))
                return redirect("accounts:manage_people")
            elif action == "guardian":
                consent_actions.do_record_consent(
                    user=person,
                    method=ConsentMethod.GUARDIAN,
                    actor=request.user,
                    guardian_name=request.POST.get("guardian_name", ""),
                    guardian_relation=request.POST.get("guardian_relation", ""),
                )
                messages.success(request, _("The guardian's consent is recorded."))
        except ActionError as exc:
            messages.error(request, str(exc.message))
        return redirect("privacy:manage_person", user_id=person.pk)
    return render(
        request,
        "privacy/manage_person.html",
        {
            "person": person,
            "requests": _requests_of(person),
            "waiting_erasure": _waiting_erasure(person),
            "needs_guardian": consent_actions.person_needs_guardian(person),
            "consents": person.consents.all()[:5],
        },
    )


@login_required
def register(request):
    """The processing register, generated from what each app declares."""
    if not (request.user.is_superuser or has_role(request.user, Role.ADMINISTRATOR)):
        raise PermissionDenied
    return render(request, "privacy/register.html", {"holdings": holdings(), **_notice_context()})
