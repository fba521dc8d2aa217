from django import template
from django.urls import reverse
from django.utils.translation import gettext as _

from courses import learner_parts
from courses.outline import learner_courses
from courses.visibility import Viewer

register = template.Library()


def _user(context):
    request = context.get("request")
    return getattr(request, "user", None) or context.get("user")


@register.inclusion_tag("courses/includes/my_courses.html", takes_context=True)
def my_courses(context):
    """The learner's courses with progress and a "continue" button:
    ``{% load course_tags %}{% my_courses %}``."""
    user = _user(context)
    if user is None or not user.is_authenticated:
        return {"my_courses": []}
    request = context.get("request")
    courses = learner_courses(user, Viewer.of(request) if request is not None else None)
    return {"my_courses": courses}


def next_action(user, viewer: Viewer | None = None) -> dict | None:
    """What a signed-in learner should do next: continue a course (at a step
    they may open), else see the certificate, else take their audience's
    completion quiz."""
    from assessments.certificates.models import Certificate, CertificateStatus
    from assessments.models import Quiz

    for item in learner_courses(user, viewer):
        if item.next_step is not None and not item.complete:
            return {
                "text": _("Continue “%(course)s”: %(step)s")
                % {"course": item.course.title, "step": item.next_step.title},
                "url": item.next_url,
                "label": _("Continue"),
            }
    if Certificate.objects.filter(user=user, status=CertificateStatus.VALID).exists():
        return {
            "text": _("You have earned your certificate."),
            "url": reverse("accounts:dashboard"),
            "label": _("See my certificate"),
        }
    if user.audience:
        quiz = (
            Quiz.objects.filter(
                audience=user.audience, is_published=True, counts_for_certificate=True
            )
            .order_by("title")
            .first()
        )
        if quiz is not None:
            return {
                "text": _("Take the completion quiz for your group: %(quiz)s")
                % {"quiz": quiz.title},
                "url": reverse("assessments:quiz", args=[quiz.slug]),
                "label": _("Take the quiz"),
            }
    return None


@register.inclusion_tag("courses/includes/next_step.html", takes_context=True)
def my_next_step(context):
    user = _user(context)
    if user is None or not user.is_authenticated:
        return {"next_action": None}
    request = context.get("request")
    return {"next_action": next_action(user, Viewer.of(request) if request is not None else None)}


def _step_nav(context):
    """The step page's course bar data (courses.views.StepNav): set on the
    request for a library page served as a step, in the context for a quiz step."""
    return getattr(context.get("request"), "course_step", None) or context.get("nav")


@register.simple_tag(takes_context=True)
def course_bar(context):
    """The course bar of a step page; nothing on any other page."""
    nav = _step_nav(context)
    return learner_parts.bar(nav) if nav is not None else ""


@register.simple_tag(takes_context=True)
def course_step_end(context):
    """The end of a library page served as a course step: the "done" form,
    the previous and next steps; nothing on the item's own page."""
    nav = getattr(context.get("request"), "course_step", None)
    return learner_parts.end(nav, context.get("csrf_token")) if nav is not None else ""


@register.simple_tag(takes_context=True)
def course_progress(context):
    """Above a course's outline: the learner's progress and next step, the
    enrol form, or the way to sign in (courses.outline.outline_context)."""
    return learner_parts.progress(
        context["request"],
        context["course_state"],
        context.get("course_next_url"),
        context.get("course_stuck_note"),
        context.get("csrf_token"),
    )
