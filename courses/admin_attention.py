"""The Wagtail dashboard's panel of published courses that some learners
cannot complete: a required step whose item is unpublished or restricted to a
group or a password, or whose quiz is unpublished or for one audience only.

Saving a course warns its editor (courses.admin_warnings), but a course can
become so without that save: an item unpublished or given a privacy setting in
its page's dialog, a quiz taken off, a course published by a workflow approval
from the dashboard. So the state itself is shown where editors start, whatever
changed it."""

from __future__ import annotations

from django.db.models import F, Q, Value
from django.db.models.functions import Concat
from django.urls import reverse
from wagtail.admin.ui.components import Component

from .admin_warnings import required_step_warnings
from .visibility import GROUPS, PASSWORD

SHOWN = 20


def _closed_required_steps() -> Q:
    """Required steps that may be closed to some learners (checked in full after)."""
    from wagtail.models import PageViewRestriction

    only_one_audience = Concat(Value("|"), F("quiz__audience"), Value("|"))
    closed = (
        Q(page__live=False)
        | Q(quiz__is_published=False)
        | (Q(quiz__open_for_practice=False) & ~Q(course__audience_codes=only_one_audience))
    )
    restricted = PageViewRestriction.objects.filter(restriction_type__in=[GROUPS, PASSWORD])
    for path in restricted.values_list("page__path", flat=True).distinct():
        closed |= Q(page__path__startswith=path)
    return closed


def courses_needing_attention(limit: int = SHOWN) -> list[tuple]:
    """(course, warnings) of the published courses with a closed required step, by title."""
    from .models import Course, CourseStep

    candidates = (
        CourseStep.objects.filter(required=True, course__live=True)
        .filter(_closed_required_steps())
        .values_list("course_id", flat=True)
    )
    courses = Course.objects.filter(pk__in=candidates).order_by("title")[:limit]
    return [
        (course, warnings) for course in courses if (warnings := required_step_warnings(course))
    ]


class CoursesNeedingAttentionPanel(Component):
    name = "courses_needing_attention"
    template_name = "courses/admin/attention_panel.html"
    order = 205  # just above "your pages and snippets in a workflow"

    def get_context_data(self, parent_context):
        rows = [
            {
                "course": course,
                "warnings": warnings,
                "edit_url": reverse("wagtailsnippets_courses_course:edit", args=[course.pk]),
            }
            for course, warnings in courses_needing_attention()
        ]
        return {"rows": rows}
