"""Pages for people in the field: a team member logs an activity from a phone,
an ambassador follows their learners, a manager sees coverage."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.db.models import Count
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from assessments.certificates.models import Certificate, CertificateStatus
from courses.outline import learner_courses
from lms.accounts.access import ask_to_sign_in
from lms.errors import ActionError

from .. import actions, indicators
from ..access import access_team, ambassador_of, deny_non_manager
from ..errors import OutsideScope
from ..forms import ActivityForm
from ..models import (
    ActivityKind,
    TeamMember,
    TeamTarget,
)


def my_team(request):
    """The home page's "my team" tool: the team the user is a member of."""
    if not request.user.is_authenticated:
        return ask_to_sign_in(request)
    membership = (
        TeamMember.objects.filter(user=request.user).order_by("team__unit__path", "pk").first()
    )
    if membership is None:
        return deny_non_manager(request)
    return redirect("movement:team", team_id=membership.team_id)


def team(request, team_id: int):
    if not request.user.is_authenticated:
        return ask_to_sign_in(request)
    try:
        the_team = access_team(request.user, team_id)
    except OutsideScope as error:
        return render(request, "movement/outside_scope.html", {"error": error}, status=404)
    form = ActivityForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                entry = actions.do_log_activity(
                    actor=request.user, team=the_team, **form.cleaned_data
                )
            except ActionError as error:
                form.add_error(None, str(error.message))
                status = error.status
            else:
                messages.success(
                    request, _("Logged: %(kind)s.") % {"kind": entry.get_kind_display()}
                )
                return redirect("movement:team", team_id=the_team.pk)
        else:
            status = 400
    return render(
        request,
        "movement/team.html",
        {
            "team": the_team,
            "form": form,
            "kinds": ActivityKind.choices,
            "progress": team_progress(the_team, timezone.localdate()),
            "recent": the_team.activities.select_related("logged_by")[:10],
        },
        status=status,
    )


def team_progress(the_team, today) -> list[dict]:
    year, quarter = indicators.quarter_of(today)
    start, end = indicators.quarter_start(year, quarter), indicators.quarter_end(year, quarter)
    done = dict(
        the_team.activities.filter(day__gte=start, day__lte=end)
        .values("kind")
        .annotate(n=Count("id"))
        .values_list("kind", "n")
    )
    targets = dict(
        TeamTarget.objects.filter(team=the_team, year=year, quarter=quarter).values_list(
            "kind", "count"
        )
    )
    return [
        {"label": label, "done": done.get(kind, 0), "target": targets.get(kind)}
        for kind, label in ActivityKind.choices
    ]


def follow_up(learner, certified: bool) -> dict:
    """One learner's row on their ambassador's page: the course they are on, how
    far along, and the next thing to help them with."""
    courses = learner_courses(learner)
    current = next((c for c in courses if not c.complete), courses[0] if courses else None)
    if certified:
        next_step = _("Done: certificate earned")
    elif current is None:
        next_step = _("Help them enrol in a course")
    elif current.next_step is not None:
        next_step = _("Next step: %(step)s") % {"step": current.next_step.title}
    elif current.stuck_positions:
        # A required step they may not open (reserved for a group, not published).
        next_step = _(
            "Step %(positions)s is not open to them: ask the instructor or the course's editors"
        ) % {"positions": ", ".join(str(position) for position in current.stuck_positions)}
    else:
        next_step = _("Help them take the completion quiz of their audience")
    return {
        "name": learner.get_full_name(),
        "phone": learner.phone_display,
        "certified": certified,
        "course": current.course.title if current else "",
        "percent": current.percent if current else None,
        "next_step": next_step,
    }


def ambassador(request):
    if not request.user.is_authenticated:
        return ask_to_sign_in(request)
    me = ambassador_of(request.user)
    if me is None:
        return deny_non_manager(request)
    assignments = me.assignments.filter(ended_at__isnull=True).select_related("learner")
    learners = [a.learner for a in assignments]
    certified = set(
        Certificate.objects.filter(user__in=learners, status=CertificateStatus.VALID).values_list(
            "user_id", flat=True
        )
    )
    rows = [follow_up(learner, learner.pk in certified) for learner in learners]
    return render(
        request,
        "movement/ambassador.html",
        {"rows": rows, "limit": settings.MOVEMENT_AMBASSADOR_MAX_LEARNERS},
    )
