"""The manager's view of teams and ambassadors: coverage, each ambassador's
results, each team's quarter against its targets, and the forms that set them up."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Count, Q, Sum
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from assessments.certificates.models import CertificateStatus
from lms.errors import ActionError
from lms.units.scope import units_in_scope

from .. import actions, indicators
from ..access import access_person, access_unit, deny_non_manager
from ..errors import OutsideScope
from ..forms import AmbassadorForm, AssignmentForm, MemberForm, TeamForm, TeamTargetForm
from ..models import Ambassador, AmbassadorAssignment, CommunityDigitalTeam
from .field import team_progress

FORMS = {
    "team": TeamForm,
    "member": MemberForm,
    "team_target": TeamTargetForm,
    "ambassador": AmbassadorForm,
    "assignment": AssignmentForm,
}


def _act(name, user, unit, data):
    if name == "team":
        return actions.do_create_team(actor=user, unit=data["unit"], name=data["name"])
    if name == "member":
        account = access_person(user, data["account"]) if data["account"] else None
        return actions.do_add_member(
            actor=user,
            team=data["team"],
            full_name=data["full_name"],
            phone=data["phone"],
            role=data["role"],
            user=account,
        )
    if name == "team_target":
        return actions.do_set_team_target(actor=user, **data)
    if name == "ambassador":
        person = access_person(user, data["account"])
        # The ambassador follows learners anywhere in the unit whose page named them.
        return actions.do_make_ambassador(actor=user, unit=unit, user=person)
    learner = access_person(user, data["account"])
    return actions.do_assign_learner(actor=user, ambassador=data["ambassador"], learner=learner)


def coverage(request, code: str):
    if not units_in_scope(request.user).exists():
        return deny_non_manager(request)
    try:
        unit = access_unit(request.user, code)
    except OutsideScope as error:
        return render(request, "movement/outside_scope.html", {"error": error}, status=404)
    today = timezone.localdate()
    year, quarter = indicators.quarter_of(today)
    posted = request.POST.get("form") if request.method == "POST" else None
    forms = {
        name: form_class(
            request.POST if name == posted else None,
            prefix=name,
            unit=unit,
            initial={"year": year, "quarter": quarter},
        )
        for name, form_class in FORMS.items()
    }
    status = 200
    if posted in forms:
        form = forms[posted]
        if form.is_valid():
            try:
                _act(posted, request.user, unit, form.cleaned_data)
            except ActionError as error:
                form.add_error(None, str(error.message))
                status = 400 if error.status == 404 else error.status
            else:
                messages.success(request, _("Saved."))
                return redirect("movement:coverage", code=unit.code)
        else:
            status = 400
    active = Q(assignments__ended_at__isnull=True)
    ambassadors = (
        Ambassador.objects.filter(unit__path__startswith=unit.path)
        .select_related("user", "unit")
        .annotate(
            followed=Count("assignments", filter=active),
            certified=Count(
                "assignments",
                filter=active
                & Q(assignments__learner__certificates__status=CertificateStatus.VALID),
            ),
        )
        .order_by("user__full_name")
    )
    followed = AmbassadorAssignment.objects.filter(
        ended_at__isnull=True, learner__home_unit__path__startswith=unit.path
    ).count()
    teams = [
        {"team": team, "progress": team_progress(team, today)}
        for team in CommunityDigitalTeam.objects.filter(unit__path__startswith=unit.path)
        .select_related("unit")
        .annotate(entries=Count("activities"), people=Sum("activities__people"))
    ]
    return render(
        request,
        "movement/coverage.html",
        {
            "unit": unit,
            "ambassadors": ambassadors,
            "followed": followed,
            "teams": teams,
            "forms": forms,
        },
        status=status,
    )
