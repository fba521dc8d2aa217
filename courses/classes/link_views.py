"""The class page's two links outward: the course the class follows, and a
live classroom quiz started from today's session (which marks its players
present when it ends). Thin: the actions do the work."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from assessments.live.errors import LiveError

from .course_link import do_set_class_course
from .errors import ClassError
from .forms import ClassCourseForm, ClassQuizForm
from .live_quiz import NotClassInstructor, do_start_class_quiz, may_start_class_quiz
from .view_helpers import with_class


@require_POST
@with_class
def set_course(request, community_class):
    form = ClassCourseForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a published course."))
        return redirect("classes:detail", class_id=community_class.pk)
    course = form.cleaned_data["course"]
    enrolled = do_set_class_course(
        actor=request.user,
        community_class=community_class,
        course=course,
        enrol_roster=form.cleaned_data["enrol_roster"],
    )
    if course is None:
        messages.success(request, _("The class no longer follows a course."))
    else:
        messages.success(
            request,
            _("The class follows “%(course)s”; %(count)d learners were enrolled.")
            % {"course": course.title, "count": enrolled},
        )
    return redirect("classes:detail", class_id=community_class.pk)


@require_POST
@with_class
def start_quiz(request, community_class, session_id):
    session = community_class.sessions.filter(pk=session_id).first()
    if session is None:
        raise Http404
    if not may_start_class_quiz(request.user, community_class):
        raise PermissionDenied(str(NotClassInstructor.default_message))
    form = ClassQuizForm(request.user, request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a quiz you may run."))
        return redirect("classes:attendance", class_id=community_class.pk, session_id=session.pk)
    try:
        live = do_start_class_quiz(
            actor=request.user, session=session, quiz=form.cleaned_data["quiz"]
        )
    except NotClassInstructor as error:
        raise PermissionDenied(str(error.message)) from error
    except (ClassError, LiveError) as error:
        messages.error(request, str(error.message))
        return redirect("classes:attendance", class_id=community_class.pk, session_id=session.pk)
    return redirect("live:control", session_id=live.pk)
