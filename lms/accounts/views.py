from urllib.parse import urlsplit

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import Resolver404, resolve, reverse_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from lms.html_errors import action_errors, reported_on
from lms.privacy.middleware import mark_consent_due_if_needed

from . import actions, limits, queries
from .access import deny_unless_role
from .backends import find_user_by_identifier
from .forms import LoginForm, ResetWithCodeForm, SignUpForm
from .roles import Role
from .tools import tools_for_request

# Form errors that tell a stranger an account exists.
TAKEN_CODES = ("duplicate_phone", "duplicate_username", "duplicate_email")


def _limited(request, template, context, wait):
    response = render(request, template, context, status=429)
    response["Retry-After"] = str(wait)
    return response


# Why the sign-in page appeared, by the URL namespace of the page asked for:
# a silent bounce to a login form reads like an error to a first-time learner.
SIGN_IN_REASONS = {
    "assessments": gettext_lazy("Sign in to take a quiz"),
    "certificates": gettext_lazy("Sign in to see your learning"),
    "accounts": gettext_lazy("Sign in to see your learning"),
}


def sign_in_reason(next_url: str) -> str:
    """The sentence that says why signing in is needed for ``next_url`` (already
    checked to be on this site), or ""."""
    if not next_url:
        return ""
    try:
        match = resolve(urlsplit(next_url).path)
    except Resolver404:
        return ""
    namespace = match.namespaces[0] if match.namespaces else ""
    return str(SIGN_IN_REASONS.get(namespace, ""))


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["sign_in_reason"] = sign_in_reason(self.get_redirect_url())
        return context

    def form_valid(self, form):
        response = super().form_valid(form)
        # A new notice version (or none agreed yet) is shown before anything else.
        mark_consent_due_if_needed(self.request, form.get_user())
        return response


def signup(request):
    if request.user.is_authenticated:
        return redirect("accounts:dashboard")
    refreshing_units = "refresh_units" in request.POST
    # Without JavaScript, "refresh_units" posts the form to fill the next unit list:
    # the form is shown again unbound-looking, without errors.
    form = (
        SignUpForm(request.POST or None)
        if not refreshing_units
        else SignUpForm(initial=request.POST.dict())
    )
    if request.method == "POST" and not refreshing_units:
        wait = limits.signup_wait(request)
        if wait:
            # Not validated: validating would say whether the number has an account.
            messages.error(request, limits.message("signup", wait))
            form = SignUpForm(initial=request.POST.dict())
            return _limited(request, "accounts/signup.html", {"form": form}, wait)
    if request.method == "POST" and not refreshing_units and form.is_valid():
        data = form.cleaned_data
        with reported_on(form):
            user = actions.do_create_learner(
                full_name=data["full_name"],
                password=data["password1"],
                phone=data["phone"] or None,
                username=data["username"] or None,
                email=data["email"],
                audience=data["audience"],
                home_unit=form.chosen_unit(),
                consented=data["consent"],
            )
            login(request, user, backend="lms.accounts.backends.PhoneOrUsernameBackend")
            mark_consent_due_if_needed(request, user)
            messages.success(
                request, _("Welcome, %(name)s! Your account is ready.") % {"name": user.full_name}
            )
            return redirect("accounts:dashboard")
        limits.note_signup_taken(request)
    elif (
        request.method == "POST"
        and not refreshing_units
        and any(form.has_error(field, code) for field in form.fields for code in TAKEN_CODES)
    ):
        limits.note_signup_taken(request)
    return render(
        request,
        "accounts/signup.html",
        {"form": form, "privacy_controller": settings.PRIVACY_CONTROLLER or _("This site")},
    )


@login_required
def dashboard(request):
    # Each role's tools come first, one tap away (lms/accounts/tools.py).
    tools = tools_for_request(request)  # kept in the session: no role query per request
    user = request.user
    if user.home_unit_id:
        from lms.units.models import Unit

        # Its full name walks up to the province: village, commune and province in one query.
        user.home_unit = Unit.objects.select_related("parent__parent").get(pk=user.home_unit_id)
    return render(request, "accounts/dashboard.html", {"tool_groups": tools})


def reset_with_code(request):
    form = ResetWithCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        identifier = form.cleaned_data["identifier"]
        wait = limits.reset_code_wait(request, identifier)
        if wait:
            form.add_error(None, limits.message("reset_code", wait))
            return _limited(request, "accounts/reset_with_code.html", {"form": form}, wait)
        user = find_user_by_identifier(identifier)
        with reported_on(form):
            actions.check_reset_code_and_set_password(
                user=user,
                code=form.cleaned_data["code"],
                new_password=form.cleaned_data["new_password1"],
            )
            messages.success(request, _("Your password has been changed. Sign in with it now."))
            return redirect("accounts:login")
        limits.note_wrong_reset_code(request, identifier)
    return render(request, "accounts/reset_with_code.html", {"form": form})


def manage_people(request):
    query = request.GET.get("q", "").strip()[:100]
    try:
        people = queries.search_people(request.user, query)
    except queries.NotAUnitManager:
        # The sign-in page for visitors, the 403 naming the roles for the signed in.
        return deny_unless_role(request, [Role.UNIT_MANAGER, Role.ADMINISTRATOR])
    page = Paginator(people, 50).get_page(request.GET.get("page"))
    resettable = queries.resettable_among(request.user, page)
    context = {"page": page, "query": query, "resettable": resettable}
    return render(request, "accounts/manage_people.html", context)


@login_required
@require_POST
@action_errors
def issue_reset_code(request, user_id: int):
    person = actions.access_reset_code_target(request.user, user_id)
    code = actions.do_issue_reset_code(user=person, issued_by=request.user)
    return render(
        request,
        "accounts/reset_code_issued.html",
        {"person": person, "code": code, "lifetime_hours": 24},
    )


class PasswordResetView(auth_views.PasswordResetView):
    template_name = "accounts/password_reset_form.html"
    email_template_name = "accounts/email/password_reset.txt"
    subject_template_name = "accounts/email/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")

    def form_valid(self, form):
        wait = limits.password_reset_wait(self.request, form.cleaned_data["email"])
        if wait:
            form.add_error(None, limits.message("password_reset", wait))
            return _limited(
                self.request, self.template_name, self.get_context_data(form=form), wait
            )
        return super().form_valid(form)


password_reset = PasswordResetView.as_view()
password_reset_done = auth_views.PasswordResetDoneView.as_view(
    template_name="accounts/password_reset_done.html"
)
password_reset_confirm = auth_views.PasswordResetConfirmView.as_view(
    template_name="accounts/password_reset_confirm.html",
    success_url=reverse_lazy("accounts:password_reset_complete"),
)
password_reset_complete = auth_views.PasswordResetCompleteView.as_view(
    template_name="accounts/password_reset_complete.html"
)
