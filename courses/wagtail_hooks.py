"""Courses in the Wagtail admin: a moderated snippet (drafts, revisions, locking
and the same "Biên tập → Duyệt" workflow as library pages), steps in order."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    PageChooserPanel,
)
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .admin_warnings import item_warnings, required_step_warnings, warn_editor
from .forms import CourseForm
from .models import Course, CourseStep

LIBRARY_ITEM_TYPES = [
    "cms.GuidePage",
    "cms.VideoPage",
    "cms.InfographicPage",
    "cms.LessonPage",
    "cms.DocumentPage",
]

CourseStep.panels = [
    FieldPanel("module_title"),
    FieldRowPanel([PageChooserPanel("page", page_type=LIBRARY_ITEM_TYPES), FieldPanel("quiz")]),
    FieldPanel("required"),
]


class CourseViewSet(SnippetViewSet):
    model = Course
    icon = "list-ol"
    menu_label = _("Courses")
    menu_name = "courses"
    add_to_admin_menu = True
    menu_order = 210
    list_display = ["title", "live"]
    search_fields = ["title", "summary"]
    edit_handler_panels = [
        FieldPanel("title"),
        FieldPanel("slug"),
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldPanel("audiences"),
                FieldPanel("competencies"),
                FieldPanel("sequential"),
                FieldPanel("certificate_framework"),
            ],
            heading=_("Who and what"),
        ),
        InlinePanel("steps", heading=_("Steps"), label=_("Step"), min_num=1),
    ]
    edit_handler = ObjectList(edit_handler_panels, base_form_class=CourseForm)


register_snippet(CourseViewSet)


# Required steps some learners cannot open (courses.admin_warnings): a warning
# after every save of a course or of its public page, whichever button.
@hooks.register("after_create_snippet")
@hooks.register("after_edit_snippet")
def warn_about_closed_required_steps(request, instance):
    if isinstance(instance, Course):
        warn_editor(request, instance)


@hooks.register("after_create_page")
@hooks.register("after_edit_page")
def warn_about_closed_required_steps_of_the_page(request, page):
    course_id = getattr(page.specific, "course_id", None)
    if course_id is not None:
        warn_editor(request, Course.objects.get(pk=course_id))


# A library item that is a required step: its editor is told on opening it and
# after taking it off the library, since its privacy dialog and the unpublish
# button never save the course. A reviewer opening the course (from a workflow
# task too) is told the same. On opening, a warning the save just before
# already gave (the save redirects to the edit view) is not repeated.
@hooks.register("before_edit_page")
def warn_about_courses_the_item_closes_on_open(request, page):
    if request.method == "GET":
        _warn_once(request, item_warnings(page))


@hooks.register("after_unpublish_page")
def warn_about_courses_the_item_closes(request, page):
    from django.contrib import messages

    for warning in item_warnings(page):
        messages.warning(request, warning)


@hooks.register("before_edit_snippet")
def warn_about_closed_required_steps_on_open(request, instance):
    if request.method == "GET" and isinstance(instance, Course):
        _warn_once(request, required_step_warnings(instance))


@hooks.register("construct_homepage_panels")
def add_courses_needing_attention(request, panels):
    if request.user.has_perm("courses.change_course"):
        from .admin_attention import CoursesNeedingAttentionPanel

        panels.append(CoursesNeedingAttentionPanel())


def _warn_once(request, warnings) -> None:
    """Only on a page about to render its messages: reading them marks them shown."""
    from django.contrib import messages

    shown = {str(message.message) for message in messages.get_messages(request)}
    for warning in warnings:
        if warning not in shown:
            messages.warning(request, warning)
