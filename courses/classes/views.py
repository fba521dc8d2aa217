"""Class pages for instructors and unit managers: the list, a new class, one
class with its sessions and roster. Thin: the actions do the work."""

from django.contrib import messages
from django.db.models import Count, Q
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from courses.models import AttendanceMark, AttendanceStatus, ClassMembership
from lms.accounts.access import signed_in_required
from lms.accounts.roles import Role, has_role

from . import actions
from .access import classes_visible_to
from .forms import ClassCourseForm, ClassForm, SessionForm
from .view_helpers import class_staff_required, with_class


@class_staff_required
def index(request):
    classes = (
        classes_visible_to(request.user)
        .annotate(learners=Count("members", distinct=True))
        .order_by("name")
    )
    return render(request, "courses/classes/index.html", {"classes": classes})


@class_staff_required
def create(request):
    form = ClassForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        instructors = list(form.cleaned_data["instructors"])
        if has_role(request.user, Role.INSTRUCTOR) and request.user not in instructors:
            instructors.append(request.user)  # a class its own creator cannot open is lost
        community_class = actions.do_create_class(
            actor=request.user,
            unit=form.cleaned_data["unit"],
            name=form.cleaned_data["name"],
            place_kind=form.cleaned_data["place_kind"],
            place_name=form.cleaned_data["place_name"],
            place_address=form.cleaned_data["place_address"],
            instructors=instructors,
        )
        messages.success(request, _("The class was created."))
        return redirect("classes:detail", class_id=community_class.pk)
    return render(request, "courses/classes/create.html", {"form": form})


@with_class
def detail(request, community_class):
    form = SessionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        actions.do_add_session(
            actor=request.user, community_class=community_class, **form.cleaned_data
        )
        messages.success(request, _("The session was added."))
        return redirect("classes:detail", class_id=community_class.pk)
    sessions = community_class.sessions.annotate(
        present=Count("marks", filter=Q(marks__status=AttendanceStatus.PRESENT))
    )
    today = timezone.localdate()
    context = {
        "community_class": community_class,
        "sessions": sessions,
        "today_sessions": [s for s in sessions if timezone.localtime(s.starts_at).date() == today],
        "members": actions.roster_query(community_class),
        "instructors": community_class.instructors.order_by("full_name"),
        "form": form,
        "course_form": ClassCourseForm(initial={"course": community_class.course_id}),
    }
    return render(request, "courses/classes/detail.html", context)


@signed_in_required
def my_classes(request):
    """A learner's own classes and their own attendance: nobody else's."""
    memberships = (
        ClassMembership.objects.filter(learner=request.user)
        .select_related("community_class__unit")
        .prefetch_related("community_class__sessions")
    )
    marks = {
        mark.session_id: mark.status for mark in AttendanceMark.objects.filter(learner=request.user)
    }
    classes = []
    for membership in memberships:
        sessions = list(membership.community_class.sessions.all())
        for session in sessions:
            session.my_status = marks.get(session.pk)
        classes.append((membership.community_class, sessions))
    return render(request, "courses/classes/mine.html", {"classes": classes})
