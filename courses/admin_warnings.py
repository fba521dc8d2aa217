"""What an editor is told on saving a course (or its public page) in the
Wagtail admin: each required step whose library item some learners cannot
open, by position and title. Learners who cannot open a required step can
never complete the course (courses.visibility), so the editor should know.

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
    """The course's steps as the form left them (in memory for a draft), in order."""
    steps = [step for step in course.steps.all() if step.page_id or step.quiz_id]
    return sorted(steps, key=lambda step: (step.sort_order is None, step.sort_order or 0))


def required_step_warnings(course) -> list[str]:
    """One sentence per required step some learners cannot open (none for quizzes)."""
    from wagtail.models import Page

    steps = _steps_in_order(course)
    wanted = {step.page_id for step in steps if step.required and step.page_id}
    if not wanted:
        return []
    pages = {page.pk: page for page in Page.objects.filter(pk__in=wanted)}
    checked = [
        SimpleNamespace(position=position, page_id=step.page_id, page=pages.get(step.page_id))
        for position, step in enumerate(steps, start=1)
        if step.required and step.page_id in pages
    ]
    attach_rules(checked)
    warnings = []
    for step in checked:
        names = {"position": step.position, "title": step.page.title}
        groups = sorted({name for rule in step.outline_rules for name in rule.groups})
        if not step.page.live:
            warnings.append(
                _(
                    "Step %(position)s “%(title)s” is required, but its library item is not "
                    "published: no learner can open it or complete the course until it is. "
                    "Publish the item or make the step optional."
                )
                % names
            )
        elif any(rule.kind == GROUPS for rule in step.outline_rules):
            warnings.append(
                _(
                    "Step %(position)s “%(title)s” is required, but its library item is only "
                    "for the group %(groups)s: other learners cannot open it nor complete the "
                    "course. If the course is for everyone, make the step optional."
                )
                % {**names, "groups": ", ".join(f"“{name}”" for name in groups)}
            )
        elif any(rule.kind == PASSWORD for rule in step.outline_rules):
            warnings.append(
                _(
                    "Step %(position)s “%(title)s” is required, but its library item asks for "
                    "a password: give it to the course's learners."
                )
                % names
            )
    return warnings


def warn_editor(request, course) -> None:
    from django.contrib import messages

    for warning in required_step_warnings(course):
        messages.warning(request, warning)
