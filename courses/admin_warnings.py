"""What an editor is told on saving a course (or its public page) in the
Wagtail admin: each required step whose library item some learners cannot
open, by position and title. Learners who cannot open a required step can
never complete the course (courses.visibility), so the editor should know.

A required quiz step is judged the same way: a quiz not published, or one
only for an audience the course is not only for, with no practice opening.

Only a warning, never a refusal:
- a group restriction is often the point (a course for the commune's
  officials, for one village's team): refusing would forbid that course;
- an item not published yet may be in the same review as the course, and an
  item can be unpublished after the course anyway, so a check at publishing
  time could not be the only guard: the learner's side explains such a step
  in every case (courses.visibility), and this warning asks the editor to
  publish the item or make the step optional;
- a password restriction: learners get in once given the password.
A login restriction is not mentioned: every enrolled learner is signed in."""

from __future__ import annotations

from types import SimpleNamespace

from django.utils.translation import gettext as _

from .visibility import GROUPS, PASSWORD, attach_rules


def _steps_in_order(course) -> list:
    """The course's steps as the form left them (in memory for a draft), in order,
    with their quizzes read in one query."""
    steps = [step for step in course.steps.all() if step.page_id or step.quiz_id]
    quiz_ids = {step.quiz_id for step in steps if step.quiz_id}
    if quiz_ids:
        from assessments.models import Quiz

        quizzes = Quiz.objects.in_bulk(quiz_ids)
        for step in steps:
            if step.quiz_id:
                step.quiz = quizzes[step.quiz_id]
    return sorted(steps, key=lambda step: (step.sort_order is None, step.sort_order or 0))


def _quiz_warning(course, position: int, quiz) -> str | None:
    """A required quiz step some of the course's learners cannot take: not
    published, or for one audience the course is not only for, with no practice."""
    from lms.audiences import Audience

    from .models.paths import split_audiences

    names = {"position": position, "title": quiz.title}
    if not quiz.is_published:
        return (
            _(
                "Step %(position)s “%(title)s” is required, but its quiz is not published: no "
                "learner can take it or complete the course until it is. Publish the quiz or make "
                "the step optional."
            )
            % names
        )
    others = [code for code in split_audiences(course.audience_codes) if code != quiz.audience]
    if others and not quiz.open_for_practice:
        return _(
            "Step %(position)s “%(title)s” is required, but its quiz is only for %(audience)s: "
            "the course's other learners cannot take it nor complete the course. Open the quiz "
            "for practice, or make the step optional."
        ) % {**names, "audience": Audience(quiz.audience).label}
    return None


def required_step_warnings(course) -> list[str]:
    """One sentence per required step some learners cannot open or take."""
    return [warning for _position, warning in positioned_warnings(course)]


def positioned_warnings(course, steps: list | None = None) -> list[tuple[int, str]]:
    """(position, sentence) of each required step some learners cannot open or
    take; ``steps``: the course's steps already read by ``_steps_in_order``."""
    from wagtail.models import Page

    steps = _steps_in_order(course) if steps is None else steps
    wanted = {step.page_id for step in steps if step.required and step.page_id}
    pages = {page.pk: page for page in Page.objects.filter(pk__in=wanted)} if wanted else {}
    checked = [
        SimpleNamespace(position=position, page_id=step.page_id, page=pages.get(step.page_id))
        for position, step in enumerate(steps, start=1)
        if step.required and step.page_id in pages
    ]
    attach_rules(checked)
    found = [
        (position, _quiz_warning(course, position, step.quiz))
        for position, step in enumerate(steps, start=1)
        if step.required and step.quiz_id
    ]
    found += [(step.position, _page_warning(step)) for step in checked]
    return [
        (position, warning)
        for position, warning in sorted(found, key=lambda pair: pair[0])
        if warning
    ]


def _page_warning(step) -> str | None:
    names = {"position": step.position, "title": step.page.title}
    groups = sorted({name for rule in step.outline_rules for name in rule.groups})
    if not step.page.live:
        return (
            _(
                "Step %(position)s “%(title)s” is required, but its library item is not "
                "published: no learner can open it or complete the course until it is. "
                "Publish the item or make the step optional."
            )
            % names
        )
    if any(rule.kind == GROUPS for rule in step.outline_rules):
        return _(
            "Step %(position)s “%(title)s” is required, but its library item is only "
            "for the group %(groups)s: other learners cannot open it nor complete the "
            "course. If the course is for everyone, make the step optional."
        ) % {**names, "groups": ", ".join(f"“{name}”" for name in groups)}
    if any(rule.kind == PASSWORD for rule in step.outline_rules):
        return (
            _(
                "Step %(position)s “%(title)s” is required, but its library item asks for "
                "a password: give it to the course's learners."
            )
            % names
        )
    return None


def warn_editor(request, course) -> None:
    from django.contrib import messages

    for warning in required_step_warnings(course):
        messages.warning(request, warning)


def item_warnings(page) -> list[str]:
    """What an editor of a library item (or of its privacy, or who takes it off
    the library) is told: each course where it is a required step that some
    learners can no longer open, by course title and position."""
    from .models import Course

    courses = Course.objects.filter(steps__page_id=page.pk, steps__required=True).distinct()
    warnings = []
    for course in courses.order_by("title"):
        steps = _steps_in_order(course)
        its_positions = {n for n, step in enumerate(steps, start=1) if step.page_id == page.pk}
        warnings += [
            _("Course “%(course)s”: %(warning)s") % {"course": course.title, "warning": warning}
            for position, warning in positioned_warnings(course, steps)
            if position in its_positions
        ]
    return warnings
