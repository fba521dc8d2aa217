"""Pages that change an audience: the learner's own, and staff for a person in
their scope. Thin: every rule is in lms.accounts.audience."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lms.audiences import Audience
from lms.html_errors import action_errors, reported_on

from . import audience as rules


class AudienceForm(forms.Form):
    audience = forms.ChoiceField(
        label=gettext_lazy("Audience"), choices=Audience.choices, widget=forms.RadioSelect
    )


def _change(request, person, *, is_self: bool):
    form = AudienceForm(request.POST or None, initial={"audience": person.audience})
    status = 200
    if request.method == "POST":
        if form.is_valid():
            with reported_on(form) as outcome:
                changed = rules.do_change_audience(
                    actor=request.user, person=person, audience=form.cleaned_data["audience"]
                )
                if changed:
                    messages.success(request, _("The audience has been changed."))
                return redirect("accounts:dashboard" if is_self else "accounts:manage_people")
            status = outcome.status
        else:
            status = 400
    locks = rules.lock_reasons(person) if is_self else []
    context = {"form": form, "person": person, "is_self": is_self, "locks": locks}
    return render(request, "accounts/change_audience.html", context, status=status)


@login_required
@action_errors
def change_audience(request):
    return _change(request, request.user, is_self=True)


@login_required
@action_errors
def change_person_audience(request, user_id: int):
    person = rules.access_person_for_audience(request.user, user_id)
    return _change(request, person, is_self=person.pk == request.user.pk)
